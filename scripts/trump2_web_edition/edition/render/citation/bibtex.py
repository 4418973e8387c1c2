"""CitedWork -> a biblatex entry (@online, or @article once the journal is known), text escaped for TeX."""

from __future__ import annotations

import re

from .work import JOURNAL_ARTICLE, CitedWork

# TeX's special characters, as biblatex reads them back (bibtexparser's LaTeX decoder too).
_TEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "#": r"\#",
    "$": r"\$",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_TEX_SPECIAL = re.compile("|".join(re.escape(c) for c in _TEX))
_LANGUAGES = {"zh-CN": "chinese", "en": "english"}


def tex_text(value: str) -> str:
    """Text as a TeX field's value: each special character escaped, on one line."""
    return _TEX_SPECIAL.sub(lambda m: _TEX[m[0]], " ".join(value.split()))


def verbatim(value: str) -> str:
    """A URL or DOI (biblatex reads them verbatim): only braces, which would end the field, are encoded."""
    return value.replace("{", "%7B").replace("}", "%7D")


def bibtex(work: CitedWork) -> str:
    """The entry, known fields only; ``urldate`` (the reader's date) is added by the page when it is saved."""
    name = work.author
    date = "-".join(f"{part:02d}" for part in work.issued)
    fields: list[tuple[str, str]] = [
        ("author", tex_text(f"{name.family}, {name.given}" if name.given else name.family)),
        ("title", tex_text(work.title)),
        ("titleaddon", tex_text(f"[{work.title_translated}]") if work.title_translated else ""),
        ("origtitle", tex_text(work.original_title)),
        ("origlanguage", "chinese" if work.original_title else ""),
    ]
    if work.kind == JOURNAL_ARTICLE:
        fields += [
            ("journal", tex_text(work.journal)),
            ("date", date),
            ("volume", tex_text(work.volume)),
            ("number", tex_text(work.issue)),
            ("pages", tex_text(work.page_text).replace("-", "--")),
            ("issn", tex_text(work.issn)),
            ("publisher", tex_text(work.publisher)),
        ]
    else:
        fields.append(("date", date))
    fields += [
        ("version", tex_text(work.version)),
        ("doi", verbatim(work.doi)),
        ("url", verbatim(work.url)),
        ("language", _LANGUAGES[work.language]),
        ("abstract", tex_text(work.abstract)),
        ("keywords", tex_text(", ".join(work.keywords))),
    ]
    kind = "article" if work.kind == JOURNAL_ARTICLE else "online"
    lines = [f"@{kind}{{{work.key},"]
    lines += [f"  {name} = {{{value}}}," for name, value in fields if value]
    lines[-1] = lines[-1].rstrip(",")
    return "\n".join(lines) + "\n}\n"
