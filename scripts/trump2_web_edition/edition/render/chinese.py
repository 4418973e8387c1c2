"""Document -> the Chinese pages: the home page (title, abstract, opening) and one page per section."""

from __future__ import annotations

from .. import ids
from ..metadata import Metadata
from ..model import Document, Heading, Paragraph, Section
from .escape import escape_block, escape_text
from .head import head_fields, site_name
from .inlines import to_markdown
from .markdown import PageContext, footnote, front_matter, heading_block, join_blocks, paragraph_block


def paragraph_zh(paragraph: Paragraph, context: PageContext, label: str = "") -> str:
    """A Chinese paragraph: ``label`` (Markdown) before its text, its id and links after."""
    text = to_markdown(paragraph.inlines, block_start=not label)
    return paragraph_block(f"{label}{text}", paragraph.id)


def notes_of(document: Document, paragraphs: tuple[Paragraph, ...], context: PageContext) -> list[str]:
    """The definitions of the notes these paragraphs cite, in number order."""
    numbers = sorted({n for p in paragraphs for n in p.note_numbers})
    return [footnote(document.note(n)) for n in numbers]


def _front(document: Document, metadata: Metadata, context: PageContext, nav_title: str) -> str:
    full = site_name(document, "zh") if context.page == ids.HOME else f"{nav_title} - {site_name(document, 'zh')}"
    return front_matter(context, nav_title, head_fields(document, metadata, context, full))


def render_home_zh(document: Document, metadata: Metadata, context: PageContext, cite: str = "") -> str:
    """The Chinese home page: title, author, abstract, key words, the opening, ``cite`` (Markdown), the notes."""
    opening = next((s for s in document.sections if s.heading is None), None)
    paragraphs = opening.paragraphs if opening else ()
    keywords = ""
    if document.keywords:
        keywords = f"**关键词：** {escape_text('；'.join(document.keywords))}\n{{ #keywords }}"
    return join_blocks(
        _front(document, metadata, context, "首页"),
        f"# {escape_text(document.title.text)} {{ #title }}",
        f"{escape_block(document.author.text)}\n{{ .byline #author }}",
        paragraph_zh(document.abstract, context, "**摘要：** "),
        keywords,
        [paragraph_zh(p, context) for p in paragraphs],
        cite,
        notes_of(document, paragraphs + (document.abstract,), context),
    )


def render_section_zh(document: Document, metadata: Metadata, section: Section, context: PageContext) -> str:
    """A Chinese section page: its heading, subsections and paragraphs, the editors (last page), its notes."""
    assert section.heading is not None
    body = [heading_block(b) if isinstance(b, Heading) else paragraph_zh(b, context) for b in section.blocks]
    closing = []
    if section is document.sections[-1] and document.editors is not None:
        closing = [f"（责任编辑 {escape_text(document.editors.text)}）\n{{ .editors #editors }}"]
    return join_blocks(
        _front(document, metadata, context, section.heading.text),
        heading_block(section.heading),
        body,
        closing,
        notes_of(document, section.paragraphs, context),
    )
