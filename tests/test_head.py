"""Document + metadata + edition -> each page's head metadata: citation_*, Dublin Core, Open Graph, JSON-LD."""

from __future__ import annotations

import json

import pytest
import yaml
from trump2_web_edition.devtools.site_build import TEST_EDITION
from trump2_web_edition.edition import ids
from trump2_web_edition.edition.metadata import Metadata
from trump2_web_edition.edition.release import Edition
from trump2_web_edition.edition.render.head import head_fields, json_ld
from trump2_web_edition.edition.render.markdown import PageContext, front_matter

KNOWN = Metadata(journal="台湾研究", year="2025", volume="44", issue="3", pages="1-12", doi="10.1234/abc")
MARKUP = Metadata(journal="</script><script>alert(1)</script> {x} 100%", year="2025")


def _meta(fields: dict) -> dict[str, str]:
    return {m.get("name") or m.get("property"): m["content"] for m in fields["head_meta"]}


@pytest.mark.parametrize("page", [ids.HOME, "s2", ids.REFERENCES])
def test_every_page_names_the_article(seed_document, page):
    context = PageContext(page, "zh", TEST_EDITION, "source")
    meta = _meta(head_fields(seed_document, Metadata(), context, "t"))
    assert meta["citation_title"] == seed_document.title.text
    assert meta["citation_publication_date"] == "2026/11/01"
    assert meta["citation_fulltext_html_url"] == meta["citation_public_url"] == TEST_EDITION.base_url
    assert meta["og:type"] == "website" and "og:site_name" not in meta
    assert meta["og:url"] == TEST_EDITION.url_of(ids.page_url(page, "zh"))


def test_the_draft_has_no_date_or_address(seed_document):
    meta = _meta(head_fields(seed_document, Metadata(), PageContext("s2", "zh", Edition(), "source"), "t"))
    assert not {"citation_publication_date", "citation_public_url", "og:url", "DC.date", "DC.identifier"} & set(meta)


def test_a_known_journal(seed_document):
    meta = _meta(head_fields(seed_document, KNOWN, PageContext("s1", "en", TEST_EDITION, "source"), "t"))
    assert (meta["citation_journal_title"], meta["citation_volume"], meta["citation_firstpage"]) == (
        "台湾研究",
        "44",
        "1",
    )
    assert (meta["citation_publication_date"], meta["citation_online_date"]) == ("2025", "2026/11/01")
    assert meta["og:type"] == "article" and meta["citation_doi"] == "10.1234/abc"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_markup_in_metadata_stays_text(seed_document, lang):
    context = PageContext(ids.HOME, lang, TEST_EDITION, "source")
    fields = head_fields(seed_document, MARKUP, context, "t")
    assert "</script" not in fields["head_jsonld"]
    data = json.loads(fields["head_jsonld"])
    original = data if lang == "zh" else data["translationOfWork"]
    assert original["isPartOf"]["name"] == MARKUP.journal
    # The front matter is YAML that reads back to the same values.
    text = front_matter(context, "t", fields)
    assert yaml.safe_load(text.split("---\n")[1])["head_meta"] == fields["head_meta"]


def test_json_ld_of_the_draft_has_no_address_date_or_version(seed_document):
    data = json.loads(json_ld(seed_document, Metadata(), PageContext(ids.HOME, "zh", Edition(), "source")))
    assert not {"url", "@id", "datePublished", "version"} & set(data)
    assert data["workTranslation"]["inLanguage"] == "en"
