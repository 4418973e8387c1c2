"""The English translation: coverage, alignment with the original, the glossary, staleness and its pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import pytest
import yaml
from conftest import (
    FIXTURES,
    GLOSSARY,
    LAYOUT,
    METADATA,
    SEED,
    TRANSLATIONS,
    nonspace,
    run_cli,
    seed_text,
    to_html,
    tree_hash,
)
from trump2_web_edition.edition.convert import TranslationIncomplete, convert_to
from trump2_web_edition.edition.errors import SourceError
from trump2_web_edition.edition.model import Heading, Link, NoteRef, Text
from trump2_web_edition.edition.plan import note_references as note_markers
from trump2_web_edition.edition.plan import source_hash
from trump2_web_edition.edition.render.site import SiteInput, render_site
from trump2_web_edition.edition.translation import (
    MISMATCHED,
    MISSING,
    STALE,
    Term,
    load_glossary,
    load_translations,
    source_items,
    translated_inlines,
    translation_status,
)
from trump2_web_edition.publishing.check import glossary_problems

BRACKETED = re.compile(r"\s?\[[^\[\]]*\]")
CJK = re.compile(r"[\u3400-\u9fff]")
# The seed's first body paragraph of section 一 (s1-p1), and a changed wording for it.
S1_P1 = "美国对华战略竞争态势已然定型"
S1_P1_CHANGED = "美国对华战略竞争态势已经定型"


@pytest.fixture(scope="module")
def entries():
    return load_translations(TRANSLATIONS)


@pytest.fixture(scope="module")
def status(seed_document, entries):
    return translation_status(seed_document, entries)


def _tree(markdown_text: str):
    return lxml.html.fromstring(f"<div>{to_html(markdown_text)}</div>")


# --- coverage and alignment -----------------------------------------------------------------


def test_everything_is_translated_and_current(status):
    assert status.warnings() == ()
    assert status.complete
    assert status.coverage == 1.0


def test_counts(seed_document, entries):
    headings = [s.heading for s in seed_document.sections if s.heading] + [
        b for s in seed_document.sections for b in s.blocks if isinstance(b, Heading)
    ]
    paragraphs = [p for s in seed_document.sections for p in s.paragraphs]
    assert (len(headings), len(paragraphs), len(seed_document.notes)) == (17, 35, 42)
    assert {h.id for h in headings} <= set(entries)
    assert {p.id for p in paragraphs} <= set(entries)
    assert {f"note-{n.number}" for n in seed_document.notes} <= set(entries)
    assert set(entries) == {item.id for item in source_items(seed_document)}
    # The author's own English abstract is shown as written, not retranslated.
    assert seed_document.abstract.id not in entries


def test_note_markers_sit_in_the_same_paragraphs(seed_document, entries):
    for section in seed_document.sections:
        for paragraph in section.paragraphs:
            assert note_markers(entries[paragraph.id].text) == paragraph.note_numbers, paragraph.id
    cited = [n for s in seed_document.sections for p in s.paragraphs for n in note_markers(entries[p.id].text)]
    assert sorted(cited) == list(range(1, 43))


def test_headings_and_notes_cite_no_notes(seed_document, entries):
    for item in source_items(seed_document):
        if item.kind != "paragraph":
            assert note_markers(entries[item.id].text) == (), item.id


def test_notes_keep_each_citation_as_written(seed_document, entries):
    """Take the bracketed English renderings out of a translated note and the original is left."""
    for note in seed_document.notes:
        english = entries[f"note-{note.number}"].text
        assert nonspace(BRACKETED.sub("", english)) == nonspace(note.text), note.number
        for url in note.urls:
            assert url in english, (note.number, url)
        if CJK.search(note.text):
            assert BRACKETED.search(english), f"note {note.number}: no English rendering"
        else:
            assert english == note.text, note.number  # already English: unchanged


def test_translations_are_english(seed_document, entries):
    for item in source_items(seed_document):
        if item.kind in ("paragraphs", "headings", "editors"):
            english = entries[item.id].text
            # Chinese only where the translation keeps an unsure name beside its rendering.
            assert len(CJK.findall(english)) <= 6, item.id
            assert len(english) > len(item.text) * 0.8, item.id  # nothing dropped wholesale


def test_source_hashes_are_of_the_chinese_text(seed_document, entries):
    for item in source_items(seed_document):
        assert entries[item.id].source_hash == source_hash(item.text), item.id


# --- glossary -----------------------------------------------------------------------------------


def _glossary() -> tuple[Term, ...]:
    return load_glossary(GLOSSARY)


def test_glossary_is_well_formed():
    terms = _glossary()
    assert len(terms) >= 60
    zh = [nonspace(t.zh) for t in terms]
    assert len(zh) == len(set(zh))
    for term in terms:
        assert term.zh and (term.en or term.renderings), term
        for rendering in term.renderings:
            assert rendering.note, (term.zh, rendering.en)  # a context-dependent rendering says why


def test_glossary_terms_are_used_wherever_their_chinese_occurs(seed_document, entries):
    # The same rule publish.py --check applies to the live content.
    assert glossary_problems(seed_document, entries, GLOSSARY) == []


def test_glossary_renderings_by_context(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text(
        "terms:\n  - zh: 布局\n    en: position\n    renderings:\n"
        "      - {en: blueprint, ids: [intro-p1], note: a plan}\n"
        "      - {en: build-out, ids: [s3-p4, s3-p5], note: b}\n",
        encoding="utf-8",
    )
    (term,) = load_glossary(path)
    assert [term.english_for(i) for i in ("intro-p1", "s3-p5", "s2-p4")] == ["blueprint", "build-out", "position"]
    path.write_text("terms:\n  - zh: 布局\n    renderings:\n      - {en: a, ids: [x]}\n", encoding="utf-8")
    assert load_glossary(path)[0].english_for("y") is None
    for bad, message in [
        ("  - zh: 布局\n", "en"),
        ("  - zh: 布局\n    renderings:\n      - {en: a}\n", "en and ids"),
        ("  - zh: 布局\n    renderings:\n      - {en: a, ids: [x]}\n      - {en: b, ids: [x]}\n", "two renderings"),
        ("  - zh: 布局\n    en: a\n    english: b\n", "has zh and"),
    ]:
        path.write_text("terms:\n" + bad, encoding="utf-8")
        with pytest.raises(SourceError, match=message) as error:
            load_glossary(path)
        assert error.value.line >= 1


def test_glossary_names_the_abstracts_own_renderings(seed_document):
    english = seed_document.english
    abstract = " ".join([english.title.text, english.abstract.text, *english.keywords]).casefold()
    noted = {t.zh: t.author for t in _glossary() if t.author}
    assert noted["赖清德"] == "Lai Qing-te"
    for zh, rendering in noted.items():
        if zh != "王子旗":  # the author's name is on the byline, not in the abstract
            assert rendering.casefold() in abstract, (zh, rendering)
    assert seed_document.english.author.text == noted["王子旗"]


# --- the translation files ------------------------------------------------------------------------


def _write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_loading_reports_file_and_line(tmp_path):
    folder = _write(tmp_path / "a", "x.yml", "s1-p1:\n  source_hash: 0123456789ab\n  text: Hello\ns1-p2: [1, 2]\n")
    with pytest.raises(SourceError) as error:
        load_translations(folder)
    assert (Path(error.value.path).name, error.value.line) == ("x.yml", 4)

    folder = _write(tmp_path / "b", "x.yml", "s1-p1:\n  source_hash: nothex\n  text: Hello\n")
    with pytest.raises(SourceError, match="hex digits"):
        load_translations(folder)

    folder = _write(tmp_path / "c", "x.yml", "s1-p1:\n  text: Hello\n")
    with pytest.raises(SourceError, match="missing .*source_hash"):
        load_translations(folder)

    folder = _write(tmp_path / "d", "x.yml", "s1-p1: {source_hash: 0123456789ab, text: [a]\n")
    with pytest.raises(SourceError, match="not valid YAML"):
        load_translations(folder)

    entry = "s1-p1:\n  source_hash: 0123456789ab\n  text: Hello\n"
    folder = _write(tmp_path / "e", "x.yml", entry)
    _write(folder, "y.yml", "\n" + entry)
    with pytest.raises(SourceError, match="translated twice") as error:
        load_translations(folder)
    assert (Path(error.value.path).name, error.value.line) == ("y.yml", 2)


def test_no_folder_means_nothing_translated(tmp_path, seed_document):
    assert load_translations(tmp_path / "absent") == {}
    status = translation_status(seed_document, {})
    assert status.coverage == 0.0
    assert set(status.ids(MISSING)) == {item.id for item in source_items(seed_document)}


def test_translated_inlines():
    url = "https://example.org/a?b=1"
    inlines = translated_inlines(f"See[^3] and [^99] at {url}.", (url,), notes=42)
    assert inlines == (Text("See"), NoteRef(3), Text(" and [^99] at "), Link(url), Text("."))


# --- staleness ------------------------------------------------------------------------------------


def _changed_copy(tmp_path: Path) -> Path:
    """A copy of the seed with one paragraph reworded, outside source/ (converted with the project's files)."""
    folder = tmp_path / "changed"
    folder.mkdir()
    text = seed_text()
    assert text.count(S1_P1) == 1
    (folder / SEED.name).write_text(text.replace(S1_P1, S1_P1_CHANGED), encoding="utf-8")
    return folder / SEED.name


def test_a_changed_paragraph_is_flagged_stale(tmp_path):
    conversion = FIXTURES.convert(source=_changed_copy(tmp_path))
    status = conversion.translation
    assert status.ids(STALE) == ("s1-p1",)
    assert status.ids(MISSING) == status.ids(MISMATCHED) == ()
    assert not status.complete
    (warning,) = conversion.warnings
    assert "s1-p1" in warning and "stale" in warning and "s1.yml:" in warning


def test_a_stale_paragraph_is_marked_with_the_chinese_shown(tmp_path):
    pages = {p.path: p.text for p in FIXTURES.convert(source=_changed_copy(tmp_path)).files}
    tree = _tree(pages["s1.en.md"])
    (paragraph,) = tree.xpath("//p[@id='s1-p1']")
    assert paragraph.text_content().startswith("Since Trump returned to office")
    box = paragraph.getnext()
    assert "Translation out of date" in box.xpath("./p[@class='admonition-title']")[0].text_content()
    (original,) = box.xpath("./p[@lang='zh']")
    assert S1_P1_CHANGED in original.text_content()
    assert box.xpath(".//a[@href='../../s1/#s1-p1']")
    # The other paragraphs are untouched: their original stays collapsed.
    assert tree.xpath("//p[@id='s1-p2']")[0].getnext().tag == "details"
    assert "1 part of this page is out of date" in tree.text_content()


def test_a_missing_paragraph_shows_the_chinese_under_its_id(tmp_path, seed_document, entries):
    partial = {k: v for k, v in entries.items() if k not in ("s1-p3", "note-2")}
    status = translation_status(seed_document, partial)
    pages = {p.path: p.text for p in render_site(seed_document, SiteInput(translation=status))}
    tree = _tree(pages["s1.en.md"])
    (paragraph,) = tree.xpath("//p[@id='s1-p3']")
    assert paragraph.get("lang") == "zh"
    assert paragraph.text_content().startswith("特朗普第一任期")
    assert "Not yet translated" in paragraph.getprevious().text_content()
    # Its notes are still cited, and an untranslated note is shown as written.
    assert tree.xpath("//p[@id='s1-p3']//a[@href='#fn:2']")
    (note,) = tree.xpath("//li[@id='fn:2']")
    assert note.xpath(".//span[@lang='zh']") and "Not yet translated" in note.text_content()


def test_a_translation_citing_other_notes_is_not_shown(seed_document, entries):
    wrong = dict(entries)
    entry = entries["s1-p4"]
    wrong["s1-p4"] = type(entry)(entry.id, entry.source_hash, entry.text.replace("[^5]", ""), entry.path, entry.line)
    status = translation_status(seed_document, wrong)
    assert status.ids(MISMATCHED) == ("s1-p4",)
    pages = {p.path: p.text for p in render_site(seed_document, SiteInput(translation=status))}
    (paragraph,) = _tree(pages["s1.en.md"]).xpath("//p[@id='s1-p4']")
    assert paragraph.get("lang") == "zh"


def test_an_orphaned_translation_is_reported(tmp_path, seed_document):
    folder = tmp_path / "en"
    shutil.copytree(TRANSLATIONS, folder)
    _write(folder, "zz.yml", "s9-p1:\n  source_hash: 0123456789ab\n  text: Gone.\n")
    status = translation_status(seed_document, load_translations(folder))
    assert [e.id for e in status.orphans] == ["s9-p1"]
    assert not status.complete and status.coverage == 1.0
    assert "orphaned: s9-p1" in status.report()


def test_strict_conversion_writes_nothing(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(TranslationIncomplete) as error:
        convert_to(_changed_copy(tmp_path), out, None, TRANSLATIONS, True, METADATA, LAYOUT)
    assert error.value.status.ids(STALE) == ("s1-p1",)
    assert not out.exists()


def test_cli_translation_status(tmp_path):
    result = run_cli("--translation-status")
    assert result.returncode == 0, result.stderr
    assert "95/95 current (100.0%)" in result.stdout
    assert "stale: -" in result.stdout and "missing: -" in result.stdout

    source = _changed_copy(tmp_path)
    result = run_cli(source, "--translation-status")
    assert result.returncode == 0
    assert "94/95 current" in result.stdout and "stale: s1-p1" in result.stdout
    changed = next(i for i in source_items(FIXTURES.convert(source=source).document) if i.id == "s1-p1")
    assert f"  s1-p1: {changed.hash}" in result.stdout
    assert run_cli(source, "--translation-status", "--strict").returncode == 1


def test_cli_warns_and_strict_fails(tmp_path):
    source = _changed_copy(tmp_path)
    out = tmp_path / "out"
    result = run_cli(source, "--out", out)
    assert result.returncode == 0, result.stderr
    assert re.search(r"^convert\.py: warning: .*s1\.yml:\d+: s1-p1: translation is stale", result.stderr, re.M)
    before = tree_hash(out)
    result = run_cli(source, "--out", out, "--strict")
    assert result.returncode == 1
    assert "--strict" in result.stderr and tree_hash(out) == before
    assert run_cli(source, "--out", out, "--check").returncode == 0
    assert run_cli(source, "--out", out, "--check", "--strict").returncode == 1
    result = run_cli(source, "--out", out, "--check", "--strict", "--translations", TRANSLATIONS)
    assert result.returncode == 1


def test_cli_strict_passes_on_the_committed_source():
    assert run_cli("--check", "--strict").returncode == 0


# --- the English pages ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pages():
    return {page.path: page.text for page in FIXTURES.convert().files}


@pytest.mark.parametrize("stem", ["index", "s1", "s2", "s3", "s4", "conclusion"])
def test_english_page_aligns_with_the_chinese(pages, stem):
    zh, en = _tree(pages[f"{stem}.md"]), _tree(pages[f"{stem}.en.md"])
    ids = [i for i in zh.xpath("//p/@id | //h1/@id | //h2/@id") if i not in ("title", "abstract-p1", "keywords")]
    skip = ("title", "abstract-en-p1", "keywords", "translator-notes")
    en_ids = [i for i in en.xpath("//p/@id | //h1/@id | //h2/@id") if i not in skip]
    assert [i for i in en_ids if i not in ("author", "editors")] == [i for i in ids if i not in ("author", "editors")]
    for pid in (i for i in ids if re.search(r"-p\d+$", i)):
        (english,) = en.xpath(f"//p[@id='{pid}']")
        assert len(CJK.findall(english.text_content())) <= 6, pid  # see test_translations_are_english
        (chinese,) = zh.xpath(f"//p[@id='{pid}']")
        original = english.getnext().xpath("./p[@lang='zh']")[0]
        cited = [a.get("href") for a in english.xpath(".//a[@class='footnote-ref']")]
        assert cited == [a.get("href") for a in chinese.xpath(".//a[@class='footnote-ref']")], pid
        # The original beside the translation is the Chinese paragraph, its note numbers plain superscripts.
        assert [s.text for s in original.xpath(".//sup")] == [h.removeprefix("#fn:") for h in cited], pid
        assert _without_notes(original) == _without_notes(chinese), pid


def _without_notes(element) -> str:
    """The element's text without its footnote numbers and paragraph links, whitespace left out."""
    element = lxml.html.fromstring(lxml.html.tostring(element))
    for sup in element.xpath(".//sup | .//span[@class='edition-para-links']"):
        sup.drop_tree()
    return nonspace(element.text_content())


def test_english_footnotes_are_the_translated_notes(pages, entries):
    for stem in ("s1", "s2", "s3", "s4"):
        tree = _tree(pages[f"{stem}.en.md"])
        for item in tree.xpath("//div[@class='footnote']//li"):
            number = item.get("id").removeprefix("fn:")
            english = BRACKETED.findall(entries[f"note-{number}"].text)
            for rendering in english:
                assert rendering.strip() in item.text_content(), (stem, number)


def test_markup_in_a_translation_is_shown_as_written(seed_document, entries):
    injected = dict(entries)
    entry = entries["s1-p1"]
    text = "1. *x* <b>y</b> `z` { #evil } " + entry.text
    injected["s1-p1"] = type(entry)(entry.id, entry.source_hash, text, entry.path, entry.line)
    status = translation_status(seed_document, injected)
    pages = {p.path: p.text for p in render_site(seed_document, SiteInput(translation=status))}
    tree = _tree(pages["s1.en.md"])
    (paragraph,) = tree.xpath("//p[@id='s1-p1']")
    assert paragraph.text_content().startswith("1. *x* <b>y</b> `z` { #evil } Since Trump")
    lists = "//ol[not(ancestor::div[@class='footnote'])][not(@class='translator-notes')]"
    assert not tree.xpath(f"{lists} | //em | //b | //code | //*[@id='evil']")


def test_every_english_page_links_to_the_original(pages, seed_document):
    subheadings = {
        ("index" if s.heading is None else s.id): [b.id for b in s.blocks if isinstance(b, Heading)]
        for s in seed_document.sections
    }
    assert subheadings["s1"] and subheadings["s3"] and not subheadings["s4"]
    for stem, depth in (("index", 1), ("s1", 2), ("s2", 2), ("s3", 2), ("s4", 2), ("conclusion", 2)):
        tree = _tree(pages[f"{stem}.en.md"])
        page = "../" * depth + ("" if stem == "index" else f"{stem}/")
        assert tree.xpath(f"//div[contains(@class, 'admonition')]//a[@href='{page}']"), stem
        headings = [i for i in tree.xpath("//h2/@id") if i.startswith(f"{stem}-")]
        assert headings == subheadings[stem], stem
        for hid in headings:
            assert tree.xpath(f"//a[@href='{page}#{hid}']"), (stem, hid)


def test_translation_files_are_tidy():
    optional = {"reviewed", "review_note", "translator_notes", "quotes"}
    for path in sorted(TRANSLATIONS.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        fields = {"source_hash", "text"}
        assert all(fields <= set(value) <= fields | optional for value in data.values()), path
        assert not any("\n" in value["text"] for value in data.values()), path
