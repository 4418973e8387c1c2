"""MkDocs hook: make the mkdocs-static-i18n build behave as one site per language.

A thin adapter over ``edition.builders.mkdocs_material`` (see there for why each fix exists):

1. One search index per language: after the i18n plugin writes the merged index (its
   ``on_post_build`` runs at priority -100; ours at -110), entries under ``en/`` move to
   ``site/en/search/search_index.json``. ``overrides/main.html`` points the English pages'
   request for the root index at that one.
2. Relative language-switcher links on the home pages (the plugin writes site-absolute ones,
   which break under a sub-path such as a mike version directory).
3. No per-page ``<link rel="alternate" hreflang>`` from Material in <head>.
"""

from __future__ import annotations

import json
import os
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority
from trump2_web_edition.edition.builders.mkdocs_material import (
    drop_head_alternates,
    site_relative_link,
    split_search_index,
)


def _i18n(config):
    return config.plugins.get("i18n")


def _other_prefixes(config) -> list[str]:
    """Site-relative prefixes ('en/') of every built non-default language."""
    plugin = _i18n(config)
    if plugin is None:
        return []
    return [
        lang.link.strip("/") + "/"
        for lang in plugin.config.languages
        if lang.build and not lang.default and lang.locale != "null"
    ]


@event_priority(0)  # after mkdocs-static-i18n's on_page_context (priority 50)
def on_page_context(context, page, config, nav):
    # The plugin assigns the per-page list as an attribute of config.extra, which shadows the
    # dict item; Jinja's config.extra.alternate reads the attribute first, and so do we.
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
    base = urlsplit(config.site_url).path.rstrip("/") if config.site_url else ""
    for alternate in alternates:
        alternate["link"] = site_relative_link(alternate.get("link", ""), base)
    return context


def on_post_page(output, page, config):
    return drop_head_alternates(output)


def on_post_template(output, template_name, config):
    # The 404 pages too (before the hook that writes them elsewhere, at lower priority).
    return drop_head_alternates(output) if template_name == "404.html" else output


@event_priority(-110)  # after mkdocs-static-i18n's on_post_build (priority -100)
def on_post_build(config):
    plugin = _i18n(config)
    if plugin is None or getattr(plugin, "building", False):
        return  # inside the plugin's per-language builds: the merged index comes at the end
    root_index = os.path.join(config.site_dir, "search", "search_index.json")
    if not os.path.isfile(root_index):
        return
    with open(root_index, encoding="utf-8") as stream:
        data = json.load(stream)
    default, others = split_search_index(data, _other_prefixes(config))
    for prefix, index in others.items():
        path = os.path.join(config.site_dir, prefix, "search", "search_index.json")
        os.makedirs(os.path.dirname(path), exist_ok=True)
        _write(path, index)
    _write(root_index, default)


def _write(path: str, data: dict) -> None:
    # The same compact form as Material's search plugin writes.
    with open(path, "w", encoding="utf-8") as stream:
        json.dump(data, stream, separators=(",", ":"), default=str)
