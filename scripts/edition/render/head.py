"""What each page puts in <head> for machines: Open Graph, Google Scholar's citation_*, JSON-LD, hreflang.

The converter writes these into each page's front matter (``head_meta``, ``head_links``,
``head_jsonld``); ``overrides/main.html`` renders them, so any builder that reads front matter
into its templates (MkDocs, Zensical) publishes the same tags. Unknown facts are left out.
"""

from __future__ import annotations

import json
import re
from typing import Any

from .. import ids
from ..metadata import Metadata
from ..model import Document
from .markdown import PageContext

_OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}


def _meta(key: str, content: str, attribute: str = "name") -> dict[str, str]:
    return {attribute: key, "content": content}


def site_name(document: Document, lang: str) -> str:
    """The site's name in a language: the article's title in it (the author's own English title)."""
    return document.title.text if lang == ids.DEFAULT_LANGUAGE else document.english.title.text


def _page_range(pages: str) -> tuple[str, str]:
    parts = re.split(r"\s*[-–—]+\s*", pages.strip(), maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def open_graph(document: Document, context: PageContext, title: str) -> list[dict[str, str]]:
    """Open Graph tags: the page's title and language, the article's abstract, the page's address when known."""
    home = context.page == ids.HOME
    tags = [
        _meta("og:type", "article" if home else "website", "property"),
        _meta("og:title", title, "property"),
        _meta("og:site_name", site_name(document, context.lang), "property"),
        _meta("og:locale", _OG_LOCALE[context.lang], "property"),
    ]
    tags += [_meta("og:locale:alternate", v, "property") for k, v in _OG_LOCALE.items() if k != context.lang]
    abstract = document.english.abstract.text if context.lang == "en" else document.abstract.text
    tags.append(_meta("og:description", abstract, "property"))
    url = context.edition.url_of(ids.page_url(context.page, context.lang))
    if url:
        tags.append(_meta("og:url", url, "property"))
    return tags


def scholar_tags(document: Document, metadata: Metadata, context: PageContext) -> list[dict[str, str]]:
    """Google Scholar's citation_* tags: the article's known facts, nothing guessed."""
    tags = [
        _meta("citation_title", document.title.text),
        _meta("citation_author", document.author.text),
        _meta("citation_language", "zh"),
        _meta("citation_abstract", document.abstract.text),
    ]
    if metadata.year:
        tags.append(_meta("citation_publication_date", metadata.year))
    for value, name in (
        (metadata.journal, "citation_journal_title"),
        (metadata.volume, "citation_volume"),
        (metadata.issue, "citation_issue"),
        (metadata.doi, "citation_doi"),
        (metadata.issn, "citation_issn"),
        (metadata.publisher, "citation_publisher"),
    ):
        if value:
            tags.append(_meta(name, value))
    if metadata.pages:
        first, last = _page_range(metadata.pages)
        tags.append(_meta("citation_firstpage", first))
        if last:
            tags.append(_meta("citation_lastpage", last))
    keywords = ", ".join(document.keywords) or "; ".join(document.english.keywords)
    if keywords:
        tags.append(_meta("citation_keywords", keywords))
    url = context.edition.url_of(ids.page_url(context.page, context.lang))
    if url:
        tags.append(_meta("citation_fulltext_html_url", url))
    return tags


def json_ld(document: Document, metadata: Metadata, context: PageContext) -> str:
    """A schema.org ScholarlyArticle, as the text of a <script type="application/ld+json">."""
    english = document.english
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ScholarlyArticle",
        "headline": document.title.text,
        "name": document.title.text,
        "alternativeHeadline": english.title.text,
        "author": {"@type": "Person", "name": document.author.text, "alternateName": english.author.text},
        "inLanguage": "zh",
        "abstract": document.abstract.text,
        "keywords": list(english.keywords) or None,
        "datePublished": metadata.year or None,
        "isPartOf": {"@type": "Periodical", "name": metadata.journal} if metadata.journal else None,
        "identifier": f"https://doi.org/{metadata.doi}" if metadata.doi else None,
        "license": metadata.license or None,
        "version": context.edition.version or None,
        "url": context.edition.url_of(ids.page_url(context.page, context.lang)) or None,
    }
    data = {k: v for k, v in data.items() if v}
    # "</" would end the <script> element early.
    return json.dumps(data, ensure_ascii=False).replace("</", "<\\/")


def hreflang_links(context: PageContext) -> list[dict[str, str]]:
    """``<link rel=" alternate" hreflang>`` to this page in every language, and x-default (the Chinese).

    The leading space in rel keeps Material's JS away (it fetches ``<href>/sitemap.xml`` for every
    ``link[rel=alternate]``) while rel stays the token "alternate" crawlers read. Absolute when the
    edition's address is known, else relative to the page.
    """
    links = []
    for lang in ids.LANGUAGES:
        target = ids.page_url(context.page, lang)
        href = context.edition.url_of(target) or context.href(context.page, lang)
        links.append({"rel": " alternate", "hreflang": lang, "href": href})
    links.append({**links[0], "hreflang": "x-default"})
    return links


def head_fields(document: Document, metadata: Metadata, context: PageContext, title: str) -> dict[str, Any]:
    """The front-matter fields a page's <head> is made from (``title`` is the page's full title)."""
    meta = open_graph(document, context, title)
    fields: dict[str, Any] = {}
    if context.page == ids.HOME:
        meta += scholar_tags(document, metadata, context)
        fields["head_jsonld"] = json_ld(document, metadata, context)
    fields["head_meta"] = meta
    fields["head_links"] = hreflang_links(context)
    return {key: fields[key] for key in ("head_meta", "head_links", "head_jsonld") if key in fields}
