"""Reading the project's small YAML files: scalars kept as written, and the line a key stands on."""

from __future__ import annotations

import yaml


class TextLoader(yaml.SafeLoader):
    """Safe YAML where a plain scalar stays the text as written (``1.10`` is not 1.1, a date not a date), or null."""


TextLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag == "tag:yaml.org,2002:null"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def line_of(text: str, key: str) -> int:
    """The 1-based line where ``key:`` is written (at any indent, quoted or not); 1 if not found."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith((f"{key}:", f'"{key}":', f"'{key}':")):
            return number
    return 1
