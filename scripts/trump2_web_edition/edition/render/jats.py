"""Document + metadata + translation + edition -> one JATS 1.1 article: the original and its English edition."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from lxml import etree

from .. import ids
from ..ids import note_id
from ..metadata import Metadata
from ..model import Document, Heading, Inline, Link, NoteRef, Paragraph, Section, Text, TranslatorNoteRef
from ..parse.dates import CHINESE_DATE, ENGLISH_DATE, MONTHS
from ..release import Edition
from ..translation import TranslationStatus
from .citation.work import chinese_name, latin_name
from .english import TRANSLATOR_NOTES, EnglishEdition

PUBLIC_ID = "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.1 20151215//EN"
SYSTEM_ID = "JATS-journalpublishing1.dtd"
DOCTYPE = f'<!DOCTYPE article PUBLIC "{PUBLIC_ID}" "{SYSTEM_ID}">'
XLINK = "http://www.w3.org/1999/xlink"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
HREF = f"{{{XLINK}}}href"
# The PDFs beside the HTML at the edition's root (publishing.downloads writes them there).
PDF_FILES = ids.PDF_FILES
TRANSLATION_NOTE = (
    "The title, abstract and key words are the author's own English. The rest of the article was translated"
    " into English for this edition; the Chinese original is authoritative."
)
DRAFT = "unpublished draft"
# The Journal Publishing DTD requires these although nothing here may know them (journal-id+, issn+,
# pub-date with a year): an empty element asserts nothing, so unknown stays unknown and the file validates.
REQUIRED_UNKNOWN = " required by the Journal Publishing DTD; not known, left empty "

# How a run of inlines cites notes: note number -> the rid of its fn; translator's note -> (rid, label).
NoteTarget = Callable[[int], str]
TranslatorTarget = Callable[[int], tuple[str, str]] | None


def _el(parent: etree._Element, tag: str, text: str = "", **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {_attribute(k): v for k, v in attributes.items()})
    if text:
        element.text = text
    return element


def _attribute(name: str) -> str:
    """Python keyword arguments -> JATS attribute names: xml_lang -> xml:lang, xlink_href, pub_type -> pub-type."""
    if name == "xml_lang":
        return XML_LANG
    if name.startswith("xlink_"):
        return f"{{{XLINK}}}{name[6:]}"
    return name.replace("_", "-")


def _add_text(parent: etree._Element, text: str) -> None:
    """Mixed content: text goes after the last child (its tail), or into the element when it has none."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _dated_text(parent: etree._Element, text: str, date: dt.date | None) -> bool:
    """Text with the note's date wrapped as JATS marks a date in a citation; True once it was found."""
    if date is not None:
        for pattern in (CHINESE_DATE, ENGLISH_DATE):
            for match in pattern.finditer(text):
                if _match_date(match) == date:
                    _add_text(parent, text[: match.start()])
                    # The date the note gives for the page it cites, as printed (not a reader's access date).
                    _el(parent, "date-in-citation", match[0], content_type="cited-date", iso_8601_date=date.isoformat())
                    _add_text(parent, text[match.end() :])
                    return True
    _add_text(parent, text)
    return False


def _match_date(match: re.Match[str]) -> dt.date | None:
    month = match["month"]
    number = int(month) if month.isdigit() else MONTHS[month.lower()]
    try:
        return dt.date(int(match["year"]), number, int(match["day"]))
    except ValueError:
        return None


def add_inlines(
    parent: etree._Element,
    inlines: tuple[Inline, ...],
    note_rid: NoteTarget,
    translator: TranslatorTarget = None,
    date: dt.date | None = None,
) -> None:
    """Inlines as JATS mixed content: URLs as ext-link, note references as xref to their fn."""
    for inline in inlines:
        if isinstance(inline, Text):
            if _dated_text(parent, inline.text, date):
                date = None  # the first matching date only, as the model reads it
        elif isinstance(inline, Link):
            _el(parent, "ext-link", inline.url, ext_link_type="uri", xlink_href=inline.url)
        elif isinstance(inline, NoteRef):
            _el(parent, "xref", str(inline.number), ref_type="fn", rid=note_rid(inline.number))
        elif isinstance(inline, TranslatorNoteRef) and translator is not None:
            rid, label = translator(inline.number)
            if rid:
                _el(parent, "xref", label, ref_type="fn", rid=rid)


