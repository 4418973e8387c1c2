"""CitedWork -> CSL-JSON: every key a variable CSL defines, in the shape CSL gives it (names, dates, text).

The variables and types are read from the CSL schema itself (the copy citeproc-py ships).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from trump2_web_edition.devtools.site_build import TEST_EDITION
from trump2_web_edition.edition.metadata import Metadata
from trump2_web_edition.edition.release import Edition
from trump2_web_edition.edition.render.citation import cited_work
from trump2_web_edition.edition.render.citation.csl import csl_item

KNOWN = Metadata(
    journal="台湾研究",
    year="2025",
    volume="44",
    issue="3",
    pages="1-12",
    doi="10.1234/abc",
    issn="1002-0683",
    publisher="P",
    license="CC BY 4.0",
)


def _schema(name: str) -> str:
    citeproc = pytest.importorskip("citeproc")
    return (Path(citeproc.__file__).parent / "data" / "schema" / "schemas" / "styles" / name).read_text()


def _quoted(rnc: str, start: str) -> set[str]:
    """The quoted names of one pattern of a RELAX NG compact file (up to the next pattern)."""
    body = rnc.split(f"{start} =", 1)[1]
    body = re.split(r"\n\s*[\w.]+ =", body, maxsplit=1)[0]
    return set(re.findall(r'"([^"]+)"', re.sub(r"#.*", "", body)))


@pytest.fixture(scope="module")
def csl() -> dict[str, set[str]]:
    variables = _schema("csl-variables.rnc")
    return {
        "types": _quoted(_schema("csl-types.rnc"), "item-types"),
        "names": _quoted(variables, "variables.names"),
        "dates": _quoted(variables, "variables.dates"),
        "other": _quoted(variables, "variables.numbers")
        | _quoted(variables, "variables.strings")
        | _quoted(variables, "variables.titles"),
    }


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(
    ("metadata", "edition"), [(Metadata(), Edition()), (Metadata(), TEST_EDITION), (KNOWN, TEST_EDITION)]
)
def test_every_key_is_a_csl_variable_in_its_shape(seed_document, csl, metadata, edition, lang):
    item = csl_item(cited_work(seed_document, metadata, edition, lang))
    assert item["type"] in csl["types"]
    for key, value in item.items():
        if key in ("id", "type"):
            continue
        if key in csl["names"]:
            assert all(set(name) == {"family", "given"} for name in value), key
        elif key in csl["dates"]:
            assert set(value) == {"date-parts"} and all(isinstance(p, int) for p in value["date-parts"][0]), key
        else:
            assert key in csl["other"], f"{key} is not a CSL variable"
            assert isinstance(value, str) and value, key


def test_the_author_is_a_family_and_a_given_name(seed_document):
    zh = csl_item(cited_work(seed_document, Metadata(), TEST_EDITION, "zh"))
    en = csl_item(cited_work(seed_document, Metadata(), TEST_EDITION, "en"))
    assert zh["author"] == [{"family": "王", "given": "子旗"}]
    assert en["author"] == [{"family": "Wang", "given": "Ziqi"}]
    assert zh["genre"].startswith("Research on the Trend")  # the English title: see csl.py for why genre
    assert en["original-title"] == zh["title"]


def test_journal_facts_go_with_the_journal(seed_document):
    item = csl_item(cited_work(seed_document, KNOWN, TEST_EDITION, "zh"))
    assert item["type"] == "article-journal"
    assert (item["container-title"], item["page"], item["issued"]) == ("台湾研究", "1-12", {"date-parts": [[2025]]})
    web = csl_item(cited_work(seed_document, Metadata(volume="4", pages="1-2"), TEST_EDITION, "zh"))
    assert not {"volume", "page", "container-title"} & set(web)
