"""edition.editions.registry: source/editions.yml (addresses, editor's notes) read and checked."""

from __future__ import annotations

import pytest
from conftest import EDITIONS_FILE
from trump2_web_edition.edition.errors import SourceError
from trump2_web_edition.publishing.registry import EditorNote, load_editions, parse_editions


def test_the_committed_file():
    editions = load_editions(EDITIONS_FILE)
    assert editions.repository.startswith("https://github.com/")
    assert editions.site_url.startswith("https://")


def test_notes_keep_edition_numbers_as_written():
    text = 'notes:\n  1.10:\n    zh: 更正一处。\n    en: One correction.\n'
    assert parse_editions(text, "e.yml").notes == {"1.10": EditorNote("更正一处。", "One correction.")}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("repository: ftp://x\n", 1, "http"),
        ("site_url: https://x/\nnote: {}\n", 2, "unknown field"),
        ("notes:\n  '1.1': [a]\n", 2, "zh and en"),
        ("notes:\n  '1.1':\n    fr: x\n", 2, "zh and en"),
        ("notes: [\n", 2, "not valid YAML"),
    ],
)
def test_bad_fields_name_the_file_and_line(text, line, message):
    with pytest.raises(SourceError, match=message) as error:
        parse_editions(text, "e.yml")
    assert error.value.line == line
