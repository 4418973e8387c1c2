"""The command line and the library on good, odd and bad input; --check and the committed docs/."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ERROR_LINE, FIXTURES, SEED, fixture_root, line_index, run_cli, seed_text, tree_hash
from trump2_web_edition.edition.convert import convert_to
from trump2_web_edition.edition.errors import SourceError
from trump2_web_edition.edition.parse import parse_bytes, parse_file, parse_source
from trump2_web_edition.edition.render.markdown import GENERATED
from trump2_web_edition.edition.retypeset import (
    BACK_MATTER_ORDERS,
    EDITORS_NOTES_ENGLISH,
    PageSetup,
    decisions_from,
    layout_free,
    retypeset,
)

NAME = SEED.name


# --- bad inputs: each builder returns (bytes, expected line or None for "any line") ------------


def _empty() -> tuple[bytes, int | None]:
    return b"", 1


def _blank() -> tuple[bytes, int | None]:
    return b" \n\n  \n", 1


def _nul() -> tuple[bytes, int | None]:
    lines = seed_text().split("\n")
    at = line_index(lines, lambda line: line.startswith("王子旗"))
    lines[at] = "王子\x00旗"
    return "\n".join(lines).encode("utf-8"), at + 1


def _random_bytes() -> tuple[bytes, int | None]:
    return bytes(b for b in random.Random(7).randbytes(6000) if b), None


def _invalid_high_bytes() -> tuple[bytes, int | None]:
    return bytes(random.Random(3).randrange(0x80, 0x100) for _ in range(6000)), None


def _control_character() -> tuple[bytes, int | None]:
    lines = seed_text().split("\n")
    at = line_index(lines, lambda line: line.startswith("核心战场"))
    lines[at] = lines[at].replace("核心", "核\x1b心", 1)
    return "\n".join(lines).encode("utf-8"), at + 1


def _marker_without_note() -> tuple[bytes, int | None]:
    lines = seed_text().split("\n")
    # Page 1 has notes [1]..[7]: cite a [9] in its body.
    at = line_index(lines, lambda line: "而紧密联系。[2]" in line)
    lines[at] = lines[at].replace("而紧密联系。[2]", "而紧密联系。[2][9]")
    return "\n".join(lines).encode("utf-8"), at + 1


def _uncited_note() -> tuple[bytes, int | None]:
    lines = seed_text().split("\n")
    at = line_index(lines, lambda line: "也得以维系。[3]" in line)
    lines[at] = lines[at].replace("[3]", "")
    note = line_index(lines, lambda line: line.startswith("[3]"))
    return "\n".join(lines).encode("utf-8"), note + 1


def _duplicate_note_number() -> tuple[bytes, int | None]:
    lines = seed_text().split("\n")
    at = line_index(lines, lambda line: line.startswith("[3]"))
    lines[at] = "[2]" + lines[at][3:]
    return "\n".join(lines).encode("utf-8"), at + 1


def _missing_note_number() -> tuple[bytes, int | None]:
    lines = seed_text().split("\n")
    at = line_index(lines, lambda line: line.startswith("[3]"))
    lines[at] = "[4]" + lines[at][3:]
    return "\n".join(lines).encode("utf-8"), at + 1


def _truncated() -> tuple[bytes, int | None]:
    text = seed_text()
    return text[: len(text) // 2].encode("utf-8"), None


def _no_abstract() -> tuple[bytes, int | None]:
    lines = seed_text().split("\n")
    at = line_index(lines, lambda line: line.startswith("摘 要："))
    lines[at] = lines[at].replace("摘 要：", "")
    return "\n".join(lines).encode("utf-8"), None


def _notes_never_end() -> tuple[bytes, int | None]:
    # The last page's first line lost its leading space: the notes above it run on into the body.
    lines = seed_text().split("\n")
    at = line_index(lines, lambda line: line.startswith(" 地区”国际空间"))
    lines[at] = lines[at][1:]
    return "\n".join(lines).encode("utf-8"), at + 1


def _notes_to_the_end() -> tuple[bytes, int | None]:
    # The file stops after a page's notes: nothing ends them.
    lines = seed_text().split("\n")
    end = line_index(lines, lambda line: line.startswith(" 地区”国际空间"))
    start = line_index(lines, lambda line: line.startswith("[1]《关税五因应策略"))
    return "\n".join(lines[:end]).encode("utf-8"), start + 1


def _editors_without_english() -> tuple[bytes, int | None]:
    lines = seed_text().split("\n")
    at = line_index(lines, lambda line: line.startswith("( 责任编辑"))
    return "\n".join(lines[: at + 1]).encode("utf-8"), at + 1


def _editors_and_notes_without_english() -> tuple[bytes, int | None]:
    # A copy whose last page's notes follow the editors line, cut before the English.
    text = retypeset(parse_file(SEED), PageSetup(width=41, lines_per_page=70, back_matter=EDITORS_NOTES_ENGLISH))
    lines = text.split("\n")
    end = line_index(lines, lambda line: line.startswith("Research on"))
    return "\n".join(lines[:end]).encode("utf-8"), line_index(lines, lambda line: "责任编辑" in line) + 1


def _english_without_key_words() -> tuple[bytes, int | None]:
    lines = seed_text().split("\n")
    del lines[line_index(lines, lambda line: line.startswith("Key Words:"))]
    return "\n".join(lines).encode("utf-8"), line_index(lines, lambda line: line.startswith("Abstract:")) + 1


BAD_INPUTS: dict[str, Callable[[], tuple[bytes, int | None]]] = {
    "empty": _empty,
    "blank": _blank,
    "nul": _nul,
    "random-bytes": _random_bytes,
    "invalid-high-bytes": _invalid_high_bytes,
    "control-character": _control_character,
    "marker-without-note": _marker_without_note,
    "uncited-note": _uncited_note,
    "duplicate-note-number": _duplicate_note_number,
    "missing-note-number": _missing_note_number,
    "truncated": _truncated,
    "no-abstract": _no_abstract,
    "notes-never-end": _notes_never_end,
    "notes-to-the-end": _notes_to_the_end,
    "editors-without-english": _editors_without_english,
    "editors-and-notes-without-english": _editors_and_notes_without_english,
    "english-without-key-words": _english_without_key_words,
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_cli(case, tmp_path, docs_dir):
    data, line = BAD_INPUTS[case]()
    source = tmp_path / NAME
    source.write_bytes(data)
    dump = tmp_path / "model.json"
    before = tree_hash(docs_dir)
    result = run_cli(source, "--out", docs_dir, "--dump-json", dump)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    match = ERROR_LINE.match(result.stderr.strip())
    assert match, result.stderr
    assert match["path"] == str(source)
    total = max(1, data.count(b"\n") + 1)
    assert 1 <= int(match["line"]) <= total
    if line is not None:
        assert int(match["line"]) == line, result.stderr
    assert tree_hash(docs_dir) == before
    assert not dump.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([NAME, "docs"]), "no temporary left behind"


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_library(case, tmp_path, docs_dir):
    data, line = BAD_INPUTS[case]()
    source = tmp_path / NAME
    source.write_bytes(data)
    with pytest.raises(SourceError) as caught:
        parse_bytes(data, str(source))
    assert caught.value.path == str(source)
    assert str(caught.value).startswith(f"{source}:{caught.value.line}: ")
    assert "\n" not in str(caught.value)
    if line is not None:
        assert caught.value.line == line
    before = tree_hash(docs_dir)
    with pytest.raises(SourceError):
        convert_to(source, docs_dir)
    assert tree_hash(docs_dir) == before


def test_missing_source_file(tmp_path, docs_dir):
    before = tree_hash(docs_dir)
    result = run_cli(tmp_path / "nothing.txt", "--out", docs_dir)
    assert result.returncode == 2
    assert result.stderr.startswith("convert.py: error: ") and len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert tree_hash(docs_dir) == before


def _variant(tmp_path: Path, data: bytes):
    """A copy of the seed outside source/: it is converted with the project's metadata and translations."""
    folder = tmp_path / "variant"
    folder.mkdir(exist_ok=True)
    source = folder / NAME
    source.write_bytes(data)
    return source


