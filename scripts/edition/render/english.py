"""Document + translation -> the English pages: each paragraph in English, its Chinese original beside it."""

from __future__ import annotations

from ..links.extract import parse_note_date
from ..model import Document, Heading, Inline, Link, Note, NoteRef, Paragraph, Section, Text
from ..translation import CURRENT, MISMATCHED, STALE, ItemState, TranslationStatus, note_id, translated_inlines
from .escape import escape_block, escape_text
from .markdown import _header, _join, render_inlines, render_link

FALLBACK_TITLES = {"conclusion": "Conclusion"}
ORIGINAL = "Chinese original"
STALE_TITLE = "Translation out of date"
MISSING_TITLE = "Not yet translated"
MISMATCHED_TITLE = "Translation under review"
STALE_TEXT = (
    "The Chinese text has changed since this translation was made. Until the translation is revised,"
    " the current original below is the authoritative text."
)
MISSING_TEXT = "This part has not been translated yet; the Chinese original is shown."
MISMATCHED_TEXT = (
    "The translation of this part does not cite the same notes as the original; the Chinese original is shown."
)


def _base(section: Section, depth: int) -> str:
    """The relative URL of a section's Chinese page from an English page ``depth`` folders down."""
    return "../" * depth + ("" if section.heading is None else f"{section.id}/")


def _box(header: str, *blocks: str) -> str:
    """An admonition or a collapsible block (pymdownx.details) around Markdown blocks."""
    body = "\n\n".join(blocks)
    return header + "\n\n" + "\n".join(f"    {line}" if line else "" for line in body.split("\n"))


def _chinese(inlines: tuple[Inline, ...]) -> str:
    """Chinese inlines shown beside the translation: note numbers as plain superscripts, not second references."""
    out = []
    for index, inline in enumerate(inlines):
        if isinstance(inline, Text):
            out.append(escape_block(inline.text) if index == 0 else escape_text(inline.text))
        elif isinstance(inline, Link):
            out.append(render_link(inline.url))
        elif isinstance(inline, NoteRef):
            out.append(f'<sup class="original-note">{inline.number}</sup>')
    return "".join(out)


def _goto(href: str, what: str) -> str:
    return f'<a href="{href}" hreflang="zh">{what} in the original</a>\n{{ .original-link }}'


def _untranslated(state: ItemState) -> str:
    """The notice above a part shown in Chinese only."""
    if state.state == MISMATCHED:
        return _box(f'!!! warning "{MISMATCHED_TITLE}"', MISMATCHED_TEXT)
    return _box(f'!!! warning "{MISSING_TITLE}"', MISSING_TEXT)


def _english(state: ItemState, document: Document) -> tuple[Inline, ...]:
    assert state.entry is not None
    return translated_inlines(state.entry.text, state.item.urls, len(document.notes))


def render_heading_en(heading: Heading, state: ItemState, base: str) -> list[str]:
    """A heading in English with its Chinese title under it, linking to it in the original."""
    original = (
        f'<a href="{base}#{heading.id}" hreflang="zh" lang="zh">{escape_text(heading.text)}</a>\n'
        '{ .original-heading data-search-exclude="" }'
    )
    marks = "#" * heading.level
    if not state.usable:
        return [f'{marks} {escape_text(heading.text)} {{ #{heading.id} lang="zh" }}', _untranslated(state)]
    assert state.entry is not None
    line = f"{marks} {escape_text(state.entry.text)} {{ #{heading.id} }}"
    if state.state == CURRENT:
        return [line, original]
    return [line, _box(f'!!! warning "{STALE_TITLE}"', STALE_TEXT, original)]


def render_paragraph_en(paragraph: Paragraph, state: ItemState, document: Document, base: str) -> list[str]:
    """A paragraph in English under the Chinese paragraph's id, then its original (collapsed when current)."""
    href = f"{base}#{paragraph.id}"
    number = paragraph.id.rsplit("-p", 1)[1]
    goto = _goto(href, f"Paragraph {number}")
    if not state.usable:
        chinese = render_inlines(paragraph.inlines, at_block_start=True)
        return [_untranslated(state), f'{chinese}\n{{ #{paragraph.id} lang="zh" }}', goto]
    english = f"{render_inlines(_english(state, document), at_block_start=True)}\n{{ #{paragraph.id} }}"
    # The Chinese shown on English pages stays out of the English search index.
    original = f'{_chinese(paragraph.inlines)}\n{{ lang="zh" data-search-exclude="" }}'
    if state.state == CURRENT:
        return [english, _box(f'??? quote "{ORIGINAL}"', original, goto)]
    return [english, _box(f'!!! warning "{STALE_TITLE}"', STALE_TEXT, original, goto)]


def translated_notes(document: Document, translation: TranslationStatus) -> dict[int, tuple[Inline, ...]]:
    """The English of every note whose translation is current, by note number."""
    found = {}
    for note in document.notes:
        state = translation.get(note_id(note.number))
        if state.state == CURRENT:
            found[note.number] = _english(state, document)
    return found


