"""What each page puts in <head> for machines: Open Graph, Google Scholar's citation_*, Dublin Core, JSON-LD, hreflang.

The converter writes these into each page's front matter (``head_meta``, ``head_links``,
``head_jsonld``); ``overrides/main.html`` renders them, so any builder that reads front matter
into its templates (MkDocs, Zensical) publishes the same tags. Unknown facts are left out.
"""

from __future__ import annotations

import json
from typing import Any

from .. import ids
from ..metadata import Metadata
from ..model import Document
from .citation import CitedWork, cited_work
from .citation.work import JOURNAL_ARTICLE, chinese_name
from .markdown import PageContext

_OG_LOCALE = {"zh": "zh_CN", "en": "en_US"}


def _meta(key: str, content: str, attribute: str = "name") -> dict[str, str]:
    return {attribute: key, "content": content}


def site_name(document: Document, lang: str) -> str:
    """The site's name in a language: the article's title in it (the author's own English title)."""
    return document.title.text if lang == ids.DEFAULT_LANGUAGE else document.english.title.text


def open_graph(document: Document, context: PageContext, title: str, work: CitedWork) -> list[dict[str, str]]:
    """Open Graph tags: the page's title and language, the abstract, the page's address when known.

    og:type is "website" while the journal is unknown and "article" once it is known: Zotero's
    Embedded Metadata translator types a page by it (a web page, as GB/T's [EB/OL] cites it)
    unless citation_journal_title says "journal article". No og:site_name: Zotero would take it
    for the web page's site and cite the article's title twice.
    """
    tags = [
        _meta("og:type", "article" if work.kind == JOURNAL_ARTICLE else "website", "property"),
        _meta("og:title", title, "property"),
        _meta("og:locale", _OG_LOCALE[context.lang], "property"),
    ]
    tags += [_meta("og:locale:alternate", v, "property") for k, v in _OG_LOCALE.items() if k != context.lang]
    abstract = document.english.abstract.text if context.lang == "en" else document.abstract.text
    tags.append(_meta("og:description", abstract, "property"))
    url = context.edition.url_of(ids.page_url(context.page, context.lang))
    if url:
        tags.append(_meta("og:url", url, "property"))
    return tags


def _slashed(issued: tuple[int, ...]) -> str:
    """A date as Google Scholar asks for it: 2026/11/01, or the year alone."""
    return "/".join(f"{part:02d}" for part in issued)


def scholar_tags(work: CitedWork) -> list[dict[str, str]]:
    """Google Scholar's citation_* tags for the article, the same on every page of a language.

    A page of a section is part of the article: it names the article (title, author, date) and
    points at its home page, so that a reference manager saving any page saves the article.
    """
    tags = [
        _meta("citation_title", work.title),
        # "Family, Given": Zotero and Google Scholar split the name at the comma.
        _meta(
            "citation_author", f"{work.author.family}, {work.author.given}" if work.author.given else work.author.family
        ),
    ]
    if work.issued:
        tags.append(_meta("citation_publication_date", _slashed(work.issued)))
    if work.kind == JOURNAL_ARTICLE and work.released:
        tags.append(_meta("citation_online_date", work.released.strftime("%Y/%m/%d")))
    first, last = work.pages
    journal = work.kind == JOURNAL_ARTICLE
    for value, name in (
        (work.journal if journal else "", "citation_journal_title"),
        (work.volume if journal else "", "citation_volume"),
        (work.issue if journal else "", "citation_issue"),
        (first if journal else "", "citation_firstpage"),
        (last if journal else "", "citation_lastpage"),
        (work.issn if journal else "", "citation_issn"),
        (work.publisher if journal else "", "citation_publisher"),
        (work.doi, "citation_doi"),
        (work.language.split("-")[0], "citation_language"),
        (work.abstract, "citation_abstract"),
        ("; ".join(work.keywords), "citation_keywords"),
        (work.url, "citation_abstract_html_url"),
        (work.url, "citation_fulltext_html_url"),
        (work.url, "citation_public_url"),
    ):
        if value:
            tags.append(_meta(name, value))
    return tags


