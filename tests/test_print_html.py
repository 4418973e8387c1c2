"""The print HTML (render/print_html.py): one footnote per note at its global number, metadata, the cite box."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from trump2_web_edition.edition.convert import convert
from trump2_web_edition.edition.release import Edition
from trump2_web_edition.edition.render.citation.gbt7714 import gbt7714
from trump2_web_edition.edition.render.citation.work import cited_work
from trump2_web_edition.edition.render.print_html import PrintInput, render_print_html, short_title

EDITION = Edition(version="1.0", released=dt.date(2026, 12, 1), site_url="https://owner.github.io/repo/")


@pytest.fixture(scope="module")
def conversion():
    return convert()


def _html(conversion, lang, edition=EDITION):
    return render_print_html(
        conversion.document, PrintInput(conversion.metadata, conversion.translation, edition), lang
    )


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_note_once_at_its_own_number(conversion, lang):
    numbers = [int(n) for n in re.findall(r'class="footnote" id="fn-\d+" data-n="(\d+)"', _html(conversion, lang))]
    assert numbers == list(range(1, 43))
    assert "attr(data-n)" in _html(conversion, lang)  # the call and the marker print the note's own number


def test_head_metadata_and_dates(conversion):
    html = _html(conversion, "zh")
    assert '<html lang="zh-CN">' in html
    assert f"<title>{conversion.document.title.text}</title>" in html
    assert '<meta name="author" content="王子旗">' in html
    assert '<meta name="dcterms.created" content="2026-12-01T00:00:00Z">' in html
    draft = _html(conversion, "zh", Edition())
    assert "dcterms" not in draft and "未发布稿" in draft


def test_the_cite_box_says_what_the_site_says(conversion):
    html = _html(conversion, "zh")
    work = cited_work(conversion.document, conversion.metadata, EDITION, "zh")
    assert gbt7714(work, "引用日期") in html
    assert "本网络版：第 1.0 版，2026-12-01 发布" in html
    assert 'href="https://owner.github.io/repo/1.0/"' in html


def test_running_heads(conversion):
    assert '@top-right { content: "第 1.0 版"' in _html(conversion, "zh")
    assert '@top-right { content: "Edition 1.0"' in _html(conversion, "en")
    assert '@top-right { content: "Unpublished draft"' in _html(conversion, "en", Edition())
    assert short_title("短标题") == "短标题"
    assert len(short_title(conversion.document.english.title.text)) <= 61


def test_english_front_and_translator_notes(conversion):
    zh, en = _html(conversion, "zh"), _html(conversion, "en")
    english = conversion.document.english
    assert zh.rindex(english.title.text) > zh.index('class="editors"')  # the author's English closes the Chinese
    assert en.index(f"<h1>{english.title.text}</h1>") < en.index("<main>")
    assert 'id="tn-1"' in en and "Translator’s notes" in en and "tn-1" not in zh


def test_urls_are_links(conversion):
    html = _html(conversion, "zh")
    for note in conversion.document.notes:
        for url in note.urls:
            assert f'href="{url}"'.replace("&", "&amp;") in html
