"""MkDocs hook: make the mkdocs-static-i18n build behave as one site per language.

mkdocs-static-i18n (1.3.x) builds the default language (zh) at the site root
and every other language (en) under ``/<locale>/`` in the same ``site_dir``.
Two of its behaviours don't suit this edition; this hook corrects both.

1. Search index per language.
   Material's search always loads ``<config.base>/search/search_index.json``,
   and the i18n plugin stacks the entries of *all* languages into the single
   root index (upstream: ultrabug/mkdocs-static-i18n#271 - "not possible to
   have a search bar contextualized only to the current language").  A reader
   of the Chinese pages would get English hits and vice versa.

   After the i18n plugin has written the merged index (its ``on_post_build``
   runs at priority -100; ours at -110, i.e. after it) this hook splits it:
   entries whose location starts with ``en/`` move to
   ``site/en/search/search_index.json`` (locations unchanged, still relative
   to the site root), the rest stay in ``site/search/search_index.json``.
   Material's ``config.base`` stays the site (version) root on every page,
   which its mike version selector needs; on the non-default language's pages
   ``overrides/main.html`` points Material's request for the root index at the
   ``en`` one instead.

2. Language switcher on the home pages.
   For the home pages the plugin writes site-absolute links (``/`` and
   ``/en/``) into ``extra.alternate``; they break when the site is served
   under a sub-path (a project page, a mike version directory, a preview).
   The other pages already get site-relative links.  ``on_page_context``
   (after the plugin's, which runs at priority 50) turns the absolute ones into
   site-relative ones, which Material's ``url`` filter then makes relative to
   the page.

3. No per-page ``<link rel="alternate" hreflang>`` in ``<head>`` (see
   ``on_post_page``): Material's JS takes them for language roots and fetches
   ``<page>/sitemap.xml`` for each.
"""

from __future__ import annotations

import json
import logging
import os
import re
from urllib.parse import urlsplit

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.hooks.i18n_site")


def _i18n(config):
    return config.plugins.get("i18n")


def _other_locales(config) -> list[tuple[str, str]]:
    """(locale, site-relative prefix like 'en/') of every built non-default language."""
    plugin = _i18n(config)
    if plugin is None:
        return []
    out = []
    for lang in plugin.config.languages:
        if lang.build and not lang.default and lang.locale != "null":
            out.append((lang.locale, lang.link.strip("/") + "/"))
    return out


def _base_path(config) -> str:
    """Path part of site_url ('' or '/sub'), as the i18n plugin prepends it."""
    if not config.site_url:
        return ""
    return urlsplit(config.site_url).path.rstrip("/")


@event_priority(0)  # after mkdocs-static-i18n's on_page_context (priority 50)
def on_page_context(context, page, config, nav):
    # The plugin assigns the per-page list as an *attribute* of config.extra
    # (config.extra.alternate = ...), which shadows the dict item; Jinja's
    # config.extra.alternate reads the attribute first, and so do we.
    alternates = (
        getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
    )
    base = _base_path(config)
    for alt in alternates:
        link = alt.get("link", "")
        if not link.startswith("/") or link.startswith("//"):
            continue
        if base and (link == base or link.startswith(base + "/")):
            link = link[len(base) :]
        # "/" -> ".", "/en/" -> "en/": site-relative, made page-relative by Material's url filter.
        alt["link"] = link.lstrip("/") or "."
    return context


# Material's <link rel="alternate" href="…" hreflang="…"> in <head>, one per language.
_HEAD_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">\n?')


def on_post_page(output, page, config):
    # Material's JS fetches <href>/sitemap.xml for every head alternate, expecting a
    # language's root; mkdocs-static-i18n makes them per-page links, so every page
    # requested two sitemaps that do not exist (404s, console errors), and on a click
    # could send the reader to "<page>/<page>/". The switcher's own links already go to
    # the same page in the other language; per-page hreflang alternates for search
    # engines are in sitemap.xml (written by mkdocs-static-i18n).
    return _drop_head_alternates(output)


def on_post_template(output, template_name, config):
    # The 404 pages too (before any hook that writes them elsewhere, at lower priority).
    return _drop_head_alternates(output) if template_name == "404.html" else output


def _drop_head_alternates(output: str) -> str:
    head, sep, body = output.partition("</head>")
    return _HEAD_ALTERNATE.sub("", head) + sep + body


@event_priority(-110)  # after mkdocs-static-i18n's on_post_build (priority -100)
def on_post_build(config):
    plugin = _i18n(config)
    if plugin is None or getattr(plugin, "building", False):
        # Inside the i18n plugin's nested per-language builds: the final,
        # merged index is written only when the outer build finishes.
        return
    root_index = os.path.join(config.site_dir, "search", "search_index.json")
    if not os.path.isfile(root_index):
        return
    with open(root_index, encoding="utf-8") as f:
        data = json.load(f)

    docs = data.get("docs", [])
    keep = list(docs)
    for locale, prefix in _other_locales(config):
        mine = [d for d in keep if d.get("location", "").startswith(prefix)]
        keep = [d for d in keep if not d.get("location", "").startswith(prefix)]
        out = os.path.join(config.site_dir, prefix, "search", "search_index.json")
        os.makedirs(os.path.dirname(out), exist_ok=True)
        _write(out, {**data, "docs": mine})
        log.info(f"search index for '{locale}': {len(mine)} entries -> {out}")
    _write(root_index, {**data, "docs": keep})
    log.info(
        f"search index for the default language: {len(keep)} entries -> {root_index}"
    )


def _write(path: str, data: dict) -> None:
    # Same compact form as Material's search plugin writes.
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, separators=(",", ":"), default=str)
