"""Built-site tests: build the REAL site (the repository's mkdocs.yml, docs/, overrides/
and jieba_userdict.txt) once per module and check the HTML it produces.

The project files are copied into a temporary folder and built there, so the build
cannot write into the repository; the test also checks that it wrote nothing in the
copy outside its site/ folder.

Pages are read with lxml.html; links are resolved the way a browser would, against the
page's URL on an imaginary host (directory URLs -> index.html, #fragments -> ids).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
HOST = "site.invalid"
BASE = f"http://{HOST}/"
NOTE_COUNT = 42
PARAGRAPH_ID = re.compile(r"^(?P<prefix>[a-z0-9]+(?:-[a-z0-9]+)*?)-p(?P<n>\d+)$")
ATTR_ID = re.compile(r"\{[^}\n]*?#(?P<id>[A-Za-z][\w-]*)[^}\n]*\}")


def _class(name: str) -> str:
    """XPath predicate: the element has CSS class ``name``."""
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'


def _nav_names() -> list[str]:
    """Page names in the reading order of mkdocs.yml ('index', 's1', ...)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = []
    for entry in config["nav"]:
        target = entry if isinstance(entry, str) else next(iter(entry.values()))
        names.append(target.removesuffix(".md"))
    return names


NAV = _nav_names()
REFERENCES = "references"  # the notes page of each language (not a part of the article's text)
ARTICLE = [name for name in NAV if name != REFERENCES]
SECTIONS = [name for name in ARTICLE if name != "index"]


def page_file(name: str, lang: str) -> str:
    """Site-relative HTML file of page ``name`` in language ``lang``."""
    prefix = "" if lang == "zh" else f"{lang}/"
    return f"{prefix}index.html" if name == "index" else f"{prefix}{name}/index.html"


@dataclass
class Site:
    root: Path
    log: str
    returncode: int
    project_changed: bool
    pages: dict[str, lxml.html.HtmlElement] = field(default_factory=dict)
    _ids: dict[str, set[str]] = field(default_factory=dict)

    def page(self, rel: str) -> lxml.html.HtmlElement:
        if rel not in self.pages:
            self.pages[rel] = lxml.html.parse(str(self.root / rel)).getroot()
        return self.pages[rel]

    def ids(self, rel: str) -> set[str]:
        if rel not in self._ids:
            tree = self.page(rel)
            self._ids[rel] = set(tree.xpath("//@id")) | set(tree.xpath("//a/@name"))
        return self._ids[rel]

    def url(self, rel: str) -> str:
        """The URL a page is served at (directory URLs for index.html)."""
        if rel == "index.html":
            return BASE
        if rel.endswith("/index.html"):
            return BASE + rel.removesuffix("index.html")
        return BASE + rel

    def resolve(self, rel: str, href: str) -> tuple[str | None, str]:
        """(site-relative file or None when it is not on this site, fragment) of a link on page ``rel``."""
        parts = urlsplit(urljoin(self.url(rel), href))
        if parts.scheme not in ("http", "https") or parts.netloc != HOST:
            return None, ""
        path = unquote(parts.path).lstrip("/")
        if path == "" or path.endswith("/"):
            path += "index.html"
        elif (self.root / path).is_dir():
            path += "/index.html"
        return path, unquote(parts.fragment)

    def switcher(self, rel: str) -> dict[str, str]:
        """hreflang -> href of the header's language selector links."""
        links = self.page(rel).xpath(f"//header//a[{_class('md-select__link')}]")
        return {a.get("hreflang"): a.get("href") for a in links}


@pytest.fixture(scope="module")
def site(built_site) -> Site:
    return Site(built_site.root, built_site.log, built_site.returncode, built_site.project_changed)


def html_files(site: Site) -> list[str]:
    return sorted(str(p.relative_to(site.root)) for p in site.root.rglob("*.html"))


def zh_files(site: Site) -> list[str]:
    return [rel for rel in html_files(site) if not rel.startswith("en/")]


def en_files(site: Site) -> list[str]:
    return [rel for rel in html_files(site) if rel.startswith("en/")]


# --- the build ------------------------------------------------------------------


def test_build_is_clean(site: Site):
    assert site.returncode == 0
    assert "WARNING" not in site.log, site.log
    assert "ERROR" not in site.log, site.log