def dublin_core(work: CitedWork) -> list[dict[str, str]]:
    """Dublin Core for what reads it (Zotero's RDF reading, library harvesters): the article, known facts only."""
    tags = [
        _meta("DC.title", work.title),
        _meta("DC.creator", f"{work.author.family}, {work.author.given}" if work.author.given else work.author.family),
        _meta("DC.type", "Text"),
        _meta("DC.language", work.language),
    ]
    if work.issued:
        tags.append(_meta("DC.date", "-".join(f"{part:02d}" for part in work.issued)))
    for value, name in ((work.url, "DC.identifier"), (work.license, "DC.rights"), (work.original_title, "DC.source")):
        if value:
            tags.append(_meta(name, value))
    return tags


def _person(document: Document) -> dict[str, Any]:
    chinese = chinese_name(document.author.text)
    return {
        "@type": "Person",
        "name": document.author.text,
        "familyName": chinese.family,
        "givenName": chinese.given,
        "alternateName": document.english.author.text,
    }


def _article(document: Document, metadata: Metadata, context: PageContext, lang: str) -> dict[str, Any]:
    """The schema.org ScholarlyArticle of the article in one language (zh: the original, en: its translation)."""
    work = cited_work(document, metadata, context.edition, lang)
    issued = "-".join(f"{part:02d}" for part in work.issued)
    data: dict[str, Any] = {
        "@type": "ScholarlyArticle",
        "@id": work.url or None,
        "url": work.url or None,
        "headline": work.title,
        "name": work.title,
        "alternativeHeadline": work.title_translated or work.original_title,
        "author": _person(document),
        "inLanguage": lang,
        "abstract": work.abstract,
        "keywords": list(work.keywords) or None,
        "datePublished": issued or None,
        "version": work.version or None,
        "isPartOf": {"@type": "Periodical", "name": work.journal} if work.journal else None,
        "identifier": f"https://doi.org/{work.doi}" if work.doi else None,
        "license": work.license or None,
    }
    return {k: v for k, v in data.items() if v}


def json_ld(document: Document, metadata: Metadata, context: PageContext) -> str:
    """The article of this page's language as schema.org JSON-LD, linked to the other as work and translation.

    The Chinese original has ``workTranslation`` (the English edition); the English edition has
    ``translationOfWork`` (the original). Text for a <script type="application/ld+json">.
    """
    data = {"@context": "https://schema.org", **_article(document, metadata, context, context.lang)}
    other = next(lang for lang in ids.LANGUAGES if lang != context.lang)
    link = "workTranslation" if context.lang == ids.DEFAULT_LANGUAGE else "translationOfWork"
    data[link] = _article(document, metadata, context, other)
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
    """The front-matter fields a page's <head> is made from (``title`` is the page's full title).

    Every page carries the article's citation_* and Dublin Core (a page of a section is part of
    it); the home pages also carry the JSON-LD.
    """
    work = cited_work(document, metadata, context.edition, context.lang)
    meta = open_graph(document, context, title, work) + scholar_tags(work) + dublin_core(work)
    links = hreflang_links(context)
    pdf = context.edition.url_of(ids.PDF_FILES[context.lang])
    if pdf:  # a published edition: its offprint for Google Scholar, its JATS XML for archives
        meta.append(_meta("citation_pdf_url", pdf))
        jats = context.edition.url_of(ids.JATS_FILE)
        links.append({"rel": " alternate", "type": "application/jats+xml", "href": jats})
    fields: dict[str, Any] = {}
    if context.page == ids.HOME:
        fields["head_jsonld"] = json_ld(document, metadata, context)
    fields["head_meta"] = meta
    fields["head_links"] = links
    return {key: fields[key] for key in ("head_meta", "head_links", "head_jsonld") if key in fields}
