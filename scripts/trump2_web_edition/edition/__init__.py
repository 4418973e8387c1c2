"""Library behind the web edition: source text -> document model -> Markdown pages."""
