"""Machine-readable metadata of the built site: citation_* tags, JSON-LD, Open Graph,
hreflang alternates in every page and in sitemap.xml, paragraph permalinks and report links."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.etree
import lxml.html
import pytest
from embedded_metadata import saved_item
from trump2_web_edition.devtools.site_build import TEST_EDITION

HOMES = {"zh": "index.html", "en": "en/index.html"}


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site.root


def _page(site: Path, rel: str):
    return lxml.html.parse(str(site / rel)).getroot()


def _pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if p.name != "404.html")


ZH_TITLE = "特朗普 2.0 时期美台高科技产业合作趋势研究"
EN_TITLE = "Research on the Trend of High-tech Industry Cooperation Between the United States and Taiwan During"
BASE = TEST_EDITION.base_url  # https://OWNER.github.io/REPO/1.0/


def _meta_of(page) -> dict[str, str]:
    return {m.get("name"): m.get("content") for m in page.xpath("//head/meta[@name]")}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_page_names_the_article_for_google_scholar(site, lang):
    for rel in _pages(site):
        if rel.startswith("en/") != (lang == "en"):
            continue
        meta = _meta_of(_page(site, rel))
        assert meta["citation_title"].startswith(ZH_TITLE if lang == "zh" else EN_TITLE), rel
        assert meta["citation_author"] == ("王, 子旗" if lang == "zh" else "Wang, Ziqi"), rel
        assert meta["citation_publication_date"] == "2026/11/01", rel  # the edition's release date
        assert meta["citation_language"] == lang, rel
        assert meta["citation_abstract"].startswith("强化美台" if lang == "zh" else "Strengthening"), rel
        home = BASE + ("" if lang == "zh" else "en/")
        assert meta["citation_abstract_html_url"] == meta["citation_fulltext_html_url"] == home, rel
        assert meta["DC.date"] == "2026-11-01" and meta["DC.identifier"] == home, rel
        # Unknown in source/metadata.yml: left out, never invented.
        assert not {"citation_journal_title", "citation_doi", "citation_volume"} & set(meta), rel


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_saving_any_page_to_zotero_saves_the_article(site, lang):
    """What Zotero's Embedded Metadata translator reads (tests/embedded_metadata.py), on every built page."""
    for rel in _pages(site):
        if rel.startswith("en/") != (lang == "en"):
            continue
        item = saved_item((site / rel).read_text(encoding="utf-8"))
        assert item.item_type == "webpage", rel  # GB/T's [EB/OL]: the journal is not known
        assert item.title.startswith(ZH_TITLE if lang == "zh" else EN_TITLE), rel
        assert item.creators == ((("王", "子旗"),) if lang == "zh" else (("Wang", "Ziqi"),)), rel
        assert item.date == "2026/11/01", rel
        assert item.url == BASE + ("" if lang == "zh" else "en/"), rel
        assert item.language == lang, rel
        assert item.abstract.startswith("强化美台" if lang == "zh" else "Strengthening"), rel
        assert item.publication == "", rel  # not the article's title twice


def test_zotero_reads_a_known_journal_as_a_journal_article():
    html = (
        "<html lang='zh'><head><meta property='og:type' content='article'>"
        "<meta name='citation_title' content='T'><meta name='citation_journal_title' content='台湾研究'>"
        "<meta name='citation_author' content='王, 子旗'><meta name='citation_publication_date' content='2025'>"
        "</head><body></body></html>"
    )
    item = saved_item(html)
    assert (item.item_type, item.publication, item.date) == ("journalArticle", "台湾研究", "2025")


