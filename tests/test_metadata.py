"""source/metadata.yml -> Metadata: known fields, values kept as written, errors with lines."""

from __future__ import annotations

import pytest
from conftest import ROOT
from edition.errors import SourceError
from edition.metadata import Metadata, load_metadata, parse_metadata


def test_project_metadata_file():
    metadata = load_metadata(ROOT / "source" / "metadata.yml")
    assert metadata.edition == "1.0"
    assert metadata.journal == "" and metadata.doi == ""


def test_missing_file_means_nothing_known(tmp_path):
    assert load_metadata(tmp_path / "none.yml") == Metadata()


def test_values_are_kept_as_written():
    text = "year: 2025\nissue: 010\nedition: 1.10\nlicense: yes\npages: 1-12\ndoi: 10.1/x\njournal: ~\nvolume:\n"
    metadata = parse_metadata(text, "m.yml")
    assert metadata.year == "2025"
    assert metadata.issue == "010"
    assert metadata.edition == "1.10"
    assert metadata.license == "yes"
    assert metadata.pages == "1-12"
    assert metadata.doi == "10.1/x"
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
        "edition",
    }
