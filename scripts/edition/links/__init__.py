"""Cited-URL link checking: extract URLs from the document, check them, report."""
