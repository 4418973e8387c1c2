"""An edition's mkdocs.yml: the project's, with the edition's settings for our Markdown extension and its pages."""

from __future__ import annotations

import json
import re

from ..edition.release import Edition

EXTENSION = "trump2_web_edition.markdown_ext"


class ConfigError(ValueError):
    """mkdocs.yml lacks what an edition's build needs (its nav list, the project's Markdown extension)."""


def extension_options(edition: Edition) -> dict[str, object]:
    """What the Markdown extension needs to decorate an edition's pages (markdown_ext.EditionExtension)."""
    return {
        "edition": edition.version,
        "site_url": edition.site_url,
        "repository": edition.repository,
        "revised": sorted(edition.revised),
        "revised_en": sorted(edition.revised_en),
    }


def set_extension_options(config_text: str, options: dict[str, object]) -> str:
    """mkdocs.yml's text with the project's extension given ``options`` (JSON values are YAML values)."""
    pattern = re.compile(rf"^(?P<indent>[ \t]*)- {re.escape(EXTENSION)}[ \t]*:?[ \t]*$", re.MULTILINE)
    match = pattern.search(config_text)
    if match is None:
        raise ConfigError(f"mkdocs.yml does not list {EXTENSION} under markdown_extensions")
    indent = match["indent"] + "    "
    block = [f"{match['indent']}- {EXTENSION}:"]
    block += [f"{indent}{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in options.items()]
    return config_text[: match.start()] + "\n".join(block) + config_text[match.end() :]


def add_to_nav(config_text: str, page_file: str) -> str:
    """mkdocs.yml's text with ``page_file`` appended to its ``nav`` list (an edition's extra page)."""
    lines = config_text.splitlines(keepends=True)
    start = next((i for i, line in enumerate(lines) if re.match(r"^nav:\s*$", line)), None)
    if start is None:
        raise ConfigError("mkdocs.yml has no nav list to add the What-changed page to")
    end = start + 1
    while end < len(lines) and re.match(r"^\s+- ", lines[end]):
        end += 1
    indent = re.match(r"^(\s+)- ", lines[start + 1]).group(1) if end > start + 1 else "  "  # type: ignore[union-attr]
    return "".join(lines[:end] + [f"{indent}- {page_file}\n"] + lines[end:])


def edition_config(config_text: str, edition: Edition, extra_nav: tuple[str, ...] = ()) -> str:
    """The mkdocs.yml an edition is built with: its extension settings, its extra pages in the nav."""
    text = set_extension_options(config_text, extension_options(edition))
    for page in extra_nav:
        text = add_to_nav(text, page)
    return text