def _chinese_rid(number: int) -> str:
    return f"fn-{number}"


def _english_rid(number: int) -> str:
    return f"en-fn-{number}"


# --- front ------------------------------------------------------------------------------------


def _journal_meta(front: etree._Element, metadata: Metadata) -> None:
    meta = _el(front, "journal-meta")
    meta.append(etree.Comment(REQUIRED_UNKNOWN))
    _el(meta, "journal-id", journal_id_type="publisher-id")
    if metadata.journal:
        group = _el(meta, "journal-title-group")
        _el(group, "journal-title", metadata.journal)
        if metadata.journal_en:
            trans = _el(group, "trans-title-group", xml_lang="en")
            _el(trans, "trans-title", metadata.journal_en)
    _el(meta, "issn", metadata.issn)
    if metadata.publisher:
        _el(_el(meta, "publisher"), "publisher-name", metadata.publisher)


def _contrib_group(parent: etree._Element, document: Document, chinese: bool) -> None:
    contrib = _el(_el(parent, "contrib-group"), "contrib", contrib_type="author")
    han, latin = chinese_name(document.author.text), latin_name(document.english.author.text)
    names = [(han, "zh"), (latin, "en")] if chinese else [(latin, "en")]
    holder = _el(contrib, "name-alternatives") if len(names) > 1 else contrib
    for name, lang in names:
        # The article prints both forms family name first (王子旗, Wang Ziqi): JATS's "eastern" order.
        element = _el(holder, "name", name_style="eastern", xml_lang=lang)
        _el(element, "surname", name.family)
        if name.given:
            _el(element, "given-names", name.given)


def _pub_dates(meta: etree._Element, metadata: Metadata, edition: Edition) -> None:
    found = False
    if metadata.year:
        date = _el(meta, "pub-date", publication_format="print", date_type="pub")
        _el(date, "year", metadata.year)
        found = True
    if edition.published and edition.released is not None:
        released = edition.released
        date = _el(
            meta, "pub-date", pub_type="epub", publication_format="electronic", date_type="pub",
            iso_8601_date=released.isoformat(),
        )  # fmt: skip
        _el(date, "day", f"{released.day:02d}")
        _el(date, "month", f"{released.month:02d}")
        _el(date, "year", str(released.year))
        found = True
    if not found:
        meta.append(etree.Comment(REQUIRED_UNKNOWN))
        _el(_el(meta, "pub-date", publication_format="electronic"), "year")


def _self_uris(meta: etree._Element, edition: Edition) -> None:
    if not edition.base_url:
        return
    _el(meta, "self-uri", edition.base_url, content_type="text/html", xlink_href=edition.base_url)
    _el(
        meta, "self-uri", edition.url_of(ids.page_url(ids.HOME, "en")), content_type="text/html", xml_lang="en",
        xlink_href=edition.url_of(ids.page_url(ids.HOME, "en")),
    )  # fmt: skip
    for lang, name in PDF_FILES.items():
        url = edition.url_of(name)
        _el(meta, "self-uri", url, content_type="application/pdf", xml_lang=lang, xlink_href=url)


def _abstract(parent: etree._Element, tag: str, paragraph: Paragraph, lang: str = "") -> None:
    abstract = _el(parent, tag, **({"xml_lang": lang} if lang else {}))
    add_inlines(_el(abstract, "p"), paragraph.inlines, _chinese_rid)


def _keywords(parent: etree._Element, keywords: tuple[str, ...], lang: str, title: str) -> None:
    if keywords:
        group = _el(parent, "kwd-group", kwd_group_type="author", xml_lang=lang)
        _el(group, "title", title)
        for keyword in keywords:
            _el(group, "kwd", keyword)


def _edition_meta(parent: etree._Element, edition: Edition) -> None:
    """JATS 1.1 has no element for a version of an article: it is custom metadata."""
    group = _el(parent, "custom-meta-group")
    custom = _el(group, "custom-meta", specific_use="edition")
    _el(custom, "meta-name", "edition")
    _el(custom, "meta-value", edition.version or DRAFT)


