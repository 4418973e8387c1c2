"""What the edition knows of its cited URLs: where each is cited, and when."""
