"""Document -> the References page of each language: every note, where it is cited, its URLs as links."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from ..links.archive import archive_url
from ..links.extract import parse_note_date
from ..links.last_check import LastCheck
from ..model import Document, Inline, Link, Note, NoteRef, Paragraph, Text

REFERENCES_PAGE = "references"
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


@dataclass(frozen=True)
class Citation:
    """One place that cites a note: the page (file stem), the paragraph and the section titles."""

    page: str
    paragraph_id: str
    title_zh: str
    title_en: str


_VERDICTS = {
    "zh": {
        "ok": "可访问",
        "redirected": "已永久迁移",
        "broken": "失效",
        "soft-404": "失效（页面不存在）",
        "unverifiable": "无法自动核验",
        "timeout": "超时",
    },
    "en": {"soft-404": "soft 404 (a not-found page)"},
}


_WORDS = {
    "zh": {
        "unchecked": "链接尚未核验",
        "checked": "链接核验于 {date}：{verdict}",
        "runs": "（连续 {n} 次失败）",
        "archive": "存档",
    },
    "en": {
        "unchecked": "link not checked yet",
        "checked": "link checked {date}: {verdict}",
        "runs": " ({n} failed runs in a row)",
        "archive": "archived copy",
    },
}


def url_status_html(url: str, note: Note, checks: dict[str, LastCheck], lang: str) -> str:
    """After a cited URL: its last verdict and date from the committed report, and its archived copy."""
    words = _WORDS[lang]
    check = checks.get(url)
    if check is None:
        verdict = words["unchecked"]
    else:
        label = _VERDICTS[lang].get(check.verdict, check.verdict)
        verdict = words["checked"].format(date=check.checked_on, verdict=label)
        if check.failures:
            verdict += words["runs"].format(n=check.failures)
    archived = html.escape(archive_url(url, parse_note_date(note.text)))
    state = html.escape(check.verdict if check else "unchecked")
    return (
        f'<span class="link-status" data-verdict="{state}">{html.escape(verdict)}</span>'
        f' · <a class="archived-copy" href="{archived}">{words["archive"]}</a>'
    )


def _inline_html(inlines: tuple[Inline, ...]) -> str:
    out = []
    for inline in inlines:
        if isinstance(inline, Text):
            out.append(html.escape(inline.text, quote=False))
        elif isinstance(inline, Link):
            url = html.escape(inline.url)
            out.append(f'<a href="{url}">{html.escape(inline.url, quote=False)}</a>')
        elif isinstance(inline, NoteRef):  # a note citing a note: say which, plainly
            out.append(f"[{inline.number}]")
    return "".join(out)


def citations_of(document: Document, number: int, en_titles: dict[str, str]) -> list[Citation]:
    """Every paragraph that cites note ``number``, in reading order (the abstract first)."""
    found: list[Citation] = []

    def visit(page: str, paragraph: Paragraph, title_zh: str, title_en: str) -> None:
        if number in paragraph.note_numbers:
            found.append(Citation(page, paragraph.id, title_zh, title_en))

    visit("index", document.abstract, "摘要", "Abstract")
    for section in document.sections:
        page = "index" if section.heading is None else section.id
        title_zh = section.heading.text if section.heading else "引言"
        title_en = en_titles.get(section.id, "Opening")
        for paragraph in section.paragraphs:
            visit(page, paragraph, title_zh, title_en)
    return found


def _href(page: str, fragment: str) -> str:
    # The References page of each language sits beside that language's other pages.
    return "../" + ("" if page == "index" else f"{page}/") + f"#{fragment}"


def _note_item(
    note: Note,
    citations: list[Citation],
    lang: str,
    checks: dict[str, LastCheck],
    translated: tuple[Inline, ...] | None,
) -> str:
    if translated is not None:
        text = _inline_html(translated)
    else:
        text = _inline_html(note.inlines)
        if lang == "en" and _CJK.search(note.text):
            text = f'<span lang="zh">{text}</span>'
    places = []
    for citation in citations:
        if lang == "zh":
            where = f'<a href="{_href(citation.page, citation.paragraph_id)}">{html.escape(citation.title_zh)}</a>'
        else:
            where = f'<a href="{_href(citation.page, citation.paragraph_id)}">{html.escape(citation.title_en)}</a>'
        places.append(where)
    if lang == "zh":
        origin = f"原文第 {note.page} 页注 {note.page_number}"
        cited = f"引用于：{'、'.join(places)}；{origin}" if places else origin
    else:
        origin = f"original p.&nbsp;{note.page}, note&nbsp;{note.page_number}"
        cited = f"Cited in: {', '.join(places)}; {origin}" if places else origin
    statuses = "".join(f'<p class="note-link">{url_status_html(url, note, checks, lang)}</p>' for url in note.urls)
    return (
        f'<li id="note-{note.number}" value="{note.number}">'
        f'<p class="note-text">{text}</p>{statuses}'
        f'<p class="note-cited">{cited}</p></li>'
    )


def render_references(
    document: Document,
    lang: str,
    en_titles: dict[str, str],
    header: str,
    checks: dict[str, LastCheck] | None = None,
    translated: dict[int, tuple[Inline, ...]] | None = None,
) -> str:
    """The References page of one language (``zh`` or ``en``) as Markdown with an HTML list.

    Each cited URL is followed by its last verdict from the committed link-check report
    (``checks``; none means not checked yet) and its Wayback copy from the note's date.
    ``translated`` gives the English of notes whose translation is current.
    """
    checks, translated = checks or {}, translated or {}
    items = [
        _note_item(n, citations_of(document, n.number, en_titles), lang, checks, translated.get(n.number))
        for n in document.notes
    ]
    if lang == "zh":
        title = "注释"
        intro = (
            f"本文全部 {len(document.notes)} 条注释，按全文编号排列；每条注明引用它的章节段落，"
            "以及它在原文中的页码和该页注号。"
        )
    else:
        title = "Notes"
        intro = (
            f"All {len(document.notes)} notes of the article, numbered through the whole text as in the"
            " original; each says which section cites it, and its page and note number in the original."
            " Each citation is kept as written, Chinese titles and publishers followed by an English"
            " rendering in brackets."
        )
    front = f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n\n{header}"
    body = "\n".join(['<ol class="edition-references">', *items, "</ol>"])
    return f"{front}\n\n# {title} {{ #references }}\n\n{intro}\n\n{body}\n"
