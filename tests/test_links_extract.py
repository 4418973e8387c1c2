"""Extraction of cited URLs: note, section, page, date."""

from __future__ import annotations

import datetime as dt

import pytest
from trump2_web_edition.edition.citations.urls import CitedUrl, cited_urls
from trump2_web_edition.edition.parse.dates import parse_note_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("台湾“中央社”，2020 年 1 月 12 日，https://x", dt.date(2020, 1, 12)),
        ("台湾联合新闻网，2024年 12 月 17 日，https://x", dt.date(2024, 12, 17)),
        ("《经济日报》2025 年 1 月22 日，https://x", dt.date(2025, 1, 22)),
        ("2024 年 6 月 6日 ,https://x", dt.date(2024, 6, 6)),
        ("The White House, December 18, 2017, https://x", dt.date(2017, 12, 18)),
        ("Archives, January 23, 2025, https://x", dt.date(2025, 1, 23)),
        ("Sept. 3, 2021", dt.date(2021, 9, 3)),
        ("no date here", None),
        ("2025 年 2 月 30 日", None),
    ],
)
def test_note_dates(text, expected):
    assert parse_note_date(text) == expected


def test_the_date_before_the_url_wins():
    text = "Report of March 1, 2020, updated 2021 年 5 月 6 日，https://a.example/ and later June 7, 2022"
    assert parse_note_date(text, before=text.index("https")) == dt.date(2021, 5, 6)


def test_cited_urls_of_the_seed(seed_document):
    cited = cited_urls(seed_document)
    assert len(cited) == 31
    assert all(c.date is not None for c in cited)
    first = cited[0]
    assert first == CitedUrl(
        url="https://www.cna.com.tw/news/firstnews/202001120004.aspx",
        note=2,
        section_id="s1",
        section_title=seed_document.section_of_note(2).heading.text,
        printed_page=1,
        number_on_page=2,
        date=dt.date(2020, 1, 12),
    )
    by_note = {c.note: c for c in cited}
    assert by_note[9].date == dt.date(2025, 1, 23)
    assert (by_note[8].printed_page, by_note[8].number_on_page) == (2, 1)
    assert by_note[40].section_id == "s4"
    assert first.to_dict()["date"] == "2020-01-12"