def _without_mark(folder: Path) -> dict[str, str]:
    """The generated files of a folder, the generated-file mark (which names the source) taken out."""
    mark = GENERATED.split("{", 1)[0]
    return {
        str(p.relative_to(folder)): "".join(
            line for line in p.read_text(encoding="utf-8").splitlines(True) if mark not in line
        )
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix in (".md", ".bib", ".ris", ".json")
    }


@pytest.mark.parametrize(
    "transform",
    [
        pytest.param(lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), id="bom"),
        pytest.param(lambda text: text.replace("\n", "\r\n").encode("utf-8"), id="crlf"),
        pytest.param(lambda text: b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"), id="bom-crlf"),
        pytest.param(lambda text: text.encode("gb18030"), id="gb18030"),
    ],
)
def test_equivalent_encodings_give_the_same_document(transform, tmp_path, seed_document):
    source = _variant(tmp_path, transform(seed_text()))
    assert parse_file(source) == seed_document
    out = tmp_path / "out"
    result = run_cli(source, "--out", out)
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("warning") == 0, result.stderr  # the project's translations match
    assert run_cli(source, "--check", "--out", out).returncode == 0
    # The same pages as from the seed, but for the mark naming the source as given.
    assert _without_mark(out) == _without_mark(fixture_root() / "docs")
    assert f"from {source} as page index (zh)." in (out / "index.md").read_text(encoding="utf-8")


