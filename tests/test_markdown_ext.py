"""trump2_web_edition.markdown_ext: footnotes show the number their label carries, in plain Python-Markdown."""

from __future__ import annotations

import re

import markdown


def _render(text: str) -> str:
    return markdown.markdown(text, extensions=["trump2_web_edition.markdown_ext", "footnotes", "attr_list"])


def test_references_and_list_show_the_labels_numbers():
    html = _render("甲。[^14] 乙。[^15]\n\n[^14]: 注十四。\n[^15]: 注十五。\n")
    assert re.findall(r'<a class="footnote-ref" href="#fn:(\d+)">(\d+)</a>', html) == [("14", "14"), ("15", "15")]
    assert '<ol start="14">' in html
    assert 'title="Jump back to footnote 15 in the text"' in html


def test_out_of_order_references_and_gaps():
    html = _render("a[^10] b[^8] c[^10]\n\n[^8]: x\n[^10]: z\n")
    refs = re.findall(r'<a class="footnote-ref" href="#fn:(\d+)">(\d+)</a>', html)
    assert refs == [("10", "10"), ("8", "8"), ("10", "10")]
    # 8 and 10 are not consecutive: each item carries its own number.
    assert '<ol start="8">' in html
    assert '<li id="fn:8" value="8">' in html and '<li id="fn:10" value="10">' in html
    # A second reference to note 10 (fnref2:10) keeps 10 in its back-link's title.
    assert 'href="#fnref2:10" title="Jump back to footnote 10 in the text"' in html


def test_non_numeric_labels_are_left_alone():
    html = _render("a[^note]\n\n[^note]: x\n")
    assert '<a class="footnote-ref" href="#fn:note">1</a>' in html
    assert "start=" not in html


def test_found_by_its_entry_point_name():
    html = markdown.markdown("a[^7]\n\n[^7]: x\n", extensions=["trump2_web_edition", "footnotes"])
    assert '<a class="footnote-ref" href="#fn:7">7</a>' in html
