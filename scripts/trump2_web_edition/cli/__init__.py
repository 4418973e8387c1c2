"""Command lines: each parses its arguments, calls one library function and turns errors into one line."""