def test_gbk_copy_gives_the_same_document(tmp_path):
    # GBK proper lacks U+2022 (the seed's one bullet): use the GBK middle dot in both copies.
    text = seed_text().replace("\u2022", "\u00b7")
    plain = parse_bytes(text.encode("utf-8"), "seed.txt")
    assert parse_bytes(text.encode("gbk"), "seed.txt") == plain
    source = _variant(tmp_path, text.encode("gbk"))
    result = run_cli(source, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr


def test_convert_writes_pages_and_json(tmp_path, seed_document):
    out = tmp_path / "site-docs"
    dump = tmp_path / "dump" / "model.json"
    result = run_cli("--out", out, "--dump-json", dump)  # the fixture project's source/, named as in its docs/
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.glob("*.md"))
    assert names == sorted(p.name for p in (fixture_root() / "docs").glob("*.md"))
    # The Markdown pages, then the citation files (.bib, .ris, CSL-JSON) of each language under assets/.
    assert f"{len(names) + 6} files" in result.stderr
    for name in names:
        assert (out / name).read_bytes() == (fixture_root() / "docs" / name).read_bytes()
    for name in sorted(p.name for p in (fixture_root() / "docs" / "assets").glob("citation*")):
        assert (out / "assets" / name).read_bytes() == (fixture_root() / "docs" / "assets" / name).read_bytes()
    data = json.loads(dump.read_text(encoding="utf-8"))
    assert data["document"] == seed_document.to_dict()
    assert "edition" not in data["metadata"]  # the edition is publish.py's, not metadata


def test_convert_keeps_hand_written_files(docs_dir):
    result = run_cli("--out", docs_dir)
    assert result.returncode == 0, result.stderr
    assert (docs_dir / "about.md").read_text(encoding="utf-8") == "# Hand-written\n"
    assert _stale(docs_dir) == []


# --- --check -------------------------------------------------------------------------------


def _stale(out: Path) -> list[str]:
    """--check of the fixture project's source against ``out``: the generated files missing, differing or extra."""
    result = run_cli("--check", "--out", out)
    if result.returncode == 0:
        return []
    found = re.search(r" is stale: (.+) \(run scripts/convert\.py\)", result.stderr)
    assert found, result.stderr
    return found.group(1).split(", ")


