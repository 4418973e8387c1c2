"""What one builder needs and another does not: MkDocs + Material + mkdocs-static-i18n fixes, the Zensical build."""
