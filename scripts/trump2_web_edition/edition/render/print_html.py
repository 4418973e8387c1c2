"""Document -> one language's offprint as HTML and CSS for print (WeasyPrint): notes at the foot of their page."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from dataclasses import dataclass

from .. import ids
from ..ids import note_id
from ..metadata import Metadata
from ..model import Document, Heading, Inline, Note, Paragraph, Section, Text, fold_inlines
from ..release import Edition
from ..translation import TranslationStatus

# The cite box's own strings and edition line: the PDF says what the site's "Cite this article" says.
from .citation.apa import apa
from .citation.gbt7714 import gbt7714
from .citation.section import ACCESSED, edition_line
from .citation.section import WORDS as CITE_WORDS
from .citation.work import cited_work
from .english import ORIGINAL, TRANSLATOR_NOTES, EnglishEdition

FONTS = '"Noto Serif CJK SC", "Noto Sans CJK SC", serif'
SHORT_TITLE_LENGTH = 60  # characters of the English title the running head has room for
_WORDS = {
    "zh": {
        "abstract": "摘要：",
        "keywords": "关键词：",
        "edition": "第 {version} 版",
        "draft": "未发布稿",
        "editors": "（责任编辑 {editors}）",
        "english": "英文标题、摘要和关键词（作者原文）",
        "page": "第 {page} 页",
    },
    "en": {
        "abstract": "Abstract: ",
        "keywords": "Key Words: ",
        "edition": "Edition {version}",
        "draft": "Unpublished draft",
        "editors": "",
        "english": "",
        "page": "",
    },
}
_TRANSLATION_NOTE = (
    "The title, abstract and key words above are the author’s own English. The rest of the article was"
    " translated into English for this edition; the Chinese original is authoritative. Notes 1–42 are the"
    f" author’s, at the foot of the page; notes marked T1, T2… are the translator’s, listed under “{TRANSLATOR_NOTES}”"
    " at the end. Parts not yet translated are shown in Chinese."
)


@dataclass(frozen=True)
class PrintInput:
    """What an offprint shows besides the text: the journal's facts, the translation, the edition."""

    metadata: Metadata
    translation: TranslationStatus
    edition: Edition


# A run of Chinese (with its punctuation) inside English text.
_CHINESE_RUN = re.compile(
    r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef][\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”\s\d]*"
)
HeadingWriter = Callable[[Heading, int], str]
ParagraphWriter = Callable[[Paragraph], str]


def _e(text: str) -> str:
    return html.escape(text, quote=False)


def _a(text: str) -> str:
    return html.escape(text, quote=True)


class _Notes:
    """Footnotes in the flow: a note's text goes where it is first cited, WeasyPrint floats it to that page's foot."""

    def __init__(self, notes: dict[int, str]) -> None:
        self.notes = notes  # number -> its HTML
        self.placed: set[int] = set()

    def call(self, number: int) -> str:
        if number in self.placed or number not in self.notes:
            return f'<sup class="note-again">{number}</sup>'
        self.placed.add(number)
        # The note's own number (data-n), never a CSS counter: a note shown twice or left out cannot shift it.
        return f'<span class="footnote" id="fn-{number}" data-n="{number}">{self.notes[number]}</span>'


def inlines_html(
    inlines: tuple[Inline, ...], notes: _Notes | None, translator: dict[int, int] | None = None, english: bool = False
) -> str:
    """Inlines as HTML: URLs as live links, note references as footnotes, translator's notes as T-marks.

    In ``english`` text, runs of Chinese are marked as such: they keep their full-width punctuation (the
    English's proportional forms would extract as ASCII commas and stops).
    """

    def text(value: str, _index: int) -> str:
        escaped = _e(value)
        return _CHINESE_RUN.sub(lambda m: f'<span lang="zh-CN">{m[0]}</span>', escaped) if english else escaped

    def translator_mark(local: int, _index: int) -> str:
        number = (translator or {}).get(local)
        return f'<sup class="translator-ref"><a href="#tn-{number}">T{number}</a></sup>' if number else ""

    return "".join(
        fold_inlines(
            inlines,
            text,
            lambda url, _: f'<a href="{_a(url)}">{_e(url)}</a>',
            lambda number, _: notes.call(number) if notes else f"<sup>{number}</sup>",
            translator_mark,
        )
    )


