"""CitedWork -> biblatex: bibtexparser reads every field back, TeX's special characters decoded as written."""

from __future__ import annotations

import bibtexparser
import pytest
from bibtexparser.middlewares import LatexDecodingMiddleware
from trump2_web_edition.devtools.site_build import TEST_EDITION
from trump2_web_edition.edition.metadata import Metadata
from trump2_web_edition.edition.release import Edition
from trump2_web_edition.edition.render.citation import cited_work
from trump2_web_edition.edition.render.citation.bibtex import bibtex

KNOWN = Metadata(journal="台湾研究", year="2025", volume="44", issue="3", pages="1-12", doi="10.1234/abc")


def _read(text: str, decode: bool = False):
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()] if decode else [])
    assert not library.failed_blocks, [b.error for b in library.failed_blocks]
    (entry,) = library.entries
    return entry


def test_a_published_web_edition(seed_document):
    entry = _read(bibtex(cited_work(seed_document, Metadata(), TEST_EDITION, "zh")))
    assert (entry.entry_type, entry.key) == ("online", "wang2026research")
    fields = entry.fields_dict
    assert fields["author"].value == "王, 子旗"
    assert fields["title"].value == "特朗普 2.0 时期美台高科技产业合作趋势研究"
    assert fields["titleaddon"].value.startswith("[Research on the Trend")
    assert (fields["date"].value, fields["version"].value) == ("2026-11-01", "1.0")
    assert fields["url"].value == "https://OWNER.github.io/REPO/1.0/"
    assert fields["language"].value == "chinese"
    assert "urldate" not in fields  # the reader's date: the page adds it to the file it saves


def test_the_english_edition(seed_document):
    fields = _read(bibtex(cited_work(seed_document, Metadata(), TEST_EDITION, "en"))).fields_dict
    assert fields["author"].value == "Wang, Ziqi" and fields["language"].value == "english"
    assert fields["origtitle"].value == "特朗普 2.0 时期美台高科技产业合作趋势研究"
    assert fields["url"].value == "https://OWNER.github.io/REPO/1.0/en/"


def test_the_draft_has_no_date_version_or_address(seed_document):
    fields = _read(bibtex(cited_work(seed_document, Metadata(), Edition(), "zh"))).fields_dict
    assert not {"date", "version", "url", "urldate"} & set(fields)


def test_a_journal_article(seed_document):
    entry = _read(bibtex(cited_work(seed_document, KNOWN, TEST_EDITION, "zh")))
    fields = entry.fields_dict
    assert entry.entry_type == "article"
    assert (fields["journal"].value, fields["date"].value, fields["pages"].value) == ("台湾研究", "2025", "1--12")
    assert (fields["volume"].value, fields["number"].value, fields["doi"].value) == ("44", "3", "10.1234/abc")


def test_the_pages_script_adds_urldate_as_bibtexparser_reads_it(seed_document):
    # What docs/assets/javascripts/citation.js does to the file a reader saves.
    text = bibtex(cited_work(seed_document, Metadata(), TEST_EDITION, "zh"))
    saved = text[: text.rindex("\n}")] + ",\n  urldate = {2026-11-20}\n}\n"
    assert _read(saved).fields_dict["urldate"].value == "2026-11-20"


@pytest.mark.parametrize(
    "value", ["<script>alert(1)</script>", "{台湾} 100%", "unbalanced } brace {", "#1 & $x_y^2~ \\relax"]
)
def test_tex_special_characters_are_escaped_and_read_back_as_written(seed_document, value):
    text = bibtex(cited_work(seed_document, Metadata(journal=value, year="2025"), TEST_EDITION, "zh"))
    raw = _read(text).fields_dict["journal"].value
    assert "%" not in raw.replace("\\%", "") and "{" not in raw.replace("\\{", "").replace("{}", "")
    # (pylatexenc decodes \textasciicircum, TeX's ^, as U+02C6, the modifier letter.)
    assert _read(text, decode=True).fields_dict["journal"].value.replace("\u02c6", "^") == value
