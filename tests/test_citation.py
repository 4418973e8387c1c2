"""Document + metadata + edition -> what every citation says (work.py), the cite section and the files.

The strings are compared with citeproc-js in test_citeproc_js.py; each file format has its own
test file (test_citation_bibtex.py, _ris.py, _csl.py). Here: what is cited, from where, and that
nothing unknown is.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from trump2_web_edition.devtools.site_build import TEST_EDITION
from trump2_web_edition.edition.metadata import Metadata
from trump2_web_edition.edition.release import Edition
from trump2_web_edition.edition.render.citation import (
    citation_files,
    cited_work,
    render_citation_files,
    render_cite_section,
)
from trump2_web_edition.edition.render.citation.apa import apa
from trump2_web_edition.edition.render.citation.gbt7714 import gbt7714
from trump2_web_edition.edition.render.citation.work import JOURNAL_ARTICLE, WEBPAGE, chinese_name, latin_name

TITLE = "特朗普 2.0 时期美台高科技产业合作趋势研究"
KNOWN = Metadata(
    journal="台湾研究",
    journal_en="Taiwan Research Journal",
    year="2025",
    issue="3",
    pages="1-12",
    doi="10.1234/abc",
)
# Text that looks like markup or BibTeX, in a free-text field.
MARKUP = Metadata(journal="<script>alert(1)</script> {台湾} 100% & #1 $x_y^2~", year="2025")


def test_names_split_family_from_given():
    assert (chinese_name("王子旗").family, chinese_name("王子旗").given) == ("王", "子旗")
    assert (chinese_name("欧阳修").family, chinese_name("欧阳修").given) == ("欧阳", "修")
    assert chinese_name("王子旗").full == "王子旗"
    name = latin_name("Wang Ziqi")
    assert (name.family, name.given, name.initials) == ("Wang", "Ziqi", ["Z"])
    assert latin_name("Li Mei-ling").initials == ["M", "l"]


def test_the_draft_cites_no_date_version_or_address(seed_document):
    work = cited_work(seed_document, Metadata(), Edition(), "zh")
    assert work.kind == WEBPAGE
    assert (work.version, work.url, work.issued) == ("", "", ())
    assert gbt7714(work, "X") == f"王子旗. {TITLE}[EB]."
    assert apa(work).text.startswith(f"王子旗. (n.d.). {TITLE} [Research on the Trend")


def test_a_published_edition_cites_its_date_version_and_address(seed_document):
    zh = cited_work(seed_document, Metadata(), TEST_EDITION, "zh")
    assert (zh.version, zh.released, zh.issued) == ("1.0", dt.date(2026, 11, 1), (2026, 11, 1))
    assert zh.url == "https://OWNER.github.io/REPO/1.0/"
    assert gbt7714(zh, "2026-11-20") == (
        f"王子旗. {TITLE}[EB/OL]. (2026-11-01)[2026-11-20]. https://OWNER.github.io/REPO/1.0/."
    )
    assert apa(zh).text.startswith(f"王子旗. (2026, November 1). {TITLE} [Research on the Trend")
    assert apa(zh).text.endswith("Period] (Version 1.0). https://OWNER.github.io/REPO/1.0/")


def test_the_english_page_cites_the_english_edition_in_english_conventions(seed_document):
    en = cited_work(seed_document, Metadata(), TEST_EDITION, "en")
    assert en.url == "https://OWNER.github.io/REPO/1.0/en/" and en.language == "en"
    assert en.title.startswith("Research on the Trend") and en.original_title == TITLE
    assert gbt7714(en, "2026-11-20").startswith("WANG Z. Research on the Trend")
    assert apa(en).text.startswith("Wang, Z. (2026, November 1). Research on the Trend")
    assert apa(en).text.endswith(f"/1.0/en/ (Original work published as {TITLE})")


def test_known_journal_makes_a_journal_article(seed_document):
    work = cited_work(seed_document, KNOWN, TEST_EDITION, "zh")
    assert work.kind == JOURNAL_ARTICLE and work.issued == (2025,)
    assert gbt7714(work, "2026-11-20") == (
        f"王子旗. {TITLE}[J/OL]. 台湾研究, 2025(3): 1-12[2026-11-20]. "
        "https://OWNER.github.io/REPO/1.0/. DOI:10.1234/abc."
    )
    assert apa(work).text.endswith("台湾研究, (3), 1–12. https://doi.org/10.1234/abc")
    assert gbt7714(cited_work(seed_document, KNOWN, Edition(), "zh"), "X") == (
        f"王子旗. {TITLE}[J/OL]. 台湾研究, 2025(3): 1-12[X]. DOI:10.1234/abc."
    )
    assert cited_work(seed_document, KNOWN, TEST_EDITION, "en").journal == "Taiwan Research Journal"


def test_journal_facts_without_the_journal_are_not_cited(seed_document):
    work = cited_work(seed_document, Metadata(volume="3", pages="1-2", year="2025"), TEST_EDITION, "zh")
    assert work.kind == WEBPAGE
    assert "2025" not in gbt7714(work, "X") and "1-2" not in gbt7714(work, "X")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cite_section_links_this_pages_files_and_leaves_the_date_to_the_reader(seed_document, lang):
    section = render_cite_section(seed_document, Metadata(), TEST_EDITION, lang)
    prefix = "" if lang == "zh" else "../"
    for path in citation_files(lang).values():
        assert f'href="{prefix}{path}"' in section
    placeholder = {"zh": "引用日期", "en": "accessed date"}[lang]
    assert f'[<span class="cite-accessed" data-cite-accessed="">{placeholder}</span>]' in section
    assert f'urldate = {{<span class="cite-accessed" data-cite-accessed="">{placeholder}</span>}}' in section
    assert f'<script src="{prefix}assets/javascripts/citation.js" defer></script>' in section
    assert "data-cite-save" in section
    assert "1.0" in section and "2026-11-01" in section


def test_the_drafts_cite_section_has_no_date_to_fill(seed_document):
    section = render_cite_section(seed_document, Metadata(), Edition(), "zh")
    assert "data-cite-accessed" not in section and "<script" not in section and "data-cite-save" not in section
    assert "未发布稿" in section


def test_citation_files(seed_document):
    files = dict(render_citation_files(seed_document, Metadata(), TEST_EDITION))
    assert set(files) == {*citation_files("zh").values(), *citation_files("en").values()}
    assert not any(".en." in path for path in files)  # mkdocs-static-i18n would read it as a translation
    (zh,) = json.loads(files["assets/citation.json"])
    (en,) = json.loads(files["assets/citation-en.json"])
    assert (zh["version"], zh["URL"], zh["language"]) == ("1.0", "https://OWNER.github.io/REPO/1.0/", "zh-CN")
    assert (en["URL"], en["language"]) == ("https://OWNER.github.io/REPO/1.0/en/", "en")
    draft = dict(render_citation_files(seed_document, Metadata(), Edition()))
    (item,) = json.loads(draft["assets/citation.json"])
    assert not {"version", "URL", "issued"} & set(item)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markup_like_metadata_is_escaped_in_the_section(seed_document, lang):
    section = render_cite_section(seed_document, MARKUP, TEST_EDITION, lang)
    assert "<script>alert" not in section and "&lt;script&gt;alert(1)&lt;/script&gt;" in section
    # The BibTeX shown on the page: escaped for TeX, then for HTML.
    assert r"\{台湾\} 100\% \&amp; \#1 \$x\_y\textasciicircum{}2\textasciitilde{}" in section
