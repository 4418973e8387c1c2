"""What the edition knows of its cited URLs: where each is cited, its archived copy, its last verdict."""
