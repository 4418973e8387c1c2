"""CitedWork -> RIS: rispy (a reader of the format reference managers exchange) reads every field back."""

from __future__ import annotations

import pytest
import rispy
from trump2_web_edition.devtools.site_build import TEST_EDITION
from trump2_web_edition.edition.metadata import Metadata
from trump2_web_edition.edition.release import Edition
from trump2_web_edition.edition.render.citation import cited_work
from trump2_web_edition.edition.render.citation.ris import ris

KNOWN = Metadata(
    journal="台湾研究", year="2025", volume="44", issue="3", pages="1-12", doi="10.1234/abc", issn="1002-0683"
)


def _read(text: str) -> dict:
    (entry,) = rispy.loads(text)
    assert "unknown_tag" not in entry, entry.get("unknown_tag")
    return entry


def test_a_published_web_edition(seed_document):
    entry = _read(ris(cited_work(seed_document, Metadata(), TEST_EDITION, "zh")))
    assert entry["type_of_reference"] == "ELEC"
    assert entry["authors"] == ["王, 子旗"]
    assert entry["title"] == "特朗普 2.0 时期美台高科技产业合作趋势研究"
    assert entry["translated_title"].startswith("Research on the Trend")
    assert (entry["year"], entry["date"], entry["edition"]) == ("2026", "2026/11/01/", "1.0")
    assert entry["urls"] == ["https://OWNER.github.io/REPO/1.0/"]
    assert entry["language"] == "zh-CN"
    assert entry["abstract"].startswith("强化美台高科技产业合作")
    assert entry["keywords"]


def test_the_english_edition(seed_document):
    entry = _read(ris(cited_work(seed_document, Metadata(), TEST_EDITION, "en")))
    assert entry["authors"] == ["Wang, Ziqi"] and entry["language"] == "en"
    assert entry["original_publication"] == "特朗普 2.0 时期美台高科技产业合作趋势研究"
    assert entry["urls"] == ["https://OWNER.github.io/REPO/1.0/en/"]


def test_the_draft_has_no_date_edition_or_address(seed_document):
    entry = _read(ris(cited_work(seed_document, Metadata(), Edition(), "zh")))
    assert not {"year", "date", "edition", "urls", "access_date"} & set(entry)


def test_a_journal_article(seed_document):
    entry = _read(ris(cited_work(seed_document, KNOWN, TEST_EDITION, "zh")))
    assert entry["type_of_reference"] == "JOUR"
    assert (entry["journal_name"], entry["volume"], entry["number"]) == ("台湾研究", "44", "3")
    assert (entry["start_page"], entry["end_page"], entry["doi"], entry["issn"]) == (
        "1",
        "12",
        "10.1234/abc",
        "1002-0683",
    )
    assert (entry["year"], entry["date"]) == ("2025", "2025///")


def test_the_pages_script_adds_the_access_date_as_rispy_reads_it(seed_document):
    # What docs/assets/javascripts/citation.js does to the file a reader saves.
    text = ris(cited_work(seed_document, Metadata(), TEST_EDITION, "zh")).replace("ER  - ", "Y2  - 2026/11/20/\nER  - ")
    assert _read(text)["access_date"] == "2026/11/20/"


@pytest.mark.parametrize("value", ["<script>alert(1)</script>", "a {b} 100%", "two\nlines", "ER  - x"])
def test_text_stays_on_its_line_and_as_written(seed_document, value):
    entry = _read(ris(cited_work(seed_document, Metadata(journal=value, year="2025"), TEST_EDITION, "zh")))
    assert entry["journal_name"] == " ".join(value.split())
