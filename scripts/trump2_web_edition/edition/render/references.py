"""Document -> the References page of each language: every note, where it is cited, its URLs as links."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass

from .. import ids
from ..citations.archive import archive_url
from ..citations.last_check import LastCheck
from ..citations.link_health import DEAD_AFTER, HEALTH_FILE
from ..cjk import has_han
from ..model import Document, Inline, Note
from ..plan import Plan, as_plan
from .inlines import TranslatorMarks, to_html
from .markdown import PageContext, front_matter

TITLES = {"zh": "注释", "en": "Notes"}


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
        "dead": "原链接已失效，请看存档",
    },
    "en": {
        "unchecked": "link not checked yet",
        "checked": "link checked {date}: {verdict}",
        "runs": " ({n} failed runs in a row)",
        "archive": "archived copy",
        "dead": "the link is dead: read the archived copy",
    },
}


def verdict_words(lang: str) -> dict[str, object]:
    """What the page says of a verdict, for its script too (which updates it from the latest link health)."""
    verdicts = {key: _VERDICTS[lang].get(key, key) for key in _VERDICTS["zh"]}
    return {**_WORDS[lang], "verdicts": verdicts, "dead_after": DEAD_AFTER}


def url_status_html(url: str, note: Note, checks: dict[str, LastCheck], lang: str) -> str:
    """A cited URL's line under its note: its last known verdict and date, and its archived copy.

    A URL failing DEAD_AFTER runs in a row shows its archived copy first. The page's script
    (link-health.js) replaces the verdict with the newest one published beside the editions.
    """
    words = _WORDS[lang]
    check = checks.get(url)
    if check is None:
        verdict = words["unchecked"]
    else:
        label = _VERDICTS[lang].get(check.verdict, check.verdict)
        verdict = words["checked"].format(date=check.checked_on, verdict=label)
        if check.failures:
            verdict += words["runs"].format(n=check.failures)
    archived = html.escape(archive_url(url, note.date))
    state = html.escape(check.verdict if check else "unchecked")
    status = f'<span class="link-status" data-verdict="{state}">{html.escape(verdict)}</span>'
    dead = check is not None and check.failures >= DEAD_AFTER
    archive = f'<a class="archived-copy" href="{archived}">{words["dead" if dead else "archive"]}</a>'
    parts = (archive, status) if dead else (status, archive)
    return f'<p class="note-link{" link-dead" if dead else ""}" data-url="{html.escape(url)}">{" · ".join(parts)}</p>'


def citations_of(plan: Plan | Document, number: int, en_titles: dict[str, str]) -> list[Citation]:
    """Every paragraph that cites note ``number``, in reading order (the abstract first)."""
    plan = as_plan(plan)
    found = []
    for passage in plan.citing.get(number, ()):
        if not passage.section:
            found.append(Citation(passage.page, passage.id, "摘要", "Abstract"))
            continue
        section = next(s for s in plan.document.sections if s.id == passage.section)
        title_zh = section.heading.text if section.heading else "引言"
        found.append(Citation(passage.page, passage.id, title_zh, en_titles.get(section.id, "Opening")))
    return found


def _note_item(
    note: Note,
    citations: list[Citation],
    context: PageContext,
    checks: dict[str, LastCheck],
    translated: tuple[Inline, ...] | None,
    marks: TranslatorMarks,
) -> str:
    lang = context.lang
    if translated is not None:
        text = to_html(translated, marks)
    else:
        text = to_html(note.inlines)
        if lang == "en" and has_han(note.text):
            text = f'<span lang="zh">{text}</span>'
    places = []
    for citation in citations:
        title = citation.title_zh if lang == "zh" else citation.title_en
        href = context.href(citation.page, lang, citation.paragraph_id)
        places.append(f'<a href="{href}">{html.escape(title)}</a>')
    if lang == "zh":
        origin = f"原文第 {note.page} 页注 {note.page_number}"
        cited = f"引用于：{'、'.join(places)}；{origin}" if places else origin
    else:
        origin = f"original p.&nbsp;{note.page}, note&nbsp;{note.page_number}"
        cited = f"Cited in: {', '.join(places)}; {origin}" if places else origin
    statuses = "".join(url_status_html(url, note, checks, lang) for url in note.urls)
    return (
        f'<li id="{ids.note_id(note.number)}" value="{note.number}">'
        f'<p class="note-text">{text}</p>{statuses}'
        f'<p class="note-cited">{cited}</p></li>'
    )


def render_references(
    source: Plan | Document,
    context: PageContext,
    en_titles: dict[str, str],
    checks: dict[str, LastCheck] | None = None,
    translated: dict[int, tuple[Inline, ...]] | None = None,
    marks: dict[int, TranslatorMarks] | None = None,
    closing: list[str] | None = None,
    head: dict[str, object] | None = None,
) -> str:
    """The References page of one language (``zh`` or ``en``) as Markdown with an HTML list.

    Each cited URL is followed by its last verdict from the committed link-check report
    (``checks``; none means not checked yet) and its Wayback copy from the note's date.
    ``translated`` gives the English of notes whose translation is current, ``marks`` how each cites
    its translator's notes, listed in ``closing``; ``head`` the page's <head> fields.
    """
    checks, translated, marks = checks or {}, translated or {}, marks or {}
    plan = as_plan(source)
    document = plan.document
    lang = context.lang
    items = []
    for note in document.notes:
        places = citations_of(plan, note.number, en_titles)
        number = note.number
        items.append(_note_item(note, places, context, checks, translated.get(number), marks.get(number)))
    title = TITLES[lang]
    if lang == "zh":
        intro = (
            f"本文全部 {len(document.notes)} 条注释，按全文编号排列；每条注明引用它的章节段落，"
            "以及它在原文中的页码和该页注号。"
        )
    else:
        intro = (
            f"All {len(document.notes)} notes of the article, numbered through the whole text as in the"
            " original; each says which section cites it, and its page and note number in the original."
            " Each citation is kept as written, Chinese titles and publishers followed by an English"
            " rendering in brackets."
        )
    front = front_matter(context, title, head)
    # The Pages root (where link-health.json is published) is one folder above the edition's root.
    health = "../" * (ids.page_url(ids.REFERENCES, lang).count("/") + 1) + HEALTH_FILE
    words = html.escape(json.dumps(verdict_words(lang), ensure_ascii=False))
    opening = f'<ol class="edition-references" data-health="{health}" data-words="{words}">'
    body = "\n".join([opening, *items, "</ol>"])
    tail = "".join(f"\n\n{block}" for block in closing or [])
    return f"{front}\n\n# {title} {{ #references }}\n\n{intro}\n\n{body}{tail}\n"