def test_build_writes_only_its_site_dir(site: Site):
    assert not site.project_changed, "the build wrote into the project outside site/"
    targets = re.findall(r"directory: (\S+)", site.log)
    assert targets, site.log
    for target in targets:
        assert Path(target).resolve().is_relative_to(site.root.resolve()), target


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", NAV)
def test_page_built(site: Site, name: str, lang: str):
    assert (site.root / page_file(name, lang)).is_file()


def test_no_unexpected_pages(site: Site):
    expected = {page_file(name, lang) for name in NAV for lang in ("zh", "en")} | {"404.html", "en/404.html"}
    assert set(html_files(site)) == expected


# --- language ---------------------------------------------------------------------


def test_html_lang(site: Site):
    for rel in zh_files(site):
        assert site.page(rel).get("lang") == "zh", rel
    for rel in en_files(site):
        assert site.page(rel).get("lang") == "en", rel


@pytest.mark.parametrize("name", NAV)
def test_language_switcher_keeps_the_page(site: Site, name: str):
    for lang in ("zh", "en"):
        rel = page_file(name, lang)
        links = site.switcher(rel)
        assert set(links) == {"zh", "en"}, (rel, links)
        for target_lang, href in links.items():
            target, fragment = site.resolve(rel, href)
            assert target == page_file(name, target_lang), (rel, href)
            assert (site.root / target).is_file(), (rel, href)
            assert fragment == ""


def test_language_switcher_s2_round_trip(site: Site):
    en_href = site.switcher("s2/index.html")["en"]
    en_page, _ = site.resolve("s2/index.html", en_href)
    assert en_page == "en/s2/index.html"
    zh_href = site.switcher(en_page)["zh"]
    assert site.resolve(en_page, zh_href)[0] == "s2/index.html"


@pytest.mark.parametrize("rel", ["404.html", "en/404.html"])
def test_404_page_per_language_and_its_switcher_goes_home(site: Site, rel: str):
    assert site.page(rel).get("lang") == ("en" if rel.startswith("en/") else "zh")
    links = site.switcher(rel)
    assert {site.resolve(rel, href)[0] for href in links.values()} == {"index.html", "en/index.html"}
    # Page-relative links only: the page also works inside a version directory (mike).
    for element in site.page(rel).xpath("//link[@href] | //script[@src] | //a[@href]"):
        url = element.get("href") or element.get("src")
        assert not url.startswith("/"), (rel, url)


@pytest.mark.parametrize("name", ARTICLE)
def test_english_page_is_labelled_as_a_translation(site: Site, name: str):
    rel = page_file(name, "en")
    page = site.page(rel)
    title = f"./*[{_class('admonition-title')}]"
    label = "About this edition" if name == "index" else "About this translation"
    notices = [
        div
        for div in page.xpath(f"//div[{_class('admonition')}]")
        if any(t.text_content().strip() == label for t in div.xpath(title))
    ]
    assert len(notices) == 1, rel
    text = " ".join(notices[0].text_content().split())
    assert "translated into English for this edition" in text or "prepared for this edition" in text, text
    assert "the Chinese original is authoritative" in text, text
    targets = {site.resolve(rel, a.get("href"))[0] for a in notices[0].xpath(".//a[@href]")}
    assert page_file(name, "zh") in targets, (rel, targets)
    assert (site.root / page_file(name, "zh")).is_file()


@pytest.mark.parametrize("name", ARTICLE)
def test_english_paragraphs_open_their_chinese_original(site: Site, name: str):
    """Side by side: under each English paragraph, its original in Chinese, linking to the same place."""
    rel = page_file(name, "en")
    page = site.page(rel)
    # The abstract is the author's own English: it has no original beside it.
    ids = [p.get("id") for p in page.xpath("//p[@id]")]
    paragraphs = [page.get_element_by_id(i) for i in ids if PARAGRAPH_ID.match(i) and not i.startswith("abstract")]
    assert paragraphs, rel
    for paragraph in paragraphs:
        pid = paragraph.get("id")
        details = paragraph.getnext()
        assert details is not None and details.tag == "details", (rel, pid)
        original = details.xpath("./p[@lang='zh']")
        assert len(original) == 1 and original[0].text_content().strip(), (rel, pid)
        links = [site.resolve(rel, a.get("href")) for a in details.xpath(".//a[@hreflang='zh']")]
        assert (page_file(name, "zh"), pid) in links, (rel, pid, links)
        assert pid in site.ids(page_file(name, "zh"))