def test_fresh_docs_are_not_stale():
    """docs/ of a project is exactly what the converter makes from its source/ (the live project: publish.py
    --check, tests/test_publishing_check.py)."""
    result = run_cli("--check")
    assert result.returncode == 0, result.stderr
    assert _stale(fixture_root() / "docs") == []


def test_check_passes_on_a_fresh_copy(docs_dir):
    before = tree_hash(docs_dir)
    assert run_cli("--check", "--out", docs_dir).returncode == 0
    assert tree_hash(docs_dir) == before


def test_check_fails_when_a_page_is_edited(docs_dir):
    page = docs_dir / "s2.md"
    page.write_text(page.read_text(encoding="utf-8").replace("半导体", "芯片", 1), encoding="utf-8")
    before = tree_hash(docs_dir)
    result = run_cli("--check", "--out", docs_dir)
    assert result.returncode == 1
    assert "s2.md" in result.stderr and "stale" in result.stderr
    assert tree_hash(docs_dir) == before, "--check writes nothing"


def test_check_fails_on_an_extra_generated_page(docs_dir):
    extra = docs_dir / "s9.md"
    extra.write_bytes((docs_dir / "s1.md").read_bytes())
    result = run_cli("--check", "--out", docs_dir)
    assert result.returncode == 1
    assert "s9.md" in result.stderr
    assert _stale(docs_dir) == ["s9.md"]


def test_check_fails_on_a_missing_page(docs_dir):
    (docs_dir / "conclusion.en.md").unlink()
    result = run_cli("--check", "--out", docs_dir)
    assert result.returncode == 1
    assert "conclusion.en.md" in result.stderr


def test_check_ignores_hand_written_pages(docs_dir):
    (docs_dir / "notes.md").write_text("# Notes\n", encoding="utf-8")
    assert run_cli("--check", "--out", docs_dir).returncode == 0


def test_check_on_a_page_that_is_not_utf8(docs_dir):
    (docs_dir / "s3.md").write_bytes("第三部分".encode("gb18030"))
    result = run_cli("--check", "--out", docs_dir)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr


def test_check_with_dump_json(tmp_path, docs_dir):
    dump = tmp_path / "check.json"
    assert run_cli("--check", "--out", docs_dir, "--dump-json", dump).returncode == 0
    assert json.loads(dump.read_text(encoding="utf-8")) == FIXTURES.convert().to_dict()


def test_check_with_bad_input_is_exit_2(tmp_path, docs_dir):
    source = tmp_path / NAME
    source.write_bytes(b"")
    result = run_cli(source, "--check", "--out", docs_dir)
    assert result.returncode == 2
    assert ERROR_LINE.match(result.stderr.strip())


# --- a source outside source/: the project's metadata and translations --------------------