def render_note_en(note: Note, state: ItemState, document: Document) -> str:
    """A footnote: the translated note (citation as written, English in brackets), or the original marked."""
    date = parse_note_date(note.text)
    chinese = f'<span lang="zh">{render_inlines(note.inlines, version_date=date)}</span>'
    if not state.usable:
        label = MISMATCHED_TITLE if state.state == MISMATCHED else MISSING_TITLE
        return f"[^{note.number}]: {chinese} ({label}.)"
    text = render_inlines(_english(state, document), at_block_start=True, version_date=date)
    if state.state == STALE:
        text += f" ({STALE_TITLE}; the original: {chinese})"
    return f"[^{note.number}]: {text}"


def _cited(document: Document, section: Section, status: TranslationStatus) -> list[int]:
    """The notes a section's English page cites: from the translation where it is shown, else the original."""
    numbers: set[int] = set()
    for paragraph in section.paragraphs:
        state = status.get(paragraph.id)
        inlines = _english(state, document) if state.usable else paragraph.inlines
        numbers.update(i.number for i in inlines if isinstance(i, NoteRef))
    return sorted(numbers)


def _notes(document: Document, section: Section | None, status: TranslationStatus) -> list[str]:
    numbers = _cited(document, section, status) if section else []
    return [render_note_en(document.note(n), status.get(note_id(n)), document) for n in numbers]


def english_titles(document: Document, status: TranslationStatus) -> dict[str, str]:
    """Section id -> English title: the translated heading, or a neutral one while it is untranslated."""
    titles = {}
    numbered = [s for s in document.sections if s.heading is not None]
    for number, section in enumerate(numbered, start=1):
        assert section.heading is not None
        state = status.get(section.heading.id)
        if state.usable and state.entry is not None:
            titles[section.id] = state.entry.text
        else:
            titles[section.id] = FALLBACK_TITLES.get(section.id, f"Part {number}")
    return titles


def _problems(section: Section, status: TranslationStatus) -> int:
    ids = [b.id for b in ((section.heading,) if section.heading else ()) + section.blocks]
    return sum(status.get(i).state != CURRENT for i in ids)


def _about(section: Section, status: TranslationStatus, depth: int, title: str, home: bool) -> str:
    link = f'<a href="{_base(section, depth)}" hreflang="zh" lang="zh">{escape_text(title)}</a>'
    where = "the original" if home else "this section in the original"
    text = [
        (
            "The title, abstract and key words above are the author's own English. The rest of the article"
            " was translated into English for this edition."
            if home
            else "This English translation was prepared for this edition."
        ),
        f"The article was written in Chinese, and the Chinese original is authoritative: read {where},"
        f" {link}.",
        f"Under each paragraph, “{ORIGINAL}” opens the same paragraph in Chinese, with a link to its place"
        " in the original.",
    ]
    problems = _problems(section, status)
    if problems:
        text.append(
            f"{problems} part{'s' if problems > 1 else ''} of this page {'are' if problems > 1 else 'is'}"
            " out of date or not yet translated: marked, with the Chinese shown."
        )
    label = "About this edition" if home else "About this translation"
    return _box(f'!!! info "{label}"', " ".join(text))


def _body(document: Document, section: Section, status: TranslationStatus, depth: int) -> list[str]:
    base = _base(section, depth)
    blocks: list[str] = []
    for block in section.blocks:
        if isinstance(block, Heading):
            blocks += render_heading_en(block, status.get(block.id), base)
        else:
            blocks += render_paragraph_en(block, status.get(block.id), document, base)
    return blocks


def render_section_en(document: Document, section: Section, status: TranslationStatus, title: str) -> str:
    """An English section page: heading, the notice, the aligned paragraphs, the editors, the notes."""
    assert section.heading is not None
    heading = render_heading_en(section.heading, status.get(section.heading.id), _base(section, 2))
    body = _body(document, section, status, 2)
    closing = []
    if section is document.sections[-1] and document.editors is not None:
        state = status.get("editors")
        if state.usable and state.entry is not None:
            closing = [f"{escape_block(state.entry.text)}\n{{ .editors #editors }}"]
        else:
            closing = [f'（责任编辑 {escape_text(document.editors.text)}）\n{{ .editors #editors lang="zh" }}']
    return _join(
        _header(document, title),
        heading[0],
        _about(section, status, 2, section.heading.text, home=False),
        heading[1:],
        body,
        closing,
        _notes(document, section, status),
    )


def render_home_en(document: Document, status: TranslationStatus, titles: dict[str, str]) -> str:
    """The English home page: the author's English title, abstract and key words, then the opening."""
    english = document.english
    opening = next((s for s in document.sections if s.heading is None), None)
    body = _body(document, opening, status, 1) if opening else []
    contents = [f'- <a href="{s.id}/">{escape_text(titles[s.id])}</a>' for s in document.sections if s.heading]
    about = _about(opening, status, 1, document.title.text, home=True) if opening else ""
    abstract = f"**Abstract:** {render_inlines(english.abstract.inlines)}\n{{ #{english.abstract.id} }}"
    return _join(
        _header(document, "Home"),
        f"# {escape_text(english.title.text)} {{ #title }}",
        f"{escape_block(english.author.text)}\n{{ .byline #author }}",
        abstract,
        f"**Key Words:** {escape_text('; '.join(english.keywords))}\n{{ #keywords }}",
        about,
        body,
        "Contents:",
        "\n".join(contents),
        _notes(document, opening, status),
    )
