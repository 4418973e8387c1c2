"""Reading the project's small YAML files: scalars kept as written, and the line a key stands on."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError


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


def load_yaml(text: str, path: str) -> Any:
    """The YAML document in ``text`` (plain scalars as written; empty: an empty mapping); errors name the line."""
    try:
        return yaml.load(text, Loader=TextLoader) or {}
    except yaml.YAMLError as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        raise SourceError(path, line, f"not valid YAML: {getattr(error, 'problem', error)}") from None


def read_utf8(path: Path, what: str) -> str:
    """A small text file's content (a UTF-8 BOM dropped); not UTF-8 is an error at its line."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(str(path), line, f"the {what} is not UTF-8 text") from None