def _head(lang: str, title: str, author: str, description: str, keywords: tuple[str, ...], edition: Edition) -> str:
    metas = [f'<meta name="author" content="{_a(author)}">', f'<meta name="description" content="{_a(description)}">']
    if keywords:
        metas.append(f'<meta name="keywords" content="{_a(", ".join(keywords))}">')
    if edition.published and edition.released is not None:
        # WeasyPrint writes these as the PDF's dates: the release date, so that a rebuild gives the same bytes.
        stamp = f"{edition.released.isoformat()}T00:00:00Z"
        metas += [
            f'<meta name="dcterms.created" content="{stamp}">',
            f'<meta name="dcterms.modified" content="{stamp}">',
        ]
    return (
        f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{_e(title)}</title>\n" + "\n".join(metas) + f"\n<style>\n{stylesheet(lang, edition, title)}</style>\n"
        "</head>\n"
    )


def running_head(lang: str, edition: Edition) -> str:
    """第 1.0 版 / Edition 1.0, or the draft's name."""
    words = _WORDS[lang]
    return words["edition"].format(version=edition.version) if edition.published else words["draft"]


def short_title(title: str) -> str:
    """The title for the running head: whole when it fits, else cut at a word with an ellipsis."""
    if len(title) <= SHORT_TITLE_LENGTH:
        return title
    cut = title[:SHORT_TITLE_LENGTH].rsplit(" ", 1)[0].rstrip(",;:–-— ")
    return cut + "…"


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def stylesheet(lang: str, edition: Edition, title: str) -> str:
    """The page: A4, running head (short title, edition), page numbers, footnotes at the foot."""
    head = _css_string(short_title(title))
    stamp = _css_string(running_head(lang, edition))
    body_size, leading = ("10.5pt", "1.75") if lang == "zh" else ("10.5pt", "1.5")
    return f"""@page {{
  size: A4; margin: 24mm 22mm 22mm 22mm;
  @top-left {{ content: {head}; font-size: 8pt; color: #555; }}
  @top-right {{ content: {stamp}; font-size: 8pt; color: #555; }}
  @bottom-center {{ content: counter(page); font-size: 9pt; }}
  /* No padding here: WeasyPrint 70 then fits one footnote per page (its issue 2502); a margin is safe. */
  @footnote {{ border-top: 0.5pt solid #888; margin-top: 4mm; }}
}}
@page :first {{ @top-left {{ content: none; }} @top-right {{ content: none; }} }}
html {{ font-family: {FONTS}; font-size: {body_size}; line-height: {leading}; }}
body {{ margin: 0; }}
/* Noto CJK's quotes and apostrophes are full-width; English wants them proportional. */
:lang(en) {{ font-variant-east-asian: proportional-width; }}
:lang(zh) {{ font-variant-east-asian: normal; }}
p {{ margin: 0; text-align: justify; orphans: 2; widows: 2; }}
main p, .english-front p.abstract {{ text-indent: {"2em" if lang == "zh" else "1.5em"}; }}
a {{ color: #1a4d8f; text-decoration: none; }}
.title-block {{ text-align: center; margin-bottom: 6mm; }}
h1 {{ font-size: 17pt; line-height: 1.4; margin: 0 0 3mm; bookmark-level: 1; }}
h2 {{ font-size: 13pt; margin: 6mm 0 2mm; bookmark-level: 1; break-after: avoid; }}
h3 {{ font-size: 11pt; margin: 4mm 0 1.5mm; bookmark-level: 2; break-after: avoid; }}
.author {{ text-align: center; font-size: 12pt; margin-bottom: 4mm; }}
.abstract, .keywords {{ font-size: 9.5pt; text-align: justify; margin: 0 8mm 1.5mm; }}
.label {{ font-weight: bold; }}
.edition-box {{ border: 0.6pt solid #888; padding: 2.5mm 3.5mm; margin: 4mm 0 6mm; font-size: 8.5pt;
  line-height: 1.45; break-inside: avoid; }}
.edition-box p {{ text-align: left; margin: 0 0 1mm; }}
.edition-box .cite-heading {{ font-weight: bold; }}
.edition-box a {{ overflow-wrap: anywhere; }}
.footnote {{ float: footnote; font-size: 8pt; margin-top: 1mm; line-height: 1.45; text-indent: 0;
  text-align: left; footnote-display: block; overflow-wrap: anywhere; }}
.footnote::footnote-call {{ content: attr(data-n); vertical-align: super; font-size: 65%; line-height: 0; }}
.footnote::footnote-marker {{ content: attr(data-n) ". "; }}
sup {{ font-size: 65%; line-height: 0; }}
.editors {{ text-align: right; margin-top: 4mm; }}
.notice {{ font-size: 8.5pt; color: #333; border-left: 1.5pt solid #b70; padding-left: 2mm; margin: 1mm 0; }}
.english-front {{ margin-top: 10mm; border-top: 0.6pt solid #888; padding-top: 5mm; }}
.english-front h2 {{ font-size: 14pt; text-align: center; bookmark-label: {_css_string(_WORDS["zh"]["english"])}; }}
.translator-notes {{ font-size: 8.5pt; }}
.translator-notes p {{ text-indent: 0; margin-bottom: 1mm; }}
"""


