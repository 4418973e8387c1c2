"""CitedWork -> its GB/T 7714-2015 reference, as the CSL style china-national-standard-gb-t-7714-2015-numeric gives it.

An online resource while the journal is unknown (4.8: 题名[EB/OL]. (更新或修改日期)[引用日期].
获取和访问路径), a journal article online once it is known (4.4: 题名[J/OL]. 刊名, 年, 卷(期):
页码[引用日期]. 获取和访问路径. DOI). Without the list number ([1]) the style puts first.
"""

from __future__ import annotations

from .work import JOURNAL_ARTICLE, CitedWork, Name


def author(name: Name) -> str:
    """王子旗; WANG Z (family name in capitals, given name as initials)."""
    if not name.latin:
        return name.full
    return " ".join([name.family.upper(), *name.initials])


def _issued_date(work: CitedWork) -> str:
    return "-".join(f"{part:02d}" for part in work.issued)


def gbt7714(work: CitedWork, accessed: str) -> str:
    """The reference; ``accessed`` is the 引用日期 (a date, or the placeholder the page's script fills in)."""
    online = bool(work.url or work.doi)
    kind = "J" if work.kind == JOURNAL_ARTICLE else "EB"
    parts = [author(work.author), f"{work.title}[{kind}{'/OL' if online else ''}]"]
    accessed_part = f"[{accessed}]" if online else ""
    if work.kind == JOURNAL_ARTICLE:
        place = ", ".join(p for p in (work.journal, work.year, work.volume) if p)
        if work.issue:
            place += f"({work.issue})"
        if work.page_text:
            place = f"{place}: {work.page_text}" if place else work.page_text
        parts.append(place + accessed_part)
    elif online:
        date = _issued_date(work)
        parts.append((f"({date})" if date else "") + accessed_part)
    elif work.issued:
        parts.append(str(work.issued[0]))
    parts += [work.url, f"DOI:{work.doi}" if work.doi else ""]
    return ". ".join(p for p in parts if p) + "."
