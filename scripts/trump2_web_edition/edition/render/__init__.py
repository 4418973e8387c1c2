"""Renderers: Document -> Markdown pages for MkDocs."""
