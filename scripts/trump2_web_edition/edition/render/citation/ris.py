"""CitedWork -> an RIS record (TY ELEC, a web page; TY JOUR once the journal is known)."""

from __future__ import annotations

from .work import JOURNAL_ARTICLE, CitedWork


def _line(value: str) -> str:
    # RIS is one tag per line and has no escapes: a value is kept on its line.
    return " ".join(value.split())


def ris(work: CitedWork) -> str:
    """The record, known fields only (LF line ends); ``Y2`` (the reader's date) is added when the page saves it."""
    name = work.author
    issued = work.issued
    date = "/".join(f"{part:02d}" for part in issued) + "/" * (4 - len(issued)) if issued else ""
    journal = work.kind == JOURNAL_ARTICLE
    first, last = work.pages if journal else ("", "")
    rows: list[tuple[str, str]] = [
        ("TY", "JOUR" if journal else "ELEC"),
        ("AU", f"{name.family}, {name.given}" if name.given else name.family),
        ("TI", work.title),
        ("TT", work.title_translated),
        ("OP", work.original_title),
        ("JO", work.journal if journal else ""),
        ("PY", str(issued[0]) if issued else ""),
        ("DA", date),
        ("VL", work.volume if journal else ""),
        ("IS", work.issue if journal else ""),
        ("SP", first),
        ("EP", last),
        ("SN", work.issn if journal else ""),
        ("PB", work.publisher if journal else ""),
        ("ET", work.version),
        ("DO", work.doi),
        ("UR", work.url),
        ("LA", work.language),
        ("AB", work.abstract),
        *(("KW", keyword) for keyword in work.keywords),
    ]
    lines = [f"{tag}  - {_line(value)}\n" for tag, value in rows if value]
    return "".join(lines) + "ER  - \n"