def _article_meta(front: etree._Element, document: Document, metadata: Metadata, edition: Edition) -> None:
    meta = _el(front, "article-meta")
    if metadata.doi:
        _el(meta, "article-id", metadata.doi, pub_id_type="doi")
    titles = _el(meta, "title-group")
    _el(titles, "article-title", document.title.text)
    _el(_el(titles, "trans-title-group", xml_lang="en"), "trans-title", document.english.title.text)
    _contrib_group(meta, document, chinese=True)
    _pub_dates(meta, metadata, edition)
    if metadata.volume:
        _el(meta, "volume", metadata.volume)
    if metadata.issue:
        _el(meta, "issue", metadata.issue)
    first, last = metadata.page_range
    if first:
        _el(meta, "fpage", first)
        if last:
            _el(meta, "lpage", last)
    if metadata.license:
        _el(_el(_el(meta, "permissions"), "license"), "license-p", metadata.license)
    _self_uris(meta, edition)
    _abstract(meta, "abstract", document.abstract)
    _abstract(meta, "trans-abstract", document.english.abstract, "en")
    _keywords(meta, document.keywords, "zh", "关键词")
    _keywords(meta, document.english.keywords, "en", "Key Words")
    _edition_meta(meta, edition)


# --- the Chinese body and back ------------------------------------------------------------------


def _sections(body: etree._Element, sections: tuple[Section, ...], write: SectionWriter) -> None:
    """Each section a sec (its subsections nested); the opening part, with no heading, as body paragraphs."""
    for section in sections:
        parent = body
        if section.heading is not None:
            parent = _el(body, "sec", id=write.sec_id(section.heading))
            write.title(parent, section.heading)
        level_one = parent
        for block in section.blocks:
            if isinstance(block, Heading):
                parent = _el(level_one, "sec", id=write.sec_id(block))
                write.title(parent, block)
            else:
                write.paragraph(parent, block)


class SectionWriter:
    """How one language writes a section's titles and paragraphs."""

    def sec_id(self, heading: Heading) -> str:
        return heading.id

    def title(self, sec: etree._Element, heading: Heading) -> None:
        _el(sec, "title", heading.text)

    def paragraph(self, parent: etree._Element, paragraph: Paragraph) -> None:
        add_inlines(_el(parent, "p", id=paragraph.id), paragraph.inlines, _chinese_rid)


def _notes(back: etree._Element, document: Document) -> None:
    group = _el(back, "fn-group", content_type="author-notes")
    _el(group, "title", "注释")
    for note in document.notes:
        fn = _el(group, "fn", id=_chinese_rid(note.number))
        _el(fn, "label", str(note.number))
        add_inlines(_citation(_el(fn, "p")), note.inlines, _chinese_rid, date=note.date)


def _citation(p: etree._Element) -> etree._Element:
    """A note's text as a citation: JATS allows date-in-citation (the note's date) only inside one."""
    return _el(p, "mixed-citation")


def _editors_zh(back: etree._Element, document: Document) -> None:
    if document.editors is not None:
        notes = _el(back, "notes", notes_type="editors", id="editors")
        _el(notes, "p", f"（责任编辑 {document.editors.text}）")


# --- the English sub-article --------------------------------------------------------------------


class EnglishWriter(SectionWriter):
    """The English page's text: the translation where it is usable, else the Chinese as that page shows it."""

    def __init__(self, english: EnglishEdition) -> None:
        self.english = english

    def sec_id(self, heading: Heading) -> str:
        return f"en-{heading.id}"

    def translator(self, part: str) -> TranslatorTarget:
        def target(local: int) -> tuple[str, str]:
            number = self.english.translator_numbers.get((part, local))
            return (f"tn-{number}", f"T{number}") if number else ("", "")

        return target

    def title(self, sec: etree._Element, heading: Heading) -> None:
        state = self.english.status.get(heading.id)
        if not state.usable:
            _el(sec, "title", heading.text, xml_lang="zh")
            return
        add_inlines(_el(sec, "title"), self.english.english(state), _english_rid, self.translator(heading.id))

    def paragraph(self, parent: etree._Element, paragraph: Paragraph) -> None:
        state = self.english.status.get(paragraph.id)
        p = _el(parent, "p", id=f"en-{paragraph.id}", specific_use=f"translation-of {paragraph.id}")
        # An empty cross-reference ties the paragraph to its original: the DTD checks that the id exists.
        _el(p, "xref", ref_type="other", rid=paragraph.id, specific_use="original")
        if state.usable:
            add_inlines(p, self.english.english(state), _english_rid, self.translator(paragraph.id))
        else:
            p.set(XML_LANG, "zh")
            add_inlines(p, paragraph.inlines, _english_rid)


