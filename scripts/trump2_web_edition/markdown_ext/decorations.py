"""What a build adds around the text: each paragraph's ¶ permalink and "report an error" link, revision marks.

``docs/`` holds the article's text, its ids and note references; these decorations depend on the
edition being built (its number, address, repository, what it revised), so they are added here,
at build time, from the extension's settings in ``mkdocs.yml``. The page and its language come
from the converter's mark at the top of each generated page (``edition.render.markdown``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from urllib.parse import quote

from markdown import Markdown
from markdown.extensions.footnotes import NBSP_PLACEHOLDER
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from ..edition import ids
from ..edition.release import Edition
from ..edition.render.markdown import read_generated_mark

_WORDS = {
    "zh": {
        "permalink": "本段的永久链接",
        "report": "纠错",
        "report_title": "报告本段的错误（在 GitHub 上新建议题）",
        "issue_title": "[纠错] {id}（中文版 {edition}）",
        "issue_body": "页面：{url}\n段落：{id}\n语言：zh\n版本：{edition}\n\n"
        "请说明错误：原文写的是什么，应当是什么。\n",
        "draft": "未发布稿",
        "revised": "修订于 {version}",
        "revised_title": "本版修订了此处：查看改动",
    },
    "en": {
        "permalink": "Permanent link to this paragraph",
        "report": "Report",
        "report_title": "Report an error in this paragraph (opens a new GitHub issue)",
        "issue_title": "[Erratum] {id} (English, edition {edition})",
        "issue_body": "Page: {url}\nParagraph: {id}\nLanguage: en\nEdition: {edition}\n\n"
        "What is wrong: what the text says, and what it should say.\n",
        "draft": "unpublished draft",
        "revised": "revised in {version}",
        "revised_title": "This edition revised this passage: see what changed",
    },
}
_FOOTNOTE_ID = re.compile(r"^fn:(\d+)$")


@dataclass(frozen=True)
class PageAt:
    """Which page is being rendered, in which language (read from the converter's mark)."""

    page: str
    lang: str


class PageMark(Preprocessor):
    """Remember the page and language the converter's mark names (None for a page it did not write)."""

    def run(self, lines: list[str]) -> list[str]:
        found = next((mark for line in lines[:5] if (mark := read_generated_mark(line))), None)
        self.md.edition_page = PageAt(*found) if found else None  # type: ignore[attr-defined]
        return lines


class Decorations(Treeprocessor):
    """¶, revision mark and report link after each paragraph with an id; the revision mark on each revised note."""

    def __init__(self, md: Markdown, edition: Edition) -> None:
        super().__init__(md)
        self.edition = edition

    def run(self, root: ET.Element) -> None:
        at: PageAt | None = getattr(self.md, "edition_page", None)
        if at is None or at.lang not in _WORDS:
            return
        for element in root.iter():
            element_id = element.get("id") or ""
            if element.tag == "p" and ids.is_paragraph_id(element_id):
                element.append(self._paragraph_links(element_id, at))
            elif element.tag == "li" and (match := _FOOTNOTE_ID.match(element_id)):
                mark = self._revision_mark(ids.note_id(int(match[1])), at)
                if mark is not None:
                    _before_backref(element, mark)

    def _revised(self, passage_id: str, lang: str) -> bool:
        edition = self.edition
        return passage_id in edition.revised or (lang != ids.DEFAULT_LANGUAGE and passage_id in edition.revised_en)

    def _revision_mark(self, passage_id: str, at: PageAt) -> ET.Element | None:
        if not self._revised(passage_id, at.lang):
            return None
        words = _WORDS[at.lang]
        mark = ET.Element("a", {"class": "edition-revised"})
        mark.set("href", ids.href(at.page, at.lang, ids.CHANGES, at.lang, ids.change_anchor(passage_id)))
        mark.set("title", words["revised_title"])
        mark.text = words["revised"].format(version=self.edition.version)
        return mark

    def _paragraph_links(self, pid: str, at: PageAt) -> ET.Element:
        words = _WORDS[at.lang]
        span = ET.Element("span", {"class": "edition-para-links", "data-search-exclude": ""})
        label = words["permalink"]
        permalink = ET.SubElement(span, "a", {"class": "headerlink", "href": f"#{pid}", "title": label})
        permalink.set("aria-label", label)
        permalink.text = "¶"
        last = permalink
        mark = self._revision_mark(pid, at)
        if mark is not None:
            last.tail = " "
            span.append(mark)
            last = mark
        repository = self.edition.repository
        if repository:
            version = self.edition.version or words["draft"]
            where = ids.page_url(at.page, at.lang) + f"#{pid}"
            fields = {"id": pid, "edition": version, "url": self.edition.url_of(where) or where}
            title = quote(words["issue_title"].format(**fields))
            body = quote(words["issue_body"].format(**fields))
            last.tail = " "
            report = ET.SubElement(span, "a", {"class": "edition-report"})
            report.set("href", f"{repository.rstrip('/')}/issues/new?title={title}&body={body}")
            report.set("title", words["report_title"])
            report.set("rel", "nofollow noopener")
            report.set("data-lang", at.lang)
            report.set("data-edition", self.edition.version)
            report.text = words["report"]
        return span


def _before_backref(item: ET.Element, mark: ET.Element) -> None:
    """Put ``mark`` at the end of a footnote's text, before the non-breaking space and its back-link."""
    for paragraph in item.iter("p"):
        children = list(paragraph)
        backref = next((i for i, c in enumerate(children) if "footnote-backref" in (c.get("class") or "")), None)
        if backref is None:
            continue
        before = children[backref - 1] if backref else None
        text = (before.tail if before is not None else paragraph.text) or ""
        space = NBSP_PLACEHOLDER if text.endswith(NBSP_PLACEHOLDER) else ""
        text = text.removesuffix(NBSP_PLACEHOLDER) + " "
        if before is not None:
            before.tail = text
        else:
            paragraph.text = text
        mark.tail = space
        paragraph.insert(backref, mark)
        return
