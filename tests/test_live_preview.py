"""hooks/live_preview.py: while `mkdocs serve` runs, a change under source/ re-converts and reloads; an error
shows on the page without stopping the server, and the next good save recovers (a real server on 127.0.0.1)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import ROOT

FILES = ("mkdocs.yml", "docs", "overrides", "hooks", "jieba_userdict.txt", "source")
NOTICE = "The source does not convert"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return ""


def _until(check: Callable[[], bool], what: str, server: subprocess.Popen, seconds: float = 180) -> None:
    """Poll (bounded) until ``check`` holds; fail with the server's output if it never does."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        if server.poll() is not None:
            break
        time.sleep(0.5)
    server.terminate()
    output = server.communicate(timeout=30)[0]
    pytest.fail(f"{what}: not seen (server output below)\n{output[-3000:]}")


def _serve(project: Path):
    port = _free_port()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_URL=f"http://127.0.0.1:{port}/")
    command = [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-w", "source"]
    server = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        yield project, f"http://127.0.0.1:{port}/", server
    finally:
        server.terminate()
        try:
            server.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture()
def served(tmp_path: Path):
    project = tmp_path / "project"
    project.mkdir()
    for name in FILES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
    yield from _serve(project)


@pytest.fixture()
def served_after_editions(tmp_path: Path, editions):
    """A clone with 1.0 and 1.1 published (the session's editions), corrected again, with a note for 1.2."""
    project = tmp_path / "project"
    shutil.copytree(editions.project.path, project, symlinks=True)
    source = next((project / "source").glob("000_*.txt"))
    source.write_text(source.read_text(encoding="utf-8").replace("极限施压", "极限施压力", 1), encoding="utf-8")
    registry = project / "source" / "editions.yml"
    text = registry.read_text(encoding="utf-8")
    note = "notes:\n  '1.2':\n    zh: 预览的编者说明。\n    en: A previewed note.\n"
    registry.write_text(text.replace("notes:\n", note, 1), encoding="utf-8")
    yield from _serve(project)


def test_a_source_change_reconverts_and_an_error_shows_until_fixed(served):
    project, base, server = served
    _until(lambda: "s1-p1" in _get(base + "en/s1/"), "the first build", server)
    translation = project / "source" / "translations" / "en" / "s1.yml"
    text = translation.read_text(encoding="utf-8")
    translation.write_text(text.replace("text: ", "text: LIVEPREVIEW ", 1), encoding="utf-8")
    _until(lambda: "LIVEPREVIEW" in _get(base + "en/s1/"), "the edited translation", server)
    assert "LIVEPREVIEW" in (project / "docs" / "s1.en.md").read_text(encoding="utf-8")

    layout = project / "source" / "layout.yml"
    good = layout.read_text(encoding="utf-8")
    layout.write_text("paragraphs: [unclosed\n", encoding="utf-8")
    _until(lambda: NOTICE in _get(base + "s1/"), "the conversion error on the page", server)
    assert server.poll() is None  # the server goes on
    assert "LIVEPREVIEW" in _get(base + "en/s1/")  # with the last good pages

    layout.write_text(good, encoding="utf-8")
    _until(lambda: (page := _get(base + "s1/")) and NOTICE not in page, "the recovery", server)


def test_the_next_editions_what_changed_is_previewed_with_its_note(served_after_editions):
    project, base, server = served_after_editions
    _until(lambda: "预览的编者说明" in _get(base + "changes/"), "the previewed What-changed page", server)
    page = _get(base + "changes/")
    assert "本版（1.2）与上一版（1.1）相比" in page and "<ins>力</ins>" in page
    assert "A previewed note." in _get(base + "en/changes/")
    assert not (project / "docs" / "changes.md").exists()  # made in memory: docs/ stays the draft
