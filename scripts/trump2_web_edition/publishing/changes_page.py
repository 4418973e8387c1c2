"""The "What changed" page of an edition after the first (修订说明): each changed passage as a marked diff."""

from __future__ import annotations

from ..edition import ids
from ..edition.plan import ABSTRACT, HEADING, NOTE, PARAGRAPH, Passage, Plan
from ..edition.render.escape import escape_text
from ..edition.render.markdown import PageContext, front_matter, join_blocks
from .diff import Change, diff_html
from .registry import EditorNote

TITLES = {"zh": "修订说明", "en": "What changed"}
_WORDS = {
    "zh": {
        "intro": (
            "本版（{version}）与上一版（{previous}）相比，以下 {count} 处正文有改动。"
            "删去的文字以删除线标出，增加的文字以下划线标出。"
        ),
        "none": "本版（{version}）与上一版（{previous}）相比，正文没有改动。",
        "editor": "编者说明",
        "here": "本版此处",
        "there": "上一版（{previous}）此处",
        "added": "本版新增。",
        "removed": "本版删去。",
        "title": "题名",
        "keywords": "关键词",
        "editors": "责任编辑",
        ABSTRACT: "摘要",
        "opening": "引言",
        "note": "注 {n}",
        "paragraph": "{section} · 第 {n} 段",
        "heading": "{section} · 标题",
        "subheading": "{section} · 小标题",
    },
    "en": {
        "intro": (
            "This edition ({version}) differs from the previous one ({previous}) in the {count} passages below."
            " Deleted text is struck through, inserted text underlined."
        ),
        "none": "This edition ({version}) makes no change to the text of the previous one ({previous}).",
        "editor": "Editor’s note",
        "here": "in this edition",
        "there": "in the previous edition ({previous})",
        "added": "Added in this edition.",
        "removed": "Removed in this edition.",
        "title": "Title",
        "keywords": "Key words",
        "editors": "Editors",
        ABSTRACT: "Abstract",
        "opening": "Opening",
        "note": "Note {n}",
        "paragraph": "{section}, paragraph {n}",
        "heading": "{section}, heading",
        "subheading": "{section}, subheading",
        "chinese": "The Chinese text:",
        "english": "The English translation:",
        "stale": (
            "The Chinese was revised; the English translation has not caught up yet and is marked on its page"
            " until it is."
        ),
        "revised": "The translation of this passage was revised; the Chinese is unchanged.",
    },
}


def _section_title(plan: Plan, section_id: str, lang: str, en_titles: dict[str, str]) -> str:
    section = next(s for s in plan.document.sections if s.id == section_id)
    if section.heading is None:
        return _WORDS[lang]["opening"]
    return section.heading.text if lang == "zh" else en_titles.get(section.id, section.heading.text)


def passage_label(passage: Passage, plan: Plan, lang: str, en_titles: dict[str, str]) -> str:
    """How a reader names the passage: the section and paragraph, a note's number, the title…"""
    words = _WORDS[lang]
    if passage.kind == NOTE:
        return words["note"].format(n=passage.number)
    if passage.kind in (PARAGRAPH, HEADING):
        section = _section_title(plan, passage.section, lang, en_titles)
        if passage.kind == PARAGRAPH:
            return words["paragraph"].format(section=section, n=passage.number)
        return words["heading" if passage.number == 1 else "subheading"].format(section=section)
    return words[passage.kind]


def _links(change: Change, context: PageContext) -> str:
    words = _WORDS[context.lang]
    edition = context.edition
    links = []
    if change.new is not None:
        href = context.href(change.new.page, context.lang, change.new.passage.anchor)
        links.append(f'<a href="{href}">{words["here"]}</a>')
    if change.old is not None:
        old = change.old
        anchor = old.passage.anchor
        href = ids.edition_href(context.page, context.lang, edition.previous, old.page, context.lang, anchor)
        links.append(f'<a href="{href}">{words["there"].format(previous=edition.previous)}</a>')
    return '<p class="edition-change-links">' + " · ".join(links) + "</p>"


def _chinese_diff(change: Change, lang: str) -> str:
    old, new = change.old.text if change.old else "", change.new.text if change.new else ""
    diff = f'<p class="edition-diff" lang="zh">{diff_html(old, new)}</p>'
    if change.old is None or change.new is None:
        note = _WORDS[lang]["added" if change.old is None else "removed"]
        return f'<p class="edition-change-note">{note}</p>\n{diff}'
    return diff


def _entry(change: Change, plan: Plan, context: PageContext, en_titles: dict[str, str]) -> list[str]:
    lang = context.lang
    words = _WORDS[lang]
    passage = change.new or change.old
    assert passage is not None
    label = escape_text(passage_label(passage.passage, plan, lang, en_titles))
    blocks = [f"## {label} {{ #{ids.change_anchor(passage.id)} }}", _links(change, context)]
    if lang == "zh":
        return blocks + [_chinese_diff(change, lang)]
    if change.chinese_changed:
        blocks += [f"<p>{words['chinese']}</p>", _chinese_diff(change, lang)]
    else:
        blocks.append(f'<p class="edition-change-note">{words["revised"]}</p>')
    if change.english_stale:
        blocks.append(f'<p class="edition-change-note">{words["stale"]}</p>')
    elif change.english_changed and change.new is not None and change.old is not None:
        diff = diff_html(change.old.english, change.new.english)
        blocks += [f"<p>{words['english']}</p>", f'<p class="edition-diff">{diff}</p>']
    return blocks


def listed(changes: tuple[Change, ...], lang: str) -> tuple[Change, ...]:
    """The changes a page lists: the Chinese page the Chinese ones; the English page revised translations too."""
    return tuple(c for c in changes if c.chinese_changed or (lang == "en" and c.english_changed))


def render_changes(
    plan: Plan,
    changes: tuple[Change, ...],
    context: PageContext,
    en_titles: dict[str, str],
    editor_note: EditorNote,
    head: dict[str, object] | None = None,
) -> str:
    """The What-changed page of one language: the editor's note, then every changed passage as a diff."""
    lang = context.lang
    words = _WORDS[lang]
    edition = context.edition
    shown = listed(changes, lang)
    note = editor_note.zh if lang == "zh" else editor_note.en
    intro = words["intro" if shown else "none"].format(
        version=edition.version, previous=edition.previous, count=len(shown)
    )
    blocks: list[str] = [f"# {TITLES[lang]} {{ #changes }}"]
    if note:
        blocks.append(f'!!! note "{words["editor"]}"\n\n    {escape_text(note)}')
    blocks.append(escape_text(intro))
    for change in shown:
        blocks += _entry(change, plan, context, en_titles)
    return join_blocks(front_matter(context, TITLES[lang], head), *blocks)
