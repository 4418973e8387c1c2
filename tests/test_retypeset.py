"""The same article set at other measures and page lengths parses to the same document."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from conftest import SEED
from trump2_web_edition.edition.model import Document
from trump2_web_edition.edition.parse import Parsed, parse_bytes, parse_file, parse_source
from trump2_web_edition.edition.retypeset import (
    BACK_MATTER_ORDERS,
    PageSetup,
    decisions_from,
    layout_free,
    retypeset,
    settle_copy,
)


@pytest.fixture(scope="module")
def seed_document() -> Document:
    return parse_file(SEED)


SPACE_WIDTHS = (0.0, 0.125, 0.25, 1 / 3, 0.5)  # a thin gap that takes no room .. half an em
WIDTHS = (24, 27, 30, 33, 36, 41, 44, 47, 52, 55, 61, 70, 78, 90)
PAGE_LENGTHS = (12, 25, 40, 70)


def _corpus() -> list[PageSetup]:
    """Every back-matter order at every width; page lengths, space widths and the English on a page
    of its own taken in turn, so that each meets every order."""
    layouts = []
    for i, width in enumerate(WIDTHS):
        for j, order in enumerate(BACK_MATTER_ORDERS):
            k = 3 * i + j
            layouts.append(
                PageSetup(
                    width=width,
                    lines_per_page=PAGE_LENGTHS[k % len(PAGE_LENGTHS)],
                    note_width=width * 1.15,
                    seed=k,
                    space_width=SPACE_WIDTHS[k % len(SPACE_WIDTHS)],
                    back_matter=order,
                    english_on_new_page=bool(i % 2),
                )
            )
    return layouts


CORPUS = _corpus()


def _layout_id(layout: PageSetup) -> str:
    new_page = "-newpage" if layout.english_on_new_page else ""
    return (
        f"w{layout.width:g}-p{layout.lines_per_page}-space{layout.space_width:.2f}-{layout.back_matter}{new_page}"
    )


@pytest.fixture(scope="module")
def corpus_results(seed_document: Document) -> dict[str, tuple[Parsed, int]]:
    """Each copy of the corpus parsed and settled as the seed reads: (parse, boundaries reported)."""
    results = {}
    for layout in CORPUS:
        name = _layout_id(layout)
        results[name] = settle_copy(seed_document, retypeset(seed_document, layout).encode("utf-8"), name)
    return results


@pytest.mark.parametrize("layout", CORPUS, ids=_layout_id)
def test_retypeset_copy_gives_the_same_document(seed_document: Document, corpus_results, layout: PageSetup) -> None:
    """Every sentence, note, heading and URL where it was; every paragraph boundary right or reported."""
    parsed, _ = corpus_results[_layout_id(layout)]
    assert layout_free(parsed.document) == layout_free(seed_document)


def test_corpus_reports_few_boundaries(corpus_results) -> None:
    reported = [count for _, count in corpus_results.values()]
    assert len(reported) == len(WIDTHS) * len(BACK_MATTER_ORDERS)
    assert sum(reported) / len(reported) <= 1.5, reported
    assert max(reported) <= 6, reported


def test_decisions_from_the_original(seed_document: Document) -> None:
    text = retypeset(seed_document, PageSetup(width=44, space_width=0.5))
    parsed = parse_source(text.encode(), "copy.txt")
    assert parsed.unsettled, "this copy has an open boundary"
    decisions = decisions_from(seed_document, parsed.unsettled)
    assert [d.key for d in decisions] == [a.key for a in parsed.unsettled]
    with pytest.raises(ValueError, match="nowhere"):
        decisions_from(seed_document, [replace(parsed.unsettled[0], key="不在文中的|一段文字")])


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
        assert layout_free(parse_bytes(text.encode())) == layout_free(seed_document)


def test_seed_measure_copy_keeps_note_numbers_page_local(seed_document: Document) -> None:
    text = retypeset(seed_document, PageSetup(width=41, lines_per_page=40))
    copy = parse_bytes(text.encode())
    assert [n.number for n in copy.notes] == list(range(1, 43))
    assert all(1 <= n.number_on_page <= 42 for n in copy.notes)
    assert {n.number_on_page for n in copy.notes if n.printed_page == 2} >= {1}


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


@pytest.mark.parametrize("order", BACK_MATTER_ORDERS[:2])
def test_back_matter_pages(seed_document: Document, order: str) -> None:
    """The editors line stays on the page of the notes around it; English on a page of its own is on the next."""
    for new_page in (False, True):
        layout = PageSetup(width=41, lines_per_page=70, back_matter=order, english_on_new_page=new_page)
        copy = parse_bytes(retypeset(seed_document, layout).encode())
        last = max(note.printed_page for note in copy.notes)
        assert copy.sections[-1].blocks[-1].span.last_page == copy.editors.span.first_page == last
        assert copy.english.title.span.first_page == last + new_page
