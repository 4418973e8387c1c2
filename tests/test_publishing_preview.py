"""publishing.preview: which edition the editor is preparing, and its What-changed page against the newest."""

from __future__ import annotations

from trump2_web_edition.publishing.preview import next_version


def test_the_next_edition_is_the_noted_one_else_one_minor_up():
    assert next_version("1.1", []) == "1.2"
    assert next_version("1.1", ["1.1", "2.0"]) == "2.0"
    assert next_version("1.1", ["1.3", "1.2", "1.0"]) == "1.2"
    assert next_version("1.1.2", []) == "1.2"
