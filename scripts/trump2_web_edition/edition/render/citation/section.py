"""CitedWork -> the "Cite this article" section of a home page: GB/T 7714, APA, BibTeX and the files to save."""

from __future__ import annotations

import html

from .apa import apa
from .bibtex import bibtex
from .gbt7714 import gbt7714
from .work import CitedWork

SCRIPT = "assets/javascripts/citation.js"
# Where the page's script writes the reader's date (引用日期, urldate); shown as is without JavaScript.
ACCESSED = {"zh": "引用日期", "en": "accessed date"}
_MARK = "\x00accessed\x00"

WORDS = {
    "zh": {
        "heading": "引用本文",
        "edition": "本网络版：第 {version} 版，{released} 发布，地址 {link}。",
        "edition_undated": "本网络版：第 {version} 版，地址 {link}。",
        "draft": "未发布稿：正式发布的各版在此注明版本号、发布日期和地址。",
        "unknown": "刊名、卷期、页码和 DOI 尚未知：本文作为网络资源（[EB/OL]）引用，不列出这些项目。",
        "accessed": "引用日期由您的浏览器填写为今天。",
        "download": "下载：",
    },
    "en": {
        "heading": "Cite this article",
        "edition": "This web edition: version {version}, released {released}, at {link}.",
        "edition_undated": "This web edition: version {version}, at {link}.",
        "draft": "Unpublished draft: a published edition gives its version, release date and address here.",
        "unknown": (
            "The journal, volume, issue, pages and DOI are not known yet: the article is cited as an online"
            " resource ([EB/OL]) without them."
        ),
        "accessed": "Your browser fills in today as the date accessed.",
        "download": "Download:",
    },
}


def _with_accessed(escaped: str, lang: str, form: str = "") -> str:
    """The placeholder where the date accessed goes; the script writes it as ISO 8601, or as APA does (``apa``)."""
    placeholder = f'<span class="cite-accessed" data-cite-accessed="{form}">{ACCESSED[lang]}</span>'
    return escaped.replace(html.escape(_MARK), placeholder)


def edition_line(work: CitedWork, words: dict[str, str]) -> str:
    if not work.version or not work.url:
        return words["draft"]
    link = f'<a href="{html.escape(work.url)}">{html.escape(work.url)}</a>'
    released = work.released.isoformat() if work.released else ""
    key = "edition" if released else "edition_undated"
    return words[key].format(version=html.escape(work.version), released=released, link=link)


def render_cite_section(work: CitedWork, files: dict[str, str], known_journal: bool) -> str:
    """The section (Markdown with HTML blocks); ``files`` maps each format's label to its path from the page."""
    lang = work.lang
    words = WORDS[lang]
    gbt = _with_accessed(html.escape(gbt7714(work, _MARK), quote=False), lang)
    apa_html = "".join(
        f"<i>{html.escape(text, quote=False)}</i>" if italic else html.escape(text, quote=False)
        for text, italic in apa(work, _MARK).runs
    )
    apa_html = _with_accessed(apa_html, lang, "apa")
    bib = html.escape(bibtex(work).rstrip("\n"), quote=False)
    if work.url:
        bib = bib[: -len("\n}")] + f",\n  urldate = {{{html.escape(_MARK)}}}\n}}"
        bib = _with_accessed(bib, lang)
    save = ' data-cite-save=""' if work.url else ""
    links = " · ".join(
        f'<a href="{path}" download="{path.rsplit("/", 1)[-1]}"{save}>{label}</a>' for label, path in files.items()
    )
    gbt_lang = ' lang="zh"' if lang == "zh" else ""
    notes = [] if known_journal else [words["unknown"]]
    if work.url:
        notes.append(words["accessed"])
    parts = [
        f"## {words['heading']} {{ #cite }}",
        f'<p class="cite-edition">{edition_line(work, words)}</p>',
        f'<p id="cite-gbt"><strong>GB/T 7714-2015</strong><br>\n<span class="cite-text"{gbt_lang}>{gbt}</span></p>',
        f'<p id="cite-apa"><strong>APA</strong><br>\n<span class="cite-text">{apa_html}</span></p>',
        "<p><strong>BibTeX</strong></p>",
        f'<pre class="cite-bibtex"><code>{bib}</code></pre>',
        f"<p>{words['download']} {links}</p>",
        f'<p class="cite-notes">{" ".join(notes)}</p>' if notes else "",
    ]
    if work.url:
        depth = "" if lang == "zh" else "../"
        parts.append(f'<script src="{depth}{SCRIPT}" defer></script>')
    return "\n\n".join(p for p in parts if p)
