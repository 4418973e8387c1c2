"""Document -> Markdown pages, rendered with Python-Markdown and the extensions of mkdocs.yml."""

from __future__ import annotations

import re

import lxml.html
import pytest
from conftest import line_index, seed_text, to_html
from trump2_web_edition.edition.parse import parse_bytes
from trump2_web_edition.edition.render.markdown import GENERATED, footnote
from trump2_web_edition.edition.render.site import render_site


@pytest.fixture(scope="module")
def pages(seed_document):
    return {page.path: page.text for page in render_site(seed_document) if page.path.endswith(".md")}


def _tree(markdown_text: str):
    return lxml.html.fromstring(f"<div>{to_html(markdown_text)}</div>")


def test_page_set(pages):
    stems = ["index", "s1", "s2", "s3", "s4", "conclusion", "references"]
    assert sorted(pages) == sorted([f"{s}.md" for s in stems] + [f"{s}.en.md" for s in stems])
    header = GENERATED.split("{", 1)[0]
    for text in pages.values():
        assert text.endswith("\n") and "\n\n\n" not in text
        assert text.startswith(header) or text.startswith("---\n") and f"---\n\n{header}" in text


def test_footnotes_defined_on_the_page_that_cites_them(seed_document, pages):
    seen: set[int] = set()
    for section in seed_document.sections:
        name = "index.md" if section.heading is None else f"{section.id}.md"
        text = pages[name]
        cited = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", text)}
        defined = {int(n) for n in re.findall(r"^\[\^(\d+)\]:", text, re.MULTILINE)}
        assert cited == defined
        seen |= defined
        tree = _tree(text)
        assert len(tree.xpath("//sup/a[@class='footnote-ref']")) == len(re.findall(r"\[\^\d+\](?!:)", text))
    assert seen == set(range(1, 43))


def test_ids_become_attributes(seed_document, pages):
    tree = _tree(pages["s1.md"])
    assert tree.xpath("//h1/@id") == ["s1"]
    assert tree.xpath("//h2/@id") == ["s1-1", "s1-2", "s1-3"]
    paragraph_ids = [p.id for p in seed_document.sections[1].paragraphs]
    assert [i for i in tree.xpath("//p/@id")] == paragraph_ids
    assert "{ #" not in tree.text_content()


def test_links_are_shown_and_point_to_themselves(seed_document, pages):
    for text in pages.values():
        tree = _tree(text)
        # A cited URL is shown as written; the References pages' "archived copy" links are labelled.
        for anchor in tree.xpath("//a[starts-with(@href, 'http')][not(@class='archived-copy')]"):
            assert anchor.get("href") == anchor.text_content()
        for anchor in tree.xpath("//a[@class='archived-copy']"):
            assert anchor.get("href").startswith("https://web.archive.org/web/")
    all_hrefs = [a for text in pages.values() for a in _tree(text).xpath("//a/@href")]
    for note in seed_document.notes:
        for url in note.urls:
            assert url in all_hrefs


def test_english_pages(seed_document, pages):
    home = _tree(pages["index.en.md"])
    assert home.xpath("//h1")[0].text_content().startswith("Research on the Trend")
    # Rendered without a translation, every English page marks its parts untranslated and shows the Chinese.
    for name, text in pages.items():
        if name.endswith(".en.md") and not name.startswith("references"):
            assert "Not yet translated" in text, name
    for stem in ("s1", "s2", "s3", "s4", "conclusion"):
        tree = _tree(pages[f"{stem}.en.md"])
        assert tree.xpath("//h1/@id") == [stem]
        assert tree.xpath(f"//a[@href='../../{stem}/']")


def test_editors_on_the_last_page(pages):
    tree = _tree(pages["conclusion.md"])
    (editors,) = tree.xpath("//*[@id='editors']")
    assert "金 奕 刘佳雁" in editors.text_content()


# --- markup-looking text is shown as written -------------------------------------------------

INJECTED = ["*x*", "_x_", "[^1]", "<script>alert(1)</script>", "<b>", "&amp;", "`code`", "{ #evil }", "\\"]
BLOCK_STARTS = {
    "1. ": "特朗普再度上台后，美国对华战略",
    "- ": "“价值认同”是美对外政策",
    "# x ": "特朗普第一任期、拜登时期",
}


def _injected_seed() -> bytes:
    lines = seed_text().split("\n")
    for prefix, start in BLOCK_STARTS.items():
        at = line_index(lines, lambda line, start=start: line.startswith(start))
        lines[at] = prefix + lines[at]
    at = line_index(lines, lambda line: "日趋下降" in line)
    lines[at] = lines[at].replace("日趋下降", "日趋下降" + " ".join(INJECTED), 1)
    return "\n".join(lines).encode("utf-8")


def test_markup_in_the_text_is_escaped(pages):
    document = parse_bytes(_injected_seed(), "injected.txt")
    rendered = {page.path: page.text for page in render_site(document) if page.path.endswith(".md")}
    tree = _tree(rendered["s1.md"])
    text = tree.text_content()
    assert " ".join(INJECTED) in text
    for prefix, start in BLOCK_STARTS.items():
        paragraph = [p for p in tree.xpath("//p") if start in p.text_content()]
        assert len(paragraph) == 1
        assert paragraph[0].text_content().startswith(prefix + start)
    query = "//script | //b | //em | //strong | //code | //ol | //ul | //li | //h1 | //h2"
    query += " | //*[@id='evil']"
    for name, page in rendered.items():
        got = [element.tag for element in _tree(page).xpath(query)]
        assert got == [element.tag for element in _tree(pages[name]).xpath(query)], name
        if name == "s1.md":
            assert not [h for h in tree.xpath("//h1") if h.text_content().startswith("x")]


def test_markup_at_the_start_of_a_note_is_escaped():
    lines = seed_text().split("\n")
    at = line_index(lines, lambda line: line.startswith("[1] 樊吉社"))
    lines[at] = lines[at].replace("[1] 樊吉社", "[1] - 樊吉社", 1)
    document = parse_bytes("\n".join(lines).encode("utf-8"), "injected.txt")
    assert document.note(1).text.startswith("- 樊吉社")
    page = next(p.text for p in render_site(document) if p.path == "s1.md")
    tree = _tree(page)
    assert not tree.xpath("//div[contains(@class, 'footnote')]//ul")


def test_note_links_in_sections_carry_no_guessed_archived_copy(seed_document):
    # Robust Links attributes only ever carry a capture an archive confirmed: the References page has them.
    for note in seed_document.notes:
        html = footnote(note)
        assert "data-versionurl" not in html and "data-versiondate" not in html and "archive.org" not in html
        for url in note.urls:
            assert f'href="{url}"' in html or url.replace("&", "&amp;") in html
