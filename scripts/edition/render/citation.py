"""Document + metadata -> citations (GB/T 7714-2015, APA, BibTeX, RIS, CSL-JSON) and the "Cite" section.

Only what is known is cited: a field left empty in source/metadata.yml is left out,
never guessed.
"""

from __future__ import annotations

import html
import json
import re

from ..metadata import Metadata
from ..model import Document

BIB_FILE = "assets/citation.bib"
RIS_FILE = "assets/citation.ris"
CSL_FILE = "assets/citation.json"


def _pages(metadata: Metadata) -> tuple[str, str]:
    """(first, last) page; last is empty for a single page."""
    parts = re.split(r"\s*[-–—]+\s*", metadata.pages.strip(), maxsplit=1)
    return parts[0], parts[1] if len(parts) > 1 else ""


def _english_name(document: Document) -> tuple[str, str]:
    """(family, given) of the author's own English name, e.g. ('Wang', 'Ziqi')."""
    words = document.english.author.text.split()
    if len(words) < 2:
        return document.english.author.text, ""
    return words[0], " ".join(words[1:])


def gbt7714(document: Document, metadata: Metadata) -> str:
    """GB/T 7714-2015, journal article ([J]): 作者. 题名[J]. 刊名, 年, 卷(期): 页码. DOI."""
    text = f"{document.author.text}. {document.title.text}[J]."
    place = metadata.journal
    if metadata.year:
        place = f"{place}, {metadata.year}" if place else metadata.year
    if metadata.volume:
        place = f"{place}, {metadata.volume}" if place else metadata.volume
    if metadata.issue:
        place += f"({metadata.issue})"
    if metadata.pages:
        place = f"{place}: {metadata.pages}" if place else metadata.pages
    if place:
        text += f" {place}."
    if metadata.doi:
        text += f" DOI:{metadata.doi}."
    return text


def apa(document: Document, metadata: Metadata, lang: str) -> str:
    """APA (7th ed.); the English version uses the author's own English name and title in brackets."""
    family, given = _english_name(document)
    year = metadata.year or "n.d."  # APA's own mark for an unknown date
    if lang == "zh":
        author = document.author.text
        title = document.title.text
    else:
        initials = " ".join(f"{part[0]}." for part in re.split(r"[\s-]+", given) if part)
        author = f"{family}, {initials}" if initials else family
        title = f"{document.title.text} [{document.english.title.text}]"
    text = f"{author} ({year}). {title}."
    journal = metadata.journal_en if lang == "en" and metadata.journal_en else metadata.journal
    if journal:
        text += f" {journal}"
        if metadata.volume:
            text += f", {metadata.volume}"
            if metadata.issue:
                text += f"({metadata.issue})"
        elif metadata.issue:
            text += f", ({metadata.issue})"
        if metadata.pages:
            text += f", {metadata.pages}"
        text += "."
    if metadata.doi:
        text += f" https://doi.org/{metadata.doi}"
    return text


def bib_key(document: Document, metadata: Metadata) -> str:
    """Google Scholar style key: family name, year (when known), first word of the English title."""
    family, _ = _english_name(document)
    first_word = next(iter(re.findall(r"[A-Za-z]+", document.english.title.text)), "")
    return re.sub(r"[^a-z0-9]", "", f"{family}{metadata.year}{first_word}".lower()) or "article"


def _bib_value(value: str) -> str:
    return value.replace("\\", "\\textbackslash{}").replace("{", "\\{").replace("}", "\\}")


def bibtex(document: Document, metadata: Metadata) -> str:
    """A BibTeX @article entry with the known fields only."""
    family, given = _english_name(document)
    fields = [
        ("author", document.author.text),
        ("title", document.title.text),
        ("journal", metadata.journal),
        ("year", metadata.year),
        ("volume", metadata.volume),
        ("number", metadata.issue),
        ("pages", metadata.pages.replace("-", "--") if "--" not in metadata.pages else metadata.pages),
        ("doi", metadata.doi),
        ("issn", metadata.issn),
        ("publisher", metadata.publisher),
        ("language", "chinese"),
        ("keywords", ", ".join(document.keywords or document.english.keywords)),
        ("note", f"English title: {document.english.title.text}; author: {given} {family}".strip()),
    ]
    lines = [f"@article{{{bib_key(document, metadata)},"]
    lines += [f"  {name} = {{{_bib_value(value)}}}," for name, value in fields if value]
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join(lines) + "\n}\n"


