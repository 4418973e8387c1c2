"""Writing pages all or nothing, permissions, staleness, and atomic JSON."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from conftest import tree_hash
from trump2_web_edition.edition.output import stale_files, write_json, write_pages
from trump2_web_edition.edition.render.markdown import GENERATED, OutputFile

HEADER = GENERATED.format(source="source/x.txt", page="index", lang="zh")
PAGES = (OutputFile("index.md", f"{HEADER}\n\n# Home\n"), OutputFile("s1.md", f"{HEADER}\n\n# One\n"))


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_write_into_a_new_folder(tmp_path):
    out = tmp_path / "a" / "docs"
    write_pages(PAGES, out)
    assert sorted(p.name for p in out.iterdir()) == ["index.md", "s1.md"]
    assert (out / "s1.md").read_bytes() == PAGES[1].text.encode("utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o777 & ~_umask(), "a new docs/ is not private to its owner"
    assert sorted(p.name for p in out.parent.iterdir()) == ["docs"], "no staging folder left"


def test_replace_keeps_hand_written_and_drops_old_generated(tmp_path):
    out = tmp_path / "docs"
    out.mkdir()
    (out / "about.md").write_text("# About\n", encoding="utf-8")
    (out / "img").mkdir()
    (out / "img" / "a.png").write_bytes(b"\x89PNG")
    (out / "old.md").write_text(f"{HEADER}\n\n# Old\n", encoding="utf-8")
    out.chmod(0o755)
    write_pages(PAGES, out)
    assert sorted(p.name for p in out.iterdir()) == ["about.md", "img", "index.md", "s1.md"]
    assert (out / "img" / "a.png").read_bytes() == b"\x89PNG"
    assert stat.S_IMODE(out.stat().st_mode) == 0o755
    assert stale_files(PAGES, out) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


def test_failure_leaves_the_folder_as_it_was(tmp_path, monkeypatch):
    out = tmp_path / "docs"
    write_pages(PAGES, out)
    (out / "about.md").write_text("# About\n", encoding="utf-8")
    before = tree_hash(out)
    written = []
    original = Path.write_text

    def failing(self, *args, **kwargs):
        if written:
            raise OSError(28, "No space left on device", str(self))
        written.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", failing)
    changed = (OutputFile("index.md", f"{HEADER}\n\nnew\n"), OutputFile("s1.md", f"{HEADER}\n\nnew\n"))
    with pytest.raises(OSError):
        write_pages(changed, out)
    assert tree_hash(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs"]


def test_stale_files(tmp_path):
    out = tmp_path / "docs"
    assert stale_files(PAGES, out) == ["index.md", "s1.md"]
    write_pages(PAGES, out)
    assert stale_files(PAGES, out) == []
    (out / "s1.md").write_text(f"{HEADER}\n\n# Changed\n", encoding="utf-8")
    (out / "extra.md").write_text(f"{HEADER}\n", encoding="utf-8")
    (out / "mine.md").write_text("# Mine\n", encoding="utf-8")
    assert stale_files(PAGES, out) == ["s1.md", "extra.md"]


def test_stale_on_a_page_that_is_not_utf8(tmp_path):
    out = tmp_path / "docs"
    write_pages(PAGES, out)
    (out / "s1.md").write_bytes("第一".encode("gb18030"))
    assert stale_files(PAGES, out) == ["s1.md"]


def test_write_json(tmp_path):
    path = tmp_path / "sub" / "model.json"
    write_json({"标题": "中文", "n": [1, 2]}, path)
    assert json.loads(path.read_text(encoding="utf-8")) == {"标题": "中文", "n": [1, 2]}
    assert "中文" in path.read_text(encoding="utf-8")
    assert path.read_text(encoding="utf-8").endswith("}\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~_umask()
    write_json([], path)
    assert json.loads(path.read_text(encoding="utf-8")) == []
    assert sorted(p.name for p in path.parent.iterdir()) == ["model.json"]


def test_write_json_failure_leaves_old_file(tmp_path):
    path = tmp_path / "model.json"
    write_json({"a": 1}, path)
    with pytest.raises(TypeError):
        write_json({"a": object()}, path)
    assert json.loads(path.read_text(encoding="utf-8")) == {"a": 1}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["model.json"]
