"""source/metadata.yml -> Metadata: known fields, values kept as written, errors with lines."""

from __future__ import annotations

import pytest
from conftest import ERROR_LINE, METADATA, SEED, run_cli, tree_hash
from trump2_web_edition.edition.errors import SourceError
from trump2_web_edition.edition.metadata import Metadata, load_metadata, parse_metadata


def test_project_metadata_file():
    metadata = load_metadata(METADATA)
    assert metadata.journal == "" and metadata.doi == "" and metadata.year == ""


def test_missing_file_means_nothing_known(tmp_path):
    assert load_metadata(tmp_path / "none.yml") == Metadata()


def test_values_are_kept_as_written():
    text = "year: 2025\nissue: 010\nlicense: yes\npages: 1-12\ndoi: 10.1234/x.5\njournal: ~\nvolume:\n"
    metadata = parse_metadata(text, "m.yml")
    assert metadata.year == "2025"
    assert metadata.issue == "010"
    assert metadata.license == "yes"
    assert metadata.pages == "1-12"
    assert metadata.page_range == ("1", "12")
    assert metadata.doi == "10.1234/x.5"
    assert metadata.journal == "" and metadata.volume == ""


def test_empty_text():
    assert parse_metadata("", "m.yml") == Metadata()
    assert parse_metadata("# only a comment\n", "m.yml") == Metadata()


def test_unknown_field_names_its_line():
    with pytest.raises(SourceError, match="unknown field 'jornal'") as caught:
        parse_metadata("year: '2025'\n\njornal: x\n", "m.yml")
    assert (caught.value.path, caught.value.line) == ("m.yml", 3)


def test_list_value_is_refused():
    with pytest.raises(SourceError, match="single value") as caught:
        parse_metadata("year: '2025'\npages: [1, 2]\n", "m.yml")
    assert caught.value.line == 2


def test_not_a_mapping():
    with pytest.raises(SourceError, match="mapping"):
        parse_metadata("- a\n- b\n", "m.yml")


def test_invalid_yaml_names_its_line():
    with pytest.raises(SourceError, match="not valid YAML") as caught:
        parse_metadata("year: '2025'\ndoi: [unclosed\nissn: x\n", "m.yml")
    assert caught.value.line >= 2
    assert "\n" not in str(caught.value)


def test_bom_and_non_utf8_file(tmp_path):
    path = tmp_path / "metadata.yml"
    path.write_bytes(b"\xef\xbb\xbfjournal: \xe5\x8f\xb0\xe6\xb9\xbe\xe7\xa0\x94\xe7\xa9\xb6\n")
    assert load_metadata(path).journal == "台湾研究"
    path.write_bytes("year: '2025'\njournal: 台湾研究\n".encode("gbk"))
    with pytest.raises(SourceError, match="not UTF-8") as caught:
        load_metadata(path)
    assert caught.value.line == 2


def test_to_dict_has_every_field():
    assert set(Metadata().to_dict()) == {
        "journal",
        "journal_en",
        "year",
        "volume",
        "issue",
        "pages",
        "doi",
        "issn",
        "publisher",
        "license",
    }


def test_the_edition_is_not_metadata():
    """The edition's number is the edition's (publish.py gives it), not a hand-kept copy here."""
    with pytest.raises(SourceError, match="unknown field 'edition'") as caught:
        parse_metadata("year: '2025'\nedition: '1.0'\n", "m.yml")
    assert caught.value.line == 2


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("year", "25", "year must be a year"),
        ("year", "2025年", "year must be a year"),
        ("year", "n.d.", "year must be a year"),
        ("pages", "12-", "pages must be"),
        ("pages", "-12", "pages must be"),
        ("pages", "12-3", "last page comes before the first"),
        ("pages", "一", "pages must be"),
        ("doi", "https://doi.org/10.1234/abc", "doi must be a DOI"),
        ("doi", "doi:10.1234/abc", "doi must be a DOI"),
        ("doi", "10.12/abc", "doi must be a DOI"),
        ("doi", "10.1234/a b", "doi must be a DOI"),
        ("issn", "10020683", "issn must be written"),
        ("issn", "1002-0684", "check digit"),
        ("volume", "第三卷", "volume must be a number"),
        ("issue", "3(4)", "issue must be a number"),
    ],
)
def test_a_field_in_the_wrong_shape_names_its_line(field, value, message):
    text = f"journal: 台湾研究\n# a comment\n{field}: '{value}'\n"
    with pytest.raises(SourceError, match=message) as caught:
        parse_metadata(text, "m.yml")
    assert (caught.value.path, caught.value.line) == ("m.yml", 3)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("year", "2025"),
        ("pages", "1"),
        ("pages", "1–12"),
        ("pages", "e101-e110"),
        ("doi", "10.16253/j.cnki.37-1226/d.2025.03.001"),
        ("issn", "1002-0683"),
        ("issn", "2434-561X"),
        ("volume", "44"),
        ("issue", "3-4"),
        ("issue", "S1"),
    ],
)
def test_a_field_in_its_shape_is_kept_as_written(field, value):
    assert getattr(parse_metadata(f"{field}: '{value}'\n", "m.yml"), field) == value


def test_markup_like_free_text_is_accepted_as_text():
    """Free-text fields may hold anything on one line; every format escapes it."""
    metadata = parse_metadata('journal: "<script>{x} 100%"\npublisher: a & b\n', "m.yml")
    assert metadata.journal == "<script>{x} 100%"


def test_a_value_on_two_lines_is_refused():
    with pytest.raises(SourceError, match="one line") as caught:
        parse_metadata('year: "2025"\njournal: "a\\nb"\n', "m.yml")
    assert caught.value.line == 2


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("journal: 台湾研究\nyear: '2025年'\n", 2),
        ("journal: 台湾研究\n\n\npages: 12-\n", 4),
        ("doi: https://doi.org/10.1234/abc\n", 1),
    ],
)
def test_convert_refuses_bad_metadata_with_file_and_line_and_writes_nothing(tmp_path, docs_dir, text, line):
    metadata = tmp_path / "metadata.yml"
    metadata.write_text(text, encoding="utf-8")
    before = tree_hash(docs_dir)
    result = run_cli(SEED, "--out", docs_dir, "--metadata", metadata)
    assert result.returncode == 2
    match = ERROR_LINE.match(result.stderr.strip())
    assert match and len(result.stderr.splitlines()) == 1, result.stderr
    assert (match["path"], int(match["line"])) == (str(metadata), line)
    assert tree_hash(docs_dir) == before
