"""edition.translation.files: each part's review, translator's notes and verified quotations are read and checked."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import lxml.html
import pytest
from conftest import TRANSLATIONS, to_html
from trump2_web_edition.edition.errors import SourceError
from trump2_web_edition.edition.render.site import SiteInput, render_site
from trump2_web_edition.edition.translation import TRANSLATOR_MARKER, load_translations, translation_status

HASH = "0123456789ab"


def _folder(tmp_path: Path, body: str) -> Path:
    folder = tmp_path / "en"
    folder.mkdir()
    (folder / "x.yml").write_text(body, encoding="utf-8")
    return folder


def _entry(extra: str, text: str = "Hello[^t1] world.") -> str:
    return f"s1-p1:\n  source_hash: {HASH}\n  text: {text}\n{extra}"


def test_review_notes_and_quotes_are_read(tmp_path):
    body = _entry(
        "  reviewed: 2026-11-29\n  review_note: one choice\n  translator_notes:\n    - A note.\n"
        "  quotes:\n    - text: world\n      source: https://example.org/\n      verified: read there\n"
    )
    (entry,) = load_translations(_folder(tmp_path, body)).values()
    assert entry.reviewed == dt.date(2026, 11, 29)
    assert entry.review_note == "one choice"
    assert entry.translator_notes == ("A note.",)
    assert entry.quotes[0].text == "world" and entry.quotes[0].verified == "read there"


def test_a_quote_may_stand_in_a_translators_note(tmp_path):
    body = _entry(
        "  translator_notes:\n    - He said “pay us for defense”.\n"
        "  quotes:\n    - text: pay us for defense\n      source: s\n      verified: v\n"
    )
    (entry,) = load_translations(_folder(tmp_path, body)).values()
    assert entry.quotes[0].text == "pay us for defense"


@pytest.mark.parametrize(
    ("extra", "text", "message"),
    [
        ("  reviewed: yesterday\n", "Hello.", "reviewed must be a date"),
        ("  translator_notes:\n    - A note.\n", "Hello.", r"cites translator's notes none"),
        ("", "Hello[^t1].", r"cites translator's notes \[1\]"),
        ("  translator_notes:\n    - A.\n    - B.\n", "x[^t2] y[^t1]", r"\[2, 1\]"),
        ("  quotes:\n    - text: not there\n      source: s\n      verified: v\n", "Hello.", "word for word"),
        ("  quotes:\n    - text: Hello\n      source: s\n", "Hello.", "exactly text, source and verified"),
        ("  reviewer: me\n", "Hello.", "unknown"),
    ],
)
def test_bad_fields_name_the_file_and_line(tmp_path, extra, text, message):
    with pytest.raises(SourceError, match=message) as error:
        load_translations(_folder(tmp_path, _entry(extra, text)))
    assert Path(error.value.path).name == "x.yml" and error.value.line >= 1


def test_every_part_is_reviewed_and_counted(seed_document):
    status = translation_status(seed_document, load_translations(TRANSLATIONS))
    assert len(status.ids_reviewed()) == len(status.items) == 95
    assert "reviewed: 95/95" in status.report()


def test_quotations_of_english_originals_are_recorded_with_where_they_were_verified():
    entries = load_translations(TRANSLATIONS)
    quotes = [q for e in entries.values() for q in e.quotes]
    assert quotes, "the review verified quotations of English originals"
    for quote in quotes:
        assert quote.source and quote.verified


@pytest.fixture(scope="module")
def english_pages(seed_document):
    status = translation_status(seed_document, load_translations(TRANSLATIONS))
    files = render_site(seed_document, SiteInput(translation=status))
    return status, {f.path: f.text for f in files if f.path.endswith(".en.md")}


def test_translators_notes_are_numbered_through_the_edition_and_listed_apart(english_pages):
    status, pages = english_pages
    numbers = status.translator_note_numbers()
    assert numbers and sorted(numbers.values()) == list(range(1, len(numbers) + 1))
    seen: list[int] = []
    for name, text in pages.items():
        tree = lxml.html.fromstring(f"<div>{to_html(text)}</div>")
        refs = tree.xpath("//sup[@class='translator-ref']/a")
        items = tree.xpath("//ol[@class='translator-notes']/li")
        # Every reference has its note on the same page, and back; none is an author's footnote.
        assert sorted(a.get("href") for a in refs) == sorted(f"#{li.get('id')}" for li in items), name
        for li in items:
            number = int(li.get("id").removeprefix("tn-"))
            assert li.xpath(f".//a[@href='#tnref-{number}']"), name
            assert li.xpath("./p/span[@class='translator-label']")[0].text == f"T{number}"
            seen.append(number)
        assert not [a for a in refs if "footnote" in (a.get("class") or "")], name
        if items:  # the author's notes come first, then the translator's
            assert text.index("///Footnotes Go Here///") < text.index("translator-notes")
    assert sorted(set(seen)) == list(range(1, len(numbers) + 1))


def test_translator_notes_never_change_the_authors_note_count(english_pages):
    _, pages = english_pages
    for name, text in pages.items():
        assert not TRANSLATOR_MARKER.search(text), name  # every [^tK] became a marked reference
    cited = {int(n) for text in pages.values() for n in re.findall(r"\[\^(\d+)\]:", text)}
    assert cited <= set(range(1, 43))
