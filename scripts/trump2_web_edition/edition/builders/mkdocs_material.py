"""Pure fixes for an MkDocs + Material + mkdocs-static-i18n build (hooks/ adapts them to MkDocs' events).

mkdocs-static-i18n 1.3 builds the default language (zh) at the site root and English under
``en/`` in one ``site_dir``: it stacks both languages in one search index, gives the home
pages site-absolute switcher links, and writes per-page ``<link rel="alternate">`` that
Material's JS takes for language roots. Material's markup carries two attributes the Nu HTML
Checker rejects and a search dialog without an accessible name.
"""

from __future__ import annotations

import re
from typing import Any

# Material's <link rel="alternate" href="…" hreflang="…"> in <head>, one per language.
_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')
_CHECKBOX_AUTOCOMPLETE = re.compile(r'(<input class="md-toggle"[^>]*type="checkbox"[^>]*?) autocomplete="off"')
_SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def split_search_index(data: dict[str, Any], prefixes: list[str]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """One merged search index -> (the default language's, {prefix: that language's}).

    An entry belongs to the language whose prefix (``en/``) its location starts with;
    locations stay relative to the site root.
    """
    keep = list(data.get("docs", []))
    others = {}
    for prefix in prefixes:
        others[prefix] = {**data, "docs": [d for d in keep if d.get("location", "").startswith(prefix)]}
        keep = [d for d in keep if not d.get("location", "").startswith(prefix)]
    return {**data, "docs": keep}, others


def site_relative_link(link: str, base_path: str) -> str:
    """A switcher link the plugin made site-absolute (``/REPO/en/``) -> site-relative (``en/``, ``.``).

    Other links (already relative, or another host's) are returned as they are.
    """
    if not link.startswith("/") or link.startswith("//"):
        return link
    if base_path and (link == base_path or link.startswith(base_path + "/")):
        link = link[len(base_path) :]
    return link.lstrip("/") or "."


def drop_head_alternates(html: str) -> str:
    """Remove Material's per-language ``<link rel="alternate" hreflang>`` from <head> (not the converter's).

    Material's JS fetches ``<href>/sitemap.xml`` for each, expecting a language's root; with
    per-page links every page requested sitemaps that do not exist. The converter's own hreflang
    links (``rel=" alternate"``) stay.
    """
    head, separator, body = html.partition("</head>")
    return _HEAD_ALTERNATE.sub("", head) + separator + body


def conform(html: str) -> str:
    """Drop ``autocomplete`` on Material's checkbox toggles and Safari's ``autocorrect`` (Nu HTML Checker)."""
    html = _CHECKBOX_AUTOCOMPLETE.sub(r"\1", html)
    return html.replace(' autocorrect="off"', "")


def name_search_dialog(html: str, lang: str) -> str:
    """Give Material's search dialog an accessible name (axe-core: aria-dialog-name)."""
    label = "搜索" if lang == "zh" else "Search"
    return html.replace(_SEARCH_DIALOG, _SEARCH_DIALOG.replace(">", f' aria-label="{label}">'), 1)
