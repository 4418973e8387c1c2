"""Document + metadata + edition -> CitedWork: everything a citation of one home page says, and nothing unknown."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from ... import ids
from ...metadata import Metadata
from ...model import Document
from ...release import Edition

WEBPAGE = "webpage"  # CSL's type for an online resource: GB/T 7714's [EB/OL]
JOURNAL_ARTICLE = "article-journal"  # once the journal is known: [J/OL]

# Chinese family names of two characters; any other name's family name is its first character.
_COMPOUND_FAMILY_NAMES = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公孙 慕容 令狐 司徒 夏侯 长孙 宇文 轩辕 端木 独孤 南宫 西门 "
    "百里 呼延 闻人 澹台 公冶 太史 申屠 濮阳 钟离 宗政 赫连 万俟".split()
)


@dataclass(frozen=True)
class Name:
    """A person's name as reference managers store it: family and given apart."""

    family: str
    given: str
    latin: bool  # written in Latin letters (Wang Ziqi), else in characters (王子旗)

    @property
    def full(self) -> str:
        """The name as it is written: 王子旗, or Wang Ziqi (the family name first, as the author writes it)."""
        return f"{self.family}{self.given}" if not self.latin else f"{self.family} {self.given}".strip()

    @property
    def initials(self) -> list[str]:
        """The given name's initials (Ziqi -> Z; Mei-Ling -> M, L)."""
        return [part[0] for part in re.split(r"[\s-]+", self.given) if part]


def chinese_name(text: str) -> Name:
    """王子旗 -> 王 / 子旗 (a known two-character family name is kept whole)."""
    text = text.strip()
    cut = 2 if text[:2] in _COMPOUND_FAMILY_NAMES and len(text) > 2 else 1
    return Name(text[:cut], text[cut:], latin=False)


def latin_name(text: str) -> Name:
    """The author's own romanised name, family name first as in the article: Wang Ziqi -> Wang / Ziqi."""
    words = text.split()
    return Name(words[0], " ".join(words[1:]), latin=True) if words else Name("", "", latin=True)


@dataclass(frozen=True)
class CitedWork:
    """The article as one home page cites it: the Chinese original, or the English edition of it.

    ``lang`` is the page's language and the language the work is cited in. Dates, version and
    address are the edition's, so the unpublished draft has none of them.
    """

    lang: str
    kind: str  # WEBPAGE or JOURNAL_ARTICLE (CSL's type names)
    title: str
    title_translated: str  # the English title of the Chinese original (APA prints it in brackets)
    original_title: str  # the Chinese title, for the English edition (a translation of it)
    author: Name
    language: str  # BCP 47: zh-CN, en
    abstract: str
    keywords: tuple[str, ...]
    released: dt.date | None  # the edition's release date
    year: str  # the journal issue's year, once known
    journal: str
    volume: str
    issue: str
    pages: tuple[str, str]
    doi: str
    issn: str
    publisher: str
    license: str
    version: str
    url: str  # this edition's home page in ``lang``; '' for the draft
    key: str  # the BibTeX key, also the CSL-JSON id

    @property
    def issued(self) -> tuple[int, ...]:
        """The date the work is cited as issued: the journal's year, else the edition's release date."""
        if self.kind == JOURNAL_ARTICLE:
            return (int(self.year),) if self.year else ()
        if self.released is None:
            return ()
        return (self.released.year, self.released.month, self.released.day)

    @property
    def page_text(self) -> str:
        first, last = self.pages
        return f"{first}-{last}" if last else first


def bib_key(document: Document, metadata: Metadata, edition: Edition) -> str:
    """Google Scholar's kind of key: family name, year (when known), first word of the English title."""
    family = latin_name(document.english.author.text).family
    year = metadata.year or (str(edition.released.year) if edition.released else "")
    first_word = next(iter(re.findall(r"[A-Za-z]+", document.english.title.text)), "")
    return re.sub(r"[^a-z0-9]", "", f"{family}{year}{first_word}".lower()) or "article"


# Every page's head, the cite box and the citation files ask for the same few works: each is built once.
@functools.lru_cache(maxsize=8)
def cited_work(document: Document, metadata: Metadata, edition: Edition, lang: str) -> CitedWork:
    """The work a home page cites: the Chinese original (zh), or its English edition (en), in this edition."""
    chinese = lang == ids.DEFAULT_LANGUAGE
    english = document.english
    journal = metadata.journal if chinese else (metadata.journal_en or metadata.journal)
    return CitedWork(
        lang=lang,
        kind=JOURNAL_ARTICLE if metadata.journal else WEBPAGE,
        title=document.title.text if chinese else english.title.text,
        title_translated=english.title.text if chinese else "",
        original_title="" if chinese else document.title.text,
        author=chinese_name(document.author.text) if chinese else latin_name(english.author.text),
        language="zh-CN" if chinese else "en",
        abstract=document.abstract.text if chinese else english.abstract.text,
        keywords=tuple((document.keywords or english.keywords) if chinese else english.keywords),
        released=edition.released if edition.published else None,
        year=metadata.year,
        journal=journal,
        volume=metadata.volume,
        issue=metadata.issue,
        pages=metadata.page_range,
        doi=metadata.doi,
        issn=metadata.issn,
        publisher=metadata.publisher,
        license=metadata.license,
        version=edition.version,
        url=edition.url_of(ids.page_url(ids.HOME, lang)),
        key=bib_key(document, metadata, edition),
    )
