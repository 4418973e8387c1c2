"""Machine-readable metadata of the built site: citation_* tags, JSON-LD, Open Graph,
hreflang alternates in every page and in sitemap.xml, paragraph permalinks and report links."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.etree
import lxml.html
import pytest

HOMES = {"zh": "index.html", "en": "en/index.html"}


@pytest.fixture(scope="module")
def site(built_site) -> Path:
    return built_site.root


def _page(site: Path, rel: str):
    return lxml.html.parse(str(site / rel)).getroot()


def _pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if p.name != "404.html")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_has_citation_tags_and_json_ld(site, lang):
    page = _page(site, HOMES[lang])
    meta = {m.get("name"): m.get("content") for m in page.xpath("//meta[starts-with(@name, 'citation_')]")}
    assert meta["citation_title"] == "特朗普 2.0 时期美台高科技产业合作趋势研究"
    assert meta["citation_author"] == "王子旗"
    assert meta["citation_language"] == "zh"
    assert meta["citation_abstract"].startswith("强化美台高科技产业合作")
    assert meta["citation_fulltext_html_url"].endswith("/en/" if lang == "en" else "/")
    # Unknown in source/metadata.yml: left out, never invented.
    assert "citation_journal_title" not in meta and "citation_doi" not in meta
    (script,) = page.xpath("//script[@type='application/ld+json']")
    data = json.loads(script.text)
    assert data["@type"] == "ScholarlyArticle" and data["author"]["name"] == "王子旗"
    assert "isPartOf" not in data and "datePublished" not in data
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
