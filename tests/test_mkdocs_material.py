"""edition.builders.mkdocs_material: the pure fixes the MkDocs hooks apply."""

from __future__ import annotations

from trump2_web_edition.edition.builders.mkdocs_material import (
    conform,
    drop_head_alternates,
    name_search_dialog,
    site_relative_link,
    split_search_index,
)


def test_split_search_index_by_language_prefix():
    data = {"config": {"lang": ["en"]}, "docs": [{"location": ""}, {"location": "en/s1/"}, {"location": "s1/#x"}]}
    default, others = split_search_index(data, ["en/"])
    assert [d["location"] for d in default["docs"]] == ["", "s1/#x"]
    assert [d["location"] for d in others["en/"]["docs"]] == ["en/s1/"]
    assert default["config"] == others["en/"]["config"] == data["config"]


def test_site_relative_switcher_links():
    assert site_relative_link("/", "") == "."
    assert site_relative_link("/en/", "") == "en/"
    assert site_relative_link("/REPO/en/", "/REPO") == "en/"
    assert site_relative_link("/REPO", "/REPO") == "."
    assert site_relative_link("../en/s2/", "/REPO") == "../en/s2/"
    assert site_relative_link("//cdn.example/x", "") == "//cdn.example/x"


def test_only_materials_alternates_leave_the_head():
    html = (
        '<head>\n  <link rel="alternate" href="/en/" hreflang="en">\n'
        '<link rel=" alternate" hreflang="en" href="https://x/en/"></head>'
        '<body><link rel="alternate" href="/b/" hreflang="en"></body>'
    )
    out = drop_head_alternates(html)
    assert 'href="/en/"' not in out and 'rel=" alternate"' in out and 'href="/b/"' in out


def test_conform_and_search_dialog_name():
    html = (
        '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">'
        '<input type="text" autocorrect="off">'
        '<div class="md-search" data-md-component="search" role="dialog">'
    )
    out = name_search_dialog(conform(html), "en")
    assert 'autocomplete="off"' not in out and "autocorrect" not in out
    assert 'role="dialog" aria-label="Search">' in out
    assert 'aria-label="搜索"' in name_search_dialog(html, "zh")
