"""Document -> the References page of each language: every note, where it is cited, its URLs as links."""

from __future__ import annotations

import datetime as dt
import html
import json
from dataclasses import dataclass

from ...linkcheck.health import DEAD_AFTER, HEALTH_FILE, UrlHealth
from ...linkcheck.results import ArchiveStatus, Capture, Verdict
from .. import ids
from ..cjk import has_han
from ..model import Document, Inline, Note
from ..plan import Plan, as_plan
from .inlines import TranslatorMarks, robust_attributes, to_html
from .markdown import PageContext, front_matter

TITLES = {"zh": "注释", "en": "Notes"}


@dataclass(frozen=True)
class Citation:
    """One place that cites a note: the page (file stem), the paragraph and the section titles."""

    page: str
    paragraph_id: str
    title_zh: str
    title_en: str


# What the page calls each verdict, keyed on the link checker's Verdict (English: the value itself but where given).
_VERDICTS: dict[str, dict[Verdict, str]] = {
    "zh": {
        Verdict.OK: "可访问",
        Verdict.REDIRECTED: "已永久迁移",
        Verdict.BROKEN: "失效",
        Verdict.SOFT_404: "失效（页面不存在）",
        Verdict.UNVERIFIABLE: "无法自动核验",
        Verdict.TIMEOUT: "超时",
    },
    "en": {Verdict.SOFT_404: "soft 404 (a not-found page)"},
}


_WORDS = {
    "zh": {
        "unchecked": "链接尚未核验",
        "checked": "链接核验于 {date}：{verdict}",
        "runs": "（连续 {n} 次失败）",
        "archived": "存档于 {date}",
        "dead": "原链接已失效，请看存档（存档于 {date}）",
        ArchiveStatus.NONE: "未找到存档",
        ArchiveStatus.UNVERIFIED: "存档无法核验",
        "not_asked": "存档尚未查询",
    },
    "en": {
        "unchecked": "link not checked yet",
        "checked": "link checked {date}: {verdict}",
        "runs": " ({n} failed runs in a row)",
        "archived": "archived {date}",
        "dead": "the link is dead: read the copy archived {date}",
        ArchiveStatus.NONE: "no archived copy found",
        ArchiveStatus.UNVERIFIED: "could not verify an archived copy",
        "not_asked": "archives not asked yet",
    },
}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")  # fmt: skip


def archive_date(day: dt.date, lang: str) -> str:
    """A capture's date as the page writes it: 2025-03-01, or 1 March 2025."""
    return day.isoformat() if lang == "zh" else f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def verdict_words(lang: str) -> dict[str, object]:
    """What the page says of a verdict and an archived copy, for its script too (which updates it from the latest
    link health)."""
    verdicts = {str(key): _VERDICTS[lang].get(key, str(key)) for key in Verdict}
    words = {str(key): text for key, text in _WORDS[lang].items()}
    return {**words, "verdicts": verdicts, "dead_after": DEAD_AFTER, "months": list(MONTHS) if lang == "en" else None}


def archive_html(url: str, health: UrlHealth | None, lang: str) -> str:
    """The URL's archived copy: the capture an archive confirmed, linked with its date; else why there is none."""
    words = _WORDS[lang]
    capture: Capture | None = health.capture if health else None
    if capture is not None:
        key = "dead" if health is not None and health.dead else "archived"
        text = words[key].format(date=archive_date(capture.date, lang))
        return f'<a class="archived-copy" href="{html.escape(capture.url)}"{robust_attributes(url, capture)}>{text}</a>'
    lookup = health.archive if health else None
    state = str(lookup.status) if lookup else "not-asked"
    text = words[lookup.status] if lookup else words["not_asked"]
    return f'<span class="archived-copy" data-archive="{state}">{html.escape(text)}</span>'


def url_status_html(url: str, checks: dict[str, UrlHealth], lang: str) -> str:
    """A cited URL's line under its note: its last known verdict and date, and its verified archived copy.

    A URL failing DEAD_AFTER runs in a row shows its archived copy first (a verified one only). The page's script
    (link-health.js) replaces both with the newest record published beside the editions.
    """
    words = _WORDS[lang]
    health = checks.get(url)
    verdict = health.verdict if health else None
    if health is None or verdict is None:
        text = words["unchecked"]
    else:
        label = _VERDICTS[lang].get(verdict, str(verdict))
        text = words["checked"].format(date=health.checked_on, verdict=label)
        if health.failures:
            text += words["runs"].format(n=health.failures)
    state = html.escape(str(verdict) if verdict else "unchecked")
    status = f'<span class="link-status" data-verdict="{state}">{html.escape(text)}</span>'
    dead = health is not None and health.dead
    archive = archive_html(url, health, lang)
    first = dead and health is not None and health.capture is not None
    parts = (archive, status) if first else (status, archive)
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
    checks: dict[str, UrlHealth],
    translated: tuple[Inline, ...] | None,
    marks: TranslatorMarks,
) -> str:
    lang = context.lang
    captures = {url: health.capture for url, health in checks.items() if health.capture is not None}
    if translated is not None:
        text = to_html(translated, marks, captures)
    else:
        text = to_html(note.inlines, captures=captures)
        if lang == "en" and has_han(note.text):
            text = f'<span lang="zh">{text}</span>'
    places = []
    for citation in citations:
        title = citation.title_zh if lang == "zh" else citation.title_en
        href = context.href(citation.page, lang, citation.paragraph_id)
        places.append(f'<a href="{href}">{html.escape(title)}</a>')
    if lang == "zh":
        origin = f"原文第 {note.printed_page} 页注 {note.number_on_page}"
        cited = f"引用于：{'、'.join(places)}；{origin}" if places else origin
    else:
        origin = f"original p.&nbsp;{note.printed_page}, note&nbsp;{note.number_on_page}"
        cited = f"Cited in: {', '.join(places)}; {origin}" if places else origin
    statuses = "".join(url_status_html(url, checks, lang) for url in note.urls)
    return (
        f'<li id="{ids.note_id(note.number)}" value="{note.number}">'
        f'<p class="note-text">{text}</p>{statuses}'
        f'<p class="note-cited">{cited}</p></li>'
    )


def render_references(
    source: Plan | Document,
    context: PageContext,
    en_titles: dict[str, str],
    checks: dict[str, UrlHealth] | None = None,
    translated: dict[int, tuple[Inline, ...]] | None = None,
    marks: dict[int, TranslatorMarks] | None = None,
    closing: list[str] | None = None,
    head: dict[str, object] | None = None,
) -> str:
    """The References page of one language (``zh`` or ``en``) as Markdown with an HTML list.

    Each cited URL is followed by its last verdict and its archived copy from the link-health record
    (``checks``; none means not checked yet): a capture an archive confirmed, never a guessed address.
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