def test_before_this_a_section_page_was_saved_as_a_web_page_named_after_it():
    """The reading reproduces the reported fault: og:type website and og:title only, no citation_*."""
    html = (
        "<html lang='zh'><head><meta property='og:type' content='website'>"
        "<meta property='og:title' content='二、特朗普 2.0 时期… - 特朗普 2.0 时期美台高科技产业合作趋势研究'>"
        "</head><body></body></html>"
    )
    item = saved_item(html)
    assert (item.item_type, item.title.startswith("二、"), item.date) == ("webpage", True, "")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_has_json_ld_linking_the_work_and_its_translation(site, lang):
    page = _page(site, HOMES[lang])
    (script,) = page.xpath("//script[@type='application/ld+json']")
    data = json.loads(script.text)
    zh_url, en_url = BASE, BASE + "en/"
    original = data if lang == "zh" else data["translationOfWork"]
    translation = data["workTranslation"] if lang == "zh" else data
    assert original["@type"] == translation["@type"] == "ScholarlyArticle"
    assert (original["url"], original["inLanguage"], original["headline"]) == (zh_url, "zh", ZH_TITLE)
    assert (translation["url"], translation["inLanguage"]) == (en_url, "en")
    for work in (original, translation):
        assert (work["datePublished"], work["version"]) == ("2026-11-01", "1.0")
        assert work["author"]["familyName"] == "王" and work["author"]["alternateName"] == "Wang Ziqi"
        assert "isPartOf" not in work and "identifier" not in work
    assert page.xpath("//meta[@property='og:locale']/@content") == [{"zh": "zh_CN", "en": "en_US"}[lang]]


def test_every_page_has_hreflang_alternates_and_open_graph(site):
    for rel in _pages(site):
        page = _page(site, rel)
        links = {
            link.get("hreflang"): link.get("href")
            for link in page.xpath("//head/link[@hreflang]")
            if link.get("rel").split() == ["alternate"]
        }
        assert {"zh", "en", "x-default"} <= set(links), rel
        twin = rel.removeprefix("en/").removesuffix("index.html")
        assert links["zh"].endswith("/" + twin) and links["en"].endswith("/en/" + twin), (rel, links)
        assert page.xpath("//meta[@property='og:title']"), rel
        assert page.get("lang") == ("en" if rel.startswith("en/") else "zh"), rel


def test_sitemap_has_alternates_for_every_url(site):
    tree = lxml.etree.parse(str(site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = tree.xpath("//s:url", namespaces=ns)
    assert len(urls) >= 7
    for url in urls:
        langs = set(url.xpath("x:link[@rel='alternate']/@hreflang", namespaces=ns))
        assert {"zh", "en"} <= langs, url.xpath("s:loc/text()", namespaces=ns)
    locs = " ".join(tree.xpath("//s:loc/text()", namespaces=ns))
    assert "references/" in locs


def test_paragraphs_have_permalinks_and_report_links(site):
    page = _page(site, "s2/index.html")
    paragraphs = page.xpath("//p[starts-with(@id, 's2-p')]")
    assert paragraphs
    for p in paragraphs:
        pid = p.get("id")
        assert p.xpath(f"./span/a[@class='headerlink'][@href='#{pid}']"), pid
        (report,) = p.xpath("./span/a[@class='edition-report']/@href")
        parts = urlsplit(report)
        assert parts.netloc == "github.com" and parts.path.endswith("/issues/new")
        query = parse_qs(parts.query)
        assert pid in query["title"][0] and f"{pid}" in query["body"][0]
        assert "zh" in query["body"][0] and "1.0" in query["body"][0]


def test_references_pages_list_all_notes(site):
    for rel in ("references/index.html", "en/references/index.html"):
        items = _page(site, rel).xpath("//ol[@class='edition-references']/li")
        assert [li.get("id") for li in items] == [f"note-{n}" for n in range(1, 43)], rel


def test_citation_files_are_published(site):
    for name in ("citation", "citation-en"):
        for suffix in (".bib", ".ris", ".json"):
            assert (site / "assets" / f"{name}{suffix}").is_file()
    assert (site / "assets" / "javascripts" / "citation.js").is_file()
    page = _page(site, "en/index.html")
    assert page.xpath("//a[@href='../assets/citation-en.bib'][@download][@data-cite-save]")
    assert page.xpath("//script[@src='../assets/javascripts/citation.js']")
