"""Cited URLs as the link checker's targets: each URL's note, section, page and date as its origin."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ...linkcheck.urls import Origin, Target, read_url_list
from .urls import CitedUrl, cited_urls


def cited_origin(cited: CitedUrl) -> Origin:
    """Where the edition cites a URL, as the checker's reports show it."""
    placed = cited.note is not None
    where = f"{cited.note} (p. {cited.printed_page}, n. {cited.number_on_page})" if placed else ""
    return Origin(
        group=f"note {cited.note}" if placed else "",
        place=f"note {where}" if placed else "",
        columns=(("Note", where), ("Section", cited.section_title or cited.section_id or "")),
        fields=tuple((key, value) for key, value in cited.to_dict().items() if key != "url"),
        date=cited.date,
    )


def cited_targets(cited: Iterable[CitedUrl]) -> tuple[Target, ...]:
    """One target per citation, in the order given."""
    return tuple(Target(c.url, cited_origin(c)) for c in cited)


def article_targets(source: Path) -> tuple[Target, ...]:
    """Every URL cited in the notes of the article at ``source``, in note order."""
    from ..parse import parse_file  # imported only here: a plain URL list starts faster without the parser

    return cited_targets(cited_urls(parse_file(source)))


def listed_targets(path: Path) -> tuple[Target, ...]:
    """The URLs of a plain list file, reported like citations without a note or date (archives: their latest copy)."""
    noteless = cited_origin(CitedUrl(""))  # the same for every listed URL
    return tuple(Target(url, noteless) for url in read_url_list(path))