def _edition_box(document: Document, inputs: PrintInput, lang: str) -> str:
    """Which edition this is, its date and address, and how to cite it: the site's cite box, as text."""
    work = cited_work(document, inputs.metadata, inputs.edition, lang)
    words = CITE_WORDS[lang]
    accessed = ACCESSED[lang]
    apa_html = "".join(f"<i>{_e(text)}</i>" if italic else _e(text) for text, italic in apa(work, accessed).runs)
    gbt_lang = ' lang="zh-CN"' if lang == "zh" else ""
    parts = [
        f"<p>{edition_line(work, words)}</p>",
        f'<p class="cite-heading">{_e(words["heading"])}</p>',
        f"<p><b>GB/T 7714-2015</b> <span{gbt_lang}>{_e(gbt7714(work, accessed))}</span></p>",
        f"<p><b>APA</b> {apa_html}</p>",
    ]
    if not inputs.metadata.journal:
        parts.append(f"<p>{_e(words['unknown'])}</p>")
    return '<aside class="edition-box">' + "".join(parts) + "</aside>\n"


def _title_block(title: str, author: str, abstract: str, keywords: tuple[str, ...], lang: str, tag: str) -> str:
    words = _WORDS[lang]
    separator = "；" if lang == "zh" else "; "
    parts = [f"<{tag}>{_e(title)}</{tag}>", f'<p class="author">{_e(author)}</p>']
    parts.append(f'<p class="abstract"><span class="label">{words["abstract"]}</span>{abstract}</p>')
    if keywords:
        parts.append(
            f'<p class="keywords"><span class="label">{words["keywords"]}</span>{_e(separator.join(keywords))}</p>'
        )
    return "\n".join(parts)


def _body(sections: tuple[Section, ...], heading: HeadingWriter, paragraph: ParagraphWriter) -> str:
    out = ["<main>"]
    for section in sections:
        if section.heading is not None:
            out.append(heading(section.heading, 2))
        for block in section.blocks:
            out.append(heading(block, 3) if isinstance(block, Heading) else paragraph(block))
    out.append("</main>")
    return "\n".join(out)


def _note_html(note: Note) -> str:
    return inlines_html(note.inlines, None)