def test_a_copy_outside_source_is_converted_with_the_project_files(tmp_path):
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    (folder / "copy.txt").write_bytes(seed_text().replace("\n", "\r\n").encode("utf-8"))
    out = tmp_path / "out"
    result = run_cli("elsewhere/copy.txt", "--out", out, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr  # the project's translations match this text
    # The path as given.
    assert "from elsewhere/copy.txt as page index (zh)." in (out / "index.md").read_text(encoding="utf-8")
    assert _without_mark(out) == _without_mark(fixture_root() / "docs")


def test_translations_of_another_text_give_one_warning(tmp_path):
    # Every part of this text differs from what the project's translations translate.
    source = _variant(tmp_path, seed_text().replace("美", "米").encode("utf-8"))
    result = run_cli(source, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 1, result.stderr
    assert re.search(r"the translations match \d+ of the 95 parts of this text: they translate another", warnings[0])


# --- every order of the last page's notes and the back matter ------------------------------


def _content_of(dump: Path) -> dict:
    return layout_free(json.loads(dump.read_text(encoding="utf-8"))["document"])


@pytest.mark.parametrize("order", BACK_MATTER_ORDERS)
def test_a_copy_with_notes_on_its_last_page_converts(tmp_path, seed_document, order):
    text = retypeset(seed_document, PageSetup(width=41, lines_per_page=70, back_matter=order))
    source = _variant(tmp_path, text.encode("utf-8"))
    dump = tmp_path / "model.json"
    result = run_cli(source, "--out", tmp_path / "out", "--strict", "--dump-json", dump)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    assert _content_of(dump) == layout_free(seed_document)


# --- paragraph boundaries the layout leaves open ------------------------------------------

# At this measure and space width one boundary reads both ways, and the likelier reading is wrong.
OPEN = PageSetup(width=36, lines_per_page=70, space_width=0.5)


def _layout_file(path: Path, decisions) -> Path:
    lines = ["paragraphs:"] + [f'  "{d.key}": {d.reading}' for d in decisions]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_open_boundary_is_a_warning_with_file_and_line(tmp_path, seed_document):
    text = retypeset(seed_document, OPEN)
    source = _variant(tmp_path, text.encode("utf-8"))
    result = run_cli(source, "--out", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    (warning,) = [line for line in result.stderr.splitlines() if "paragraph boundary" in line]
    match = re.match(rf"^convert\.py: warning: {re.escape(str(source))}:(\d+): paragraph boundary not clear", warning)
    assert match, warning
    (ambiguity,) = parse_source(text.encode("utf-8"), str(source)).ambiguities
    assert int(match[1]) == ambiguity.line
    assert f"“{ambiguity.before}” | “{ambiguity.after}”" in warning
    assert "read as the same paragraph" in warning and f'"{ambiguity.key}": paragraph or continue' in warning


def test_strict_fails_while_a_boundary_is_open_and_passes_once_settled(tmp_path, seed_document, docs_dir):
    text = retypeset(seed_document, OPEN)
    source = _variant(tmp_path, text.encode("utf-8"))
    before = tree_hash(docs_dir)
    result = run_cli(source, "--out", docs_dir, "--strict")
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "convert.py: error: 1 paragraph boundary is not settled (--strict); nothing written"
    )
    assert tree_hash(docs_dir) == before
    decisions = decisions_from(seed_document, parse_source(text.encode("utf-8"), str(source)).ambiguities)
    assert [d.reading for d in decisions] == ["paragraph"]
    layout = _layout_file(tmp_path / "layout.yml", decisions)
    dump = tmp_path / "model.json"
    result = run_cli(source, "--out", tmp_path / "out", "--strict", "--layout", layout, "--dump-json", dump)
    assert result.returncode == 0, result.stderr
    assert "warning" not in result.stderr
    assert _content_of(dump) == layout_free(seed_document)  # paragraph boundaries included


def test_a_stale_decision_is_a_warning(tmp_path):
    layout = tmp_path / "layout.yml"
    layout.write_text('paragraphs:\n  "不在文中的话。|也不在文中": paragraph\n', encoding="utf-8")
    result = run_cli("--out", tmp_path / "out", "--layout", layout)
    assert result.returncode == 0, result.stderr
    assert f'convert.py: warning: {layout}:2: "不在文中的话。|也不在文中" matches no place in ' in result.stderr
    assert run_cli("--out", tmp_path / "out2", "--layout", layout, "--strict").returncode == 1
    assert not (tmp_path / "out2").exists()


def test_a_bad_layout_file_is_an_error(tmp_path, docs_dir):
    layout = tmp_path / "layout.yml"
    layout.write_text('paragraphs:\n  "前文。|后文": perhaps\n', encoding="utf-8")
    before = tree_hash(docs_dir)
    result = run_cli("--out", docs_dir, "--layout", layout)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"convert.py: error: {layout}:2: '前文。|后文': the reading must be paragraph or continue, not 'perhaps'"
    )
    assert tree_hash(docs_dir) == before
