"""Document + metadata -> GB/T 7714, APA, BibTeX, RIS, CSL-JSON: known fields only."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from edition.metadata import Metadata
from edition.render.citation import apa, bibtex, csl_json, gbt7714, render_citation_files, render_cite_section, ris

KNOWN = Metadata(
    journal="台湾研究",
    journal_en="Taiwan Research Journal",
    year="2025",
    volume="",
    issue="3",
    pages="1-12",
    doi="10.1234/abc",
)


def test_nothing_known_cites_only_author_and_title(seed_document):
    empty = Metadata()
    assert gbt7714(seed_document, empty) == "王子旗. 特朗普 2.0 时期美台高科技产业合作趋势研究[J]."
    assert apa(seed_document, empty, "zh") == "王子旗 (n.d.). 特朗普 2.0 时期美台高科技产业合作趋势研究."
    assert apa(seed_document, empty, "en").startswith(
        "Wang, Z. (n.d.). 特朗普 2.0 时期美台高科技产业合作趋势研究 [Research on"
    )
    bib = bibtex(seed_document, empty)
    assert bib.startswith("@article{wangresearch,\n") and bib.endswith("\n}\n")
    for field in ("journal", "year", "volume", "number", "pages", "doi"):
        assert f"  {field} = " not in bib
    record = ris(seed_document, empty)
    tags = [line.split("  - ")[0] for line in record.split("\n") if line]
    assert tags[0] == "TY" and tags[-1] == "ER"
    assert not {"JO", "PY", "VL", "IS", "SP", "EP", "DO"} & set(tags)
    item = csl_json(seed_document, empty)
    assert not {"container-title", "issued", "page", "DOI"} & set(item)


def test_known_fields_are_cited(seed_document):
    assert gbt7714(seed_document, KNOWN) == (
        "王子旗. 特朗普 2.0 时期美台高科技产业合作趋势研究[J]. 台湾研究, 2025(3): 1-12. DOI:10.1234/abc."
    )
    assert apa(seed_document, KNOWN, "en").endswith("Taiwan Research Journal, (3), 1-12. https://doi.org/10.1234/abc")
    bib = bibtex(seed_document, KNOWN)
    assert "  pages = {1--12},\n" in bib and "  year = {2025},\n" in bib and "@article{wang2025research," in bib
    record = ris(seed_document, KNOWN)
    assert "SP  - 1\n" in record and "EP  - 12\n" in record and "PY  - 2025\n" in record
    assert csl_json(seed_document, KNOWN)["issued"] == {"date-parts": [[2025]]}


def test_bibtex_braces_are_escaped(seed_document):
    assert "title = {a \\{b\\}}" in bibtex(
        replace(seed_document, title=replace(seed_document.title, text="a {b}")), KNOWN
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cite_section_links_the_files(seed_document, lang):
    section = render_cite_section(seed_document, Metadata(), lang)
    prefix = "" if lang == "zh" else "../"
    for path, _ in render_citation_files(seed_document, Metadata()):
        assert f'href="{prefix}{path}"' in section
    assert "```bibtex\n@article{" in section


def test_citation_files(seed_document):
    files = dict(render_citation_files(seed_document, Metadata()))
    assert set(files) == {"assets/citation.bib", "assets/citation.ris", "assets/citation.json"}
    assert "version" not in json.loads(files["assets/citation.json"])
