"""A polite link checker: URLs with their origins in, a verdict per URL out (imports nothing from the edition)."""