def _search_docs(site: Site, lang: str) -> list[dict[str, str]]:
    prefix = "" if lang == "zh" else f"{lang}/"
    return json.loads((site.root / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.mark.parametrize("term", ["semiconductor", "Starlink", "cryptocurrency"])
def test_english_search_finds_english_terms(site: Site, term: str):
    hits = {
        doc["location"].split("#")[0]
        for doc in _search_docs(site, "en")
        if term.casefold() in f"{doc['title']} {doc['text']}".casefold()
    }
    assert hits & {f"en/{name}/" for name in SECTIONS}, (term, hits)
    assert all(hit.startswith("en/") for hit in hits), hits
    # The Chinese index holds the Chinese pages only.
    assert not [d for d in _search_docs(site, "zh") if term.casefold() in f"{d['title']} {d['text']}".casefold()]


def test_chinese_search_index_has_no_english_page(site: Site):
    locations = {doc["location"].split("#")[0] for doc in _search_docs(site, "zh")}
    assert locations and not [loc for loc in locations if loc.startswith("en/")], locations


# --- footnotes --------------------------------------------------------------------


def test_footnote_refs_and_backrefs_resolve(site: Site):
    seen = 0
    for rel in html_files(site):
        page = site.page(rel)
        for a in page.xpath(f"//a[{_class('footnote-ref')}]"):
            href = a.get("href")
            match = re.fullmatch(r"#fn:(\d+)", href)
            assert match, (rel, href)
            assert f"fn:{match[1]}" in site.ids(rel), (rel, href)
            # The number shown is the global note number, i.e. the label.
            assert a.text_content().strip() == match[1], (rel, href, a.text_content())
            seen += 1
        for a in page.xpath(f"//a[{_class('footnote-backref')}]"):
            href = a.get("href")
            match = re.fullmatch(r"#(fnref\d*:\d+)", href)
            assert match, (rel, href)
            # ... and lands on the reference to that very note.
            targets = page.xpath(f'//*[@id="{match[1]}"]')
            assert len(targets) == 1, (rel, href)
            refs = targets[0].xpath(f"descendant-or-self::a[{_class('footnote-ref')}]/@href")
            assert refs == [f"#fn:{match[1].split(':')[1]}"], (rel, href, refs)
        for ol in page.xpath(f"//div[{_class('footnote')}]/ol"):
            labels = [int(li.get("id").removeprefix("fn:")) for li in ol.xpath("./li")]
            assert labels, rel
            assert ol.get("start") == str(labels[0]), rel
            if labels != list(range(labels[0], labels[0] + len(labels))):
                assert [li.get("value") for li in ol.xpath("./li")] == [str(n) for n in labels], rel
    assert seen >= NOTE_COUNT


def test_s2_shows_global_note_numbers(site: Site):
    page = site.page("s2/index.html")
    ols = page.xpath(f"//div[{_class('footnote')}]/ol")
    assert len(ols) == 1
    assert ols[0].get("start") == "14"
    assert [li.get("id") for li in ols[0].xpath("./li")][:3] == ["fn:14", "fn:15", "fn:16"]
    shown = [a.text_content().strip() for a in page.xpath(f"//a[{_class('footnote-ref')}]")]
    assert shown[:3] == ["14", "15", "16"]


def test_each_note_appears_once_on_the_chinese_pages(site: Site):
    notes: Counter[int] = Counter()
    for rel in zh_files(site):
        for li in site.page(rel).xpath(f'//div[{_class("footnote")}]/ol/li[starts-with(@id, "fn:")]'):
            notes[int(li.get("id").removeprefix("fn:"))] += 1
    assert sorted(notes) == list(range(1, NOTE_COUNT + 1))
    assert {n: c for n, c in notes.items() if c != 1} == {}


# --- links and resources ------------------------------------------------------------


def test_no_resource_from_another_host(site: Site):
    for rel in html_files(site):
        page = site.page(rel)
        # rel=canonical, the hreflang alternates and the JATS alternate name published addresses (site_url);
        # nothing fetches them.
        query = (
            '//link[@href][not(@rel="canonical")][not(@hreflang)][not(@type="application/jats+xml")]'
            " | //script[@src] | //img[@src]"
        )
        for element in page.xpath(query):
            url = element.get("href") or element.get("src")
            parts = urlsplit(urljoin(site.url(rel), url))
            assert parts.netloc == HOST, (rel, element.tag, url)


def test_internal_links_resolve(site: Site):
    broken = []
    fragments = 0
    for rel in html_files(site):
        # The outdated-edition banner links into another mike version, outside this build.
        for a in site.page(rel).xpath('//a[@href][not(ancestor::*[@data-md-component="outdated"])]'):
            href = a.get("href")
            target, fragment = site.resolve(rel, href)
            if target is None:
                continue  # another host, mailto:, ...
            if not (site.root / target).is_file():
                broken.append((rel, href, "no such file"))
            elif fragment and target.endswith(".html"):
                fragments += 1
                if fragment not in site.ids(target):
                    broken.append((rel, href, "no such id"))
    assert broken == []
    assert fragments > NOTE_COUNT  # the check did look at anchors (notes, paragraphs, headings)


def test_ids_are_unique_on_every_page(site: Site):
    for rel in html_files(site):
        ids = Counter(site.page(rel).xpath("//@id"))
        assert {i: c for i, c in ids.items() if c > 1} == {}, rel


# --- paragraph ids ------------------------------------------------------------------


def _paragraph_ids(ids) -> set[str]:
    return {i for i in ids if PARAGRAPH_ID.match(i)}


@pytest.mark.parametrize("name", ARTICLE)
def test_chinese_paragraph_ids(site: Site, name: str):
    rel = page_file(name, "zh")
    ids = _paragraph_ids(site.ids(rel))
    assert ids, rel
    # Numbered 1..k without gaps, per prefix (s2-p1.., abstract-p1, intro-p1...).
    by_prefix: dict[str, list[int]] = {}
    for i in ids:
        match = PARAGRAPH_ID.match(i)
        by_prefix.setdefault(match["prefix"], []).append(int(match["n"]))
    for prefix, numbers in by_prefix.items():
        assert sorted(numbers) == list(range(1, len(numbers) + 1)), (rel, prefix, sorted(numbers))
    if name != "index":
        assert set(by_prefix) == {name}, (rel, sorted(by_prefix))
    # Exactly the paragraph ids the Markdown page asks for with { #id }.
    source = (site.root.parent / "docs" / f"{name}.md").read_text(encoding="utf-8")
    assert ids == _paragraph_ids(m["id"] for m in ATTR_ID.finditer(source)), rel
    # Each one sits on a paragraph.
    page = site.page(rel)
    for i in ids:
        assert [e.tag for e in page.xpath(f'//*[@id="{i}"]')] == ["p"], (rel, i)


@pytest.mark.parametrize("name", SECTIONS)
def test_english_section_carries_the_chinese_paragraph_ids(site: Site, name: str):
    zh = _paragraph_ids(site.ids(page_file(name, "zh")))
    en = _paragraph_ids(site.ids(page_file(name, "en")))
    assert en == zh


# --- configuration: languages, search, switcher (mkdocs.yml, overrides/, hooks) ------------


def _config_base(html: str) -> str:
    match = re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.DOTALL)
    assert match, "Material's __config block not found"
    return json.loads(match.group(1))["base"]


def _html(site: Site, rel: str) -> str:
    return (site.root / rel).read_text(encoding="utf-8")


def test_language_switcher_home_links_are_relative(site: Site):
    assert site.switcher("index.html") == {"zh": ".", "en": "en/"}
    assert site.switcher("en/index.html") == {"zh": "..", "en": "./"}


def test_search_base_per_language(site: Site):
    # Material's base is the site (mike version) root on every page: its version selector
    # reads the version from it. English pages send Material's request for
    # <base>/search/search_index.json to <base>/en/search/search_index.json instead.
    assert _config_base(_html(site, "s2/index.html")) == ".."
    assert _config_base(_html(site, "en/s2/index.html")) == "../.."
    assert _config_base(_html(site, "en/index.html")) == ".."
    assert '"en/search/search_index.json"' in _html(site, "en/s2/index.html")
    assert "XMLHttpRequest.prototype.open" not in _html(site, "s2/index.html")


def test_chinese_search_index_is_segmented_with_jieba(site: Site):
    index = json.loads(_html(site, "search/search_index.json"))
    text = " ".join(d["title"] + d["text"] for d in index["docs"])
    # Words separated by U+200B, the user dictionary applied.
    assert "\u200b台积电\u200b" in text and "\u200b人工智能\u200b" in text
    assert "trimmer" not in index["config"]["pipeline"]
    assert index["config"]["lang"] == ["en"]  # lunr's "zh" needs a Node-only jieba
    english = json.loads(_html(site, "en/search/search_index.json"))
    assert "台积电" not in " ".join(d["title"] + d["text"] for d in english["docs"])


def test_no_google_fonts(site: Site):
    for rel in html_files(site):
        html = _html(site, rel)
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html, rel