def ris(document: Document, metadata: Metadata) -> str:
    """An RIS record (TY JOUR) with the known fields only (LF line ends, which reference managers read)."""
    first, last = _pages(metadata)
    rows = [
        ("TY", "JOUR"),
        ("AU", document.author.text),
        ("TI", document.title.text),
        ("TT", document.english.title.text),
        ("JO", metadata.journal),
        ("PY", metadata.year),
        ("VL", metadata.volume),
        ("IS", metadata.issue),
        ("SP", first),
        ("EP", last),
        ("DO", metadata.doi),
        ("SN", metadata.issn),
        ("PB", metadata.publisher),
        ("LA", "zh"),
        ("AB", document.abstract.text),
        *(("KW", k) for k in (document.keywords or document.english.keywords)),
        ("ER", ""),
    ]
    return "".join(f"{tag}  - {value}\n" for tag, value in rows if value or tag == "ER")


def csl_json(document: Document, metadata: Metadata) -> dict[str, object]:
    """CSL-JSON item (plus the English matter under ``edition-en``) for the site's metadata hook."""
    family, given = _english_name(document)
    item: dict[str, object] = {
        "id": bib_key(document, metadata),
        "type": "article-journal",
        "title": document.title.text,
        "author": [{"literal": document.author.text}],
        "language": "zh-CN",
        "abstract": document.abstract.text,
    }
    optional = {
        "container-title": metadata.journal,
        "volume": metadata.volume,
        "issue": metadata.issue,
        "page": metadata.pages,
        "DOI": metadata.doi,
        "ISSN": metadata.issn,
        "publisher": metadata.publisher,
        "license": metadata.license,
    }
    item.update({key: value for key, value in optional.items() if value})
    if metadata.year:
        item["issued"] = {"date-parts": [[int(metadata.year)] if metadata.year.isdigit() else [metadata.year]]}
    if document.keywords:
        item["keyword"] = ", ".join(document.keywords)
    item["edition-en"] = {
        "title": document.english.title.text,
        "author": {"family": family, "given": given},
        "abstract": document.english.abstract.text,
        "keywords": list(document.english.keywords),
        "container-title": metadata.journal_en,
    }
    return item


def render_citation_files(document: Document, metadata: Metadata) -> list[tuple[str, str]]:
    """(path under docs/, text) of the downloadable citation files."""
    return [
        (BIB_FILE, bibtex(document, metadata)),
        (RIS_FILE, ris(document, metadata)),
        (CSL_FILE, json.dumps(csl_json(document, metadata), ensure_ascii=False, indent=2) + "\n"),
    ]


def render_cite_section(document: Document, metadata: Metadata, lang: str) -> str:
    """The "Cite this article" section of a home page (Markdown, to append to the page)."""
    depth = "" if lang == "zh" else "../"
    gbt = html.escape(gbt7714(document, metadata), quote=False)
    apa_text = html.escape(apa(document, metadata, lang), quote=False)
    bib = bibtex(document, metadata).rstrip("\n")
    if lang == "zh":
        heading, downloads = "引用本文", "下载："
        unknown = "刊名、年份、卷期、页码和 DOI 未知时不列出。" if not metadata.journal else ""
    else:
        heading, downloads = "Cite this article", "Download:"
        unknown = (
            "The journal, year, volume, issue, pages and DOI are left out while they are unknown."
            if not metadata.journal
            else ""
        )
    parts = [
        f"## {heading} {{ #cite }}",
        f'<p id="cite-gbt"><strong>GB/T 7714-2015</strong><br>\n<span lang="zh">{gbt}</span></p>',
        f'<p id="cite-apa"><strong>APA</strong><br>\n{apa_text}</p>',
        "<p><strong>BibTeX</strong></p>",
        f"```bibtex\n{bib}\n```",
        f'{downloads} <a href="{depth}{BIB_FILE}" download="citation.bib">BibTeX (.bib)</a> · '
        f'<a href="{depth}{RIS_FILE}" download="citation.ris">RIS (.ris)</a> · '
        f'<a href="{depth}{CSL_FILE}" download="citation.json">CSL-JSON</a>',
    ]
    if unknown:
        parts.append(unknown)
    return "\n\n".join(parts)
