"""Bytes -> numbered lines: encodings, BOM, line ends, and refusing what is not text."""

from __future__ import annotations

import pickle

import pytest
from trump2_web_edition.edition.errors import SourceError
from trump2_web_edition.edition.read import SourceLine, decode, read_lines, split_lines


def test_utf8_and_bom():
    assert decode("中文\n".encode(), "f") == ("中文\n", "utf-8")
    assert decode(b"\xef\xbb\xbf" + "中文\n".encode(), "f") == ("中文\n", "utf-8")


def test_gbk_and_gb18030():
    text = "美台高科技产业合作，“价值认同”导向弱化。\n第二行\n"
    assert decode(text.encode("gbk"), "f") == (text, "gb18030")
    assert decode(text.encode("gb18030"), "f") == (text, "gb18030")


@pytest.mark.parametrize("data", [b"", b"   \n\t\n"])
def test_empty(data):
    with pytest.raises(SourceError, match="empty") as caught:
        decode(data, "f.txt")
    assert (caught.value.path, caught.value.line) == ("f.txt", 1)


def test_nul_names_its_line():
    with pytest.raises(SourceError, match="NUL") as caught:
        decode(b"one\ntwo\nth\x00ree\n", "f.txt")
    assert caught.value.line == 3
    assert str(caught.value) == "f.txt:3: the file holds binary data (NUL byte), not text"


def test_invalid_bytes_name_their_line():
    data = "第一行\n第二行\n".encode() + b"abc \xff\xfe\x80\x81 latin\n"
    with pytest.raises(SourceError, match="not UTF-8") as caught:
        decode(data, "f.txt")
    assert caught.value.line == 3


def test_latin1_text_is_refused():
    with pytest.raises(SourceError):
        decode("Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e, na\u00efve r\u00e9sum\u00e9\n".encode("latin-1") * 20, "f")


def test_control_character_names_its_line():
    with pytest.raises(SourceError, match="U\\+001B") as caught:
        decode(b"a\nb\n\x1bc\n", "f")
    assert caught.value.line == 3


def test_tab_and_line_ends_are_not_control_characters():
    assert decode(b"a\tb\r\nc\rd\n", "f")[0] == "a\tb\r\nc\rd\n"


def test_split_lines_line_ends():
    expected = (SourceLine(1, "a"), SourceLine(2, "b"), SourceLine(3, "c"), SourceLine(4, ""))
    assert split_lines("a\nb\nc\n") == expected
    assert split_lines("a\r\nb\r\nc\r\n") == expected
    assert split_lines("a\rb\rc\r") == expected


def test_read_lines_bom_crlf_same_as_plain():
    plain = "标题\n\n作者\n".encode()
    assert read_lines(b"\xef\xbb\xbf" + plain.replace(b"\n", b"\r\n"), "f") == read_lines(plain, "f")


def test_source_error_is_one_line_and_pickles():
    error = SourceError("dir/f.txt", 12, "something is wrong")
    assert str(error) == "dir/f.txt:12: something is wrong"
    copy = pickle.loads(pickle.dumps(error))
    assert (copy.path, copy.line, copy.message, str(copy)) == (error.path, error.line, error.message, str(error))