def render_print_html_zh(document: Document, inputs: PrintInput) -> str:
    """The Chinese offprint: title block, edition box, the text with its notes, the author's English title block."""
    notes = _Notes({n.number: _note_html(n) for n in document.notes})
    english = document.english
    parts = [
        _head("zh", document.title.text, document.author.text, document.abstract.text, document.keywords,
              inputs.edition),
        "<body>\n<header class=\"title-block\">",
        _title_block(document.title.text, document.author.text, inlines_html(document.abstract.inlines, notes),
                     document.keywords, "zh", "h1"),
        "</header>",
        _edition_box(document, inputs, "zh"),
        _body(
            document.sections,
            lambda h, level: f'<h{level} id="{h.id}">{_e(h.text)}</h{level}>',
            lambda p: f'<p id="{p.id}">{inlines_html(p.inlines, notes)}</p>',
        ),
    ]  # fmt: skip
    if document.editors is not None:
        parts.append(f'<p class="editors">{_e(_WORDS["zh"]["editors"].format(editors=document.editors.text))}</p>')
    parts += [
        '<section class="english-front" lang="en">',
        _title_block(english.title.text, english.author.text, inlines_html(english.abstract.inlines, notes),
                     english.keywords, "en", "h2"),
        "</section>\n</body>\n</html>\n",
    ]  # fmt: skip
    return "\n".join(parts)


def render_print_html_en(document: Document, inputs: PrintInput) -> str:
    """The English offprint: the author's English front, the edition box, the translation, the translator's notes."""
    edition = EnglishEdition(document, inputs.metadata, inputs.translation)
    english = document.english

    def note_html(note: Note) -> str:
        state = edition.status.get(note_id(note.number))
        if not state.usable:
            return f'<span lang="zh-CN">{_note_html(note)}</span>'
        return inlines_html(edition.english(state), None, _local_numbers(edition, note_id(note.number)), True)

    notes = _Notes({n.number: note_html(n) for n in document.notes})

    def heading(h: Heading, level: int) -> str:
        state = edition.status.get(h.id)
        if not state.usable:
            return f'<h{level} id="{h.id}" lang="zh-CN">{_e(h.text)}</h{level}>'
        text = inlines_html(edition.english(state), notes, _local_numbers(edition, h.id), True)
        return f'<h{level} id="{h.id}">{text}</h{level}>'

    def paragraph(p: Paragraph) -> str:
        state = edition.status.get(p.id)
        if not state.usable:
            notice = f'<p class="notice">Not yet translated: the {ORIGINAL.lower()} is shown.</p>'
            return f'{notice}<p id="{p.id}" lang="zh-CN">{inlines_html(p.inlines, notes)}</p>'
        english_html = inlines_html(edition.english(state), notes, _local_numbers(edition, p.id), True)
        return f'<p id="{p.id}">{english_html}</p>'

    parts = [
        _head("en", english.title.text, english.author.text, english.abstract.text, english.keywords,
              inputs.edition),
        "<body>\n<header class=\"title-block\">",
        _title_block(english.title.text, english.author.text, inlines_html(english.abstract.inlines, notes),
                     english.keywords, "en", "h1"),
        "</header>",
        _edition_box(document, inputs, "en"),
        f'<p class="notice">{_e(_TRANSLATION_NOTE)}</p>',
        _body(document.sections, heading, paragraph),
    ]  # fmt: skip
    state = edition.status.get("editors") if document.editors is not None else None
    if state is not None and state.usable and state.entry is not None:
        parts.append(f'<p class="editors">{_e(state.entry.text)}</p>')
    translator = edition.translator_notes_of([s.item.id for s in edition.status.items])
    if translator:
        items = "".join(
            f'<p id="tn-{n}"><b>T{n}</b> {inlines_html((Text(text),), None, english=True)}</p>'
            for n, text in translator
        )
        parts.append(f'<section class="translator-notes"><h2>{TRANSLATOR_NOTES}</h2>{items}</section>')
    parts.append("</body>\n</html>\n")
    return "\n".join(parts)


def _local_numbers(edition: EnglishEdition, part: str) -> dict[int, int]:
    """A part's translator's notes: its k-th -> its number through the edition (T1, T2…)."""
    return {local: number for (owner, local), number in edition.translator_numbers.items() if owner == part}


def render_print_html(document: Document, inputs: PrintInput, lang: str) -> str:
    """The offprint of one language (``zh`` or ``en``) as one HTML document with its stylesheet."""
    if lang == ids.DEFAULT_LANGUAGE:
        return render_print_html_zh(document, inputs)
    if lang == "en":
        return render_print_html_en(document, inputs)
    raise ValueError(f"no offprint in {lang!r}")
