"""What Zotero's "Embedded Metadata" translator saves from a page: its rules for the item's type,
title, creators, date, URL, language, abstract and publication, read from the translator itself
(zotero/translators, "Embedded Metadata.js" with the "RDF.js" it hands og:/DC. tags to; read at
commit 2814370161d0, lastUpdated 2026-04-27) and applied to a built page's <head>.

Zotero's translation-server cannot be installed here; this is a reading of the same tags in the
same order of precedence, so that a test can say what "Save to Zotero" gives on every page.
Only the rules our pages can trigger are kept; each says where it comes from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html

# Embedded Metadata.js: _prefixes (tags with these prefixes go to the RDF translator).
RDF_PREFIXES = {
    "bib",
    "bibo",
    "dc",
    "dcterms",
    "prism",
    "foaf",
    "vcard",
    "link",
    "z",
    "eprints",
    "og",
    "article",
    "book",
}
# init(): the citation_* tags that fix the item type (hwType), and the one that only guesses it.
HW_TYPES = {
    "citation_journal_title": "journalArticle",
    "citation_technical_report_institution": "report",
    "citation_conference_title": "conferencePaper",
    "citation_conference": "conferencePaper",
    "citation_book_title": "bookSection",
    "citation_inbook_title": "bookSection",
    "citation_dissertation_institution": "thesis",
}
# RDF.js detectType(): og:type.
OG_TYPES = {"website": "webpage", "book": "book", "music.song": "audioRecording", "video.movie": "videoRecording"}


@dataclass(frozen=True)
class SavedItem:
    item_type: str
    title: str
    creators: tuple[tuple[str, str], ...]  # (lastName, firstName)
    date: str
    url: str
    language: str
    abstract: str
    publication: str


def _tags(head) -> list[tuple[str, str]]:
    tags = []
    for meta in head.iter("meta"):
        name = meta.get("name") or meta.get("property")
        content = meta.get("content")
        if name and content:
            tags += [(tag, content) for tag in name.split()]
    return tags


def _prefix(tag: str) -> str:
    parts = re.split(r"[.:_]", tag)
    if len(parts) > 2 and parts[1].lower() in RDF_PREFIXES:
        return parts[1].lower()
    return parts[0].lower()


def _first(tags: list[tuple[str, str]], *names: str) -> str:
    for name in names:
        for tag, value in tags:
            if tag == name and value.strip():
                return " ".join(value.split())
    return ""


def _creator(value: str) -> tuple[str, str]:
    # ZU.cleanAuthor(author, "author", useComma=author.includes(",")): "Family, Given" or "Given Family".
    if "," in value:
        family, given = (part.strip() for part in value.split(",", 1))
        return family, given
    words = value.split()
    return (words[-1], " ".join(words[:-1])) if len(words) > 1 else (value, "")


def saved_item(html: str) -> SavedItem:
    """The item Zotero's Embedded Metadata translator would save from this page."""
    root = lxml.html.fromstring(html)
    head = root.find("head")
    tags = _tags(head)
    rdf = [(tag, value) for tag, value in tags if _prefix(tag) in RDF_PREFIXES]
    names = {tag for tag, _ in tags}
    hw_type = next((HW_TYPES[t] for t, _ in tags if t in HW_TYPES), "")
    hw_guess = "journalArticle" if {"citation_title", "citation_series_title"} & names else ""
    # init(): with RDF statements, detectType decides unless hwType is set; its order of precedence
    # is t.og || t.dc || defaultUnknownType (hwTypeGuess, else "webpage") || t.ogGuess.
    og_type = _first(rdf, "og:type")
    if hw_type:
        item_type = hw_type
    elif rdf:
        item_type = OG_TYPES.get(og_type, "") or hw_guess or "webpage"
    else:
        item_type = hw_guess
    # RDF.js: title from dc:title, then og:title; Embedded Metadata's HIGHWIRE_MAPPINGS override after.
    title = _first(tags, "citation_title") or _first(rdf, "DC.title", "dc.title", "og:title")
    authors = [value for tag, value in tags if tag == "citation_author"]
    creators = tuple(_creator(a) for a in authors) or tuple(_creator(v) for t, v in rdf if t.lower() == "dc.creator")
    # HIGHWIRE_MAPPINGS, in order (a later tag overwrites), then the RDF dates, then the fallbacks.
    date = ""
    for name in ("citation_publication_date", "citation_cover_date", "citation_date"):
        date = _first(tags, name) or date
    date = date or _first(rdf, "og:published_time", "article:published_time", "DC.date", "dc.date")
    date = date or _first(tags, "citation_online_date", "citation_year")
    url = _first(tags, "citation_public_url") or _first(rdf, "og:url")
    url = url or _first(tags, "citation_abstract_html_url", "citation_fulltext_html_url")
    canonical = root.xpath("//head/link[@rel='canonical']/@href")
    url = url or (canonical[0] if canonical else "")
    language = _first(tags, "citation_language") or _first(rdf, "DC.language", "dc.language") or root.get("lang", "")
    abstract = _first(tags, "citation_abstract") or _first(rdf, "og:description", "DC.description")
    publication = _first(tags, "citation_journal_title")
    if not publication and item_type in ("webpage", "blogPost"):
        publication = _first(rdf, "og:site_name")  # RDF.js: the site's name as the website's title
    return SavedItem(item_type, title, creators, date, url, language, abstract, publication)
