"""The same article set at other measures and page lengths parses to the same document."""

from __future__ import annotations

import re

import pytest
from conftest import SEED
from edition.model import Document
from edition.parse import parse_bytes, parse_file
from edition.retypeset import BACK_MATTER_ORDERS, PageSetup, retypeset

_POSITIONAL = {"span", "page", "page_number", "page_count", "keywords_span", "source_name"}


def content(document: Document) -> dict:
    """The document without where things stood in the print (lines, pages, page-local numbers)."""

    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in _POSITIONAL}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(document.to_dict())


@pytest.fixture(scope="module")
def seed_document() -> Document:
    return parse_file(SEED)


LAYOUTS = [
    PageSetup(
        width=width,
        lines_per_page=pages,
        note_width=width * 1.15,
        seed=seed,
        back_matter=order,
        english_on_new_page=new_page,
    )
    for width in (24, 30, 36, 41, 47, 55, 70, 90)
    for pages, seed in ((12, 0), (25, 1), (40, 2), (70, 3))
    for order in BACK_MATTER_ORDERS
    for new_page in (False, True)
]


def _layout_id(layout: PageSetup) -> str:
    new_page = "-newpage" if layout.english_on_new_page else ""
    return f"w{layout.width:g}-p{layout.lines_per_page}-s{layout.seed}-{layout.back_matter}{new_page}"


@pytest.mark.parametrize("layout", LAYOUTS, ids=_layout_id)
def test_retypeset_copy_gives_the_same_document(seed_document: Document, layout: PageSetup) -> None:
    text = retypeset(seed_document, layout)
    copy = parse_bytes(text.encode("utf-8"), f"retypeset-w{layout.width:g}.txt")
    assert content(copy) == content(seed_document)


def test_retypeset_copy_really_differs_in_layout(seed_document: Document) -> None:
    narrow = retypeset(seed_document, PageSetup(width=30, lines_per_page=25))
    wide = retypeset(seed_document, PageSetup(width=55, lines_per_page=60))
    assert narrow != wide
    assert len(narrow.splitlines()) > len(wide.splitlines())
    assert parse_bytes(narrow.encode()).page_count > parse_bytes(wide.encode()).page_count
    # the artifacts are there: page-local note numbers restart, ligatures split, URLs broken
    assert len(re.findall(r"^\[1\]", narrow, re.M)) > 10
    assert "fi " in narrow


def test_no_blank_lines_and_all_blank_lines(seed_document: Document) -> None:
    for ratio in (0.0, 1.0):
        text = retypeset(seed_document, PageSetup(width=38, lines_per_page=30, blank_ratio=ratio, block_ratio=0.1))
        assert content(parse_bytes(text.encode())) == content(seed_document)


def test_seed_measure_copy_keeps_note_numbers_page_local(seed_document: Document) -> None:
    text = retypeset(seed_document, PageSetup(width=41, lines_per_page=40))
    copy = parse_bytes(text.encode())
    assert [n.number for n in copy.notes] == list(range(1, 43))
    assert all(1 <= n.page_number <= 42 for n in copy.notes)
    assert {n.page_number for n in copy.notes if n.page == 2} >= {1}


def test_last_page_notes_fall_where_the_order_says(seed_document: Document) -> None:
    """The copies the corpus needs: the last body page has notes, and they stand where each order puts them."""
    for order in BACK_MATTER_ORDERS:
        text = retypeset(seed_document, PageSetup(width=41, lines_per_page=70, blank_ratio=0, back_matter=order))
        lines = text.splitlines()
        editors = next(i for i, line in enumerate(lines) if "( 责任编辑" in line)
        title = next(i for i, line in enumerate(lines) if "Research on" in line)
        last_notes = max(i for i, line in enumerate(lines) if line.startswith("[1]"))
        positions = {"notes": last_notes, "editors": editors, "english": title}
        assert "-".join(sorted(positions, key=positions.__getitem__)) == order


def test_english_on_a_new_page(seed_document: Document) -> None:
    text = retypeset(seed_document, PageSetup(blank_ratio=0, english_on_new_page=True))
    assert "\n Research on the Trend" in text