def _front_stub(sub: etree._Element, document: Document) -> None:
    stub = _el(sub, "front-stub")
    titles = _el(stub, "title-group")
    _el(titles, "article-title", document.english.title.text)
    _el(_el(titles, "trans-title-group", xml_lang="zh"), "trans-title", document.title.text)
    _contrib_group(stub, document, chinese=False)
    _abstract(stub, "abstract", document.english.abstract)
    _keywords(stub, document.english.keywords, "en", "Key Words")


def _english_back(sub: etree._Element, writer: EnglishWriter, document: Document) -> None:
    english = writer.english
    back = _el(sub, "back")
    about = _el(back, "notes", notes_type="translation", id="en-about")
    _el(about, "title", "About this translation")
    _el(about, "p", TRANSLATION_NOTE)
    group = _el(back, "fn-group", content_type="author-notes")
    _el(group, "title", "Notes")
    for note in document.notes:
        state = english.status.get(note_id(note.number))
        fn = _el(group, "fn", id=_english_rid(note.number))
        _el(fn, "label", str(note.number))
        if state.usable:
            inlines, lang = english.english(state), ""
        else:
            inlines, lang = note.inlines, "zh"
        citation = _citation(_el(fn, "p", **({"xml_lang": lang} if lang else {})))
        add_inlines(citation, inlines, _english_rid, writer.translator(note_id(note.number)), note.date)
    parts = [state.item.id for state in english.status.items]
    translator = english.translator_notes_of(parts)
    if translator:
        group = _el(back, "fn-group", content_type="translator-notes")
        _el(group, "title", TRANSLATOR_NOTES)
        for number, text in translator:
            fn = _el(group, "fn", id=f"tn-{number}", fn_type="other", specific_use="translator")
            _el(fn, "label", f"T{number}")
            _el(fn, "p", text)
    if document.editors is not None:
        state = english.status.get("editors")
        if state.usable and state.entry is not None:
            _el(_el(back, "notes", notes_type="editors", id="en-editors"), "p", state.entry.text)


def _sub_article(article: etree._Element, document: Document, metadata: Metadata, status: TranslationStatus) -> None:
    sub = _el(article, "sub-article", id="en", article_type="translation", xml_lang="en")
    _front_stub(sub, document)
    writer = EnglishWriter(EnglishEdition(document, metadata, status))
    _sections(_el(sub, "body"), document.sections, writer)
    _english_back(sub, writer, document)


def render_jats(document: Document, metadata: Metadata, translation: TranslationStatus, edition: Edition) -> bytes:
    """The article as JATS XML (UTF-8, with its DOCTYPE): front matter, body and notes in Chinese, then the
    English edition as a sub-article. Only what is known is said: unknown metadata is left out, or left
    empty where the DTD requires an element."""
    article = etree.Element(
        "article",
        {"article-type": "research-article", "dtd-version": "1.1", XML_LANG: "zh"},
        nsmap={"xlink": XLINK, "mml": "http://www.w3.org/1998/Math/MathML"},
    )
    front = _el(article, "front")
    _journal_meta(front, metadata)
    _article_meta(front, document, metadata, edition)
    _sections(_el(article, "body"), document.sections, SectionWriter())
    back = _el(article, "back")
    _notes(back, document)
    _editors_zh(back, document)
    _sub_article(article, document, metadata, translation)
    return etree.tostring(article, xml_declaration=True, encoding="UTF-8", doctype=DOCTYPE, pretty_print=True)
