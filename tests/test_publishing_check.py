"""publishing.check (``publish.py --check``): the live content's quick check; and the proof that an editor's
correction under source/ fails none of the tool's tests, which read tests/fixtures/source (issue 22)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import FIXTURES, GLOSSARY, ROOT, TRANSLATIONS, fixture_root
from trump2_web_edition.devtools.pages import GIT_ENV, make_project
from trump2_web_edition.edition.translation import load_translations
from trump2_web_edition.publishing.check import broken_links, glossary_problems, review_log_problems


def _check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "scripts/publish.py", "--check"],
        cwd=root,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_the_live_project_passes_the_check_in_seconds():
    """CI still catches a stale docs/, an untranslated change, a broken build or link in the live content."""
    start = time.perf_counter()
    proc = _check(ROOT)
    assert proc.returncode == 0, proc.stderr
    assert time.perf_counter() - start < 60
    steps = ("convert --strict", "docs/ current", "glossary", "review log's counts", "mkdocs build --strict", "links")
    for step in steps:
        assert f"ok: {step}" in proc.stderr, step


def test_the_check_names_a_stale_docs_folder(tmp_path):
    project = make_project(tmp_path / "project")
    source = project.path / "source" / FIXTURES.name
    source.write_text(source.read_text(encoding="utf-8").replace("已然定型", "已经定型", 1), encoding="utf-8")
    proc = _check(project.path)
    assert proc.returncode == 1
    assert "FAILED: docs/ current" in proc.stderr and "run scripts/convert.py" in proc.stderr
    assert "FAILED: convert --strict" in proc.stderr and "translation is stale" in proc.stderr


def test_the_glossary_of_the_fixtures_is_consistent(seed_document):
    entries = load_translations(TRANSLATIONS)
    assert glossary_problems(seed_document, entries, GLOSSARY) == []
    wrong = {key: entry for key, entry in entries.items()}
    wrong["s1-p1"] = type(entries["s1-p1"])(**{**vars(entries["s1-p1"]), "text": "Nothing of the terms."})
    assert any(p.startswith("s1-p1: ") for p in glossary_problems(seed_document, wrong, GLOSSARY))


def test_the_review_log_must_state_the_true_counts(tmp_path):
    """REVIEW.md's figures are those of the translation files (issue 21), so they cannot drift."""
    folder = tmp_path / "en"
    shutil.copytree(TRANSLATIONS, folder)
    assert review_log_problems(folder) == []
    log = folder / "REVIEW.md"
    text = log.read_text(encoding="utf-8")
    entries = load_translations(folder)
    notes = sum(len(e.translator_notes) for e in entries.values())
    log.write_text(text.replace(f"{notes} translator's notes", f"{notes - 1} translator's notes", 1), encoding="utf-8")
    (problem,) = review_log_problems(folder)
    assert "translator's notes" in problem and f"the files have {notes}" in problem


def test_broken_links_finds_missing_pages_and_anchors(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text(
        '<p id="x"><a href="../b/">b</a> <a href="#x">x</a> <a href="#y">y</a> <a href="https://e.org/">e</a></p>',
        encoding="utf-8",
    )
    (tmp_path / "index.html").write_text('<a href="a/#x">a</a> <a href="c/">c</a>', encoding="utf-8")
    assert broken_links(tmp_path) == ["a/index.html: ../b/ (no such page)", "a/index.html: #y (no such anchor)",
                                      "index.html: c/ (no such page)"]


def test_project_copies_lay_the_fixture_sources():
    """By construction: the converter's, renderers' and publishing tests' inputs are tests/fixtures/source."""
    copied = fixture_root() / "source"
    for path in sorted(p for p in FIXTURES.folder.rglob("*") if p.is_file()):
        assert (copied / path.relative_to(FIXTURES.folder)).read_bytes() == path.read_bytes(), path


# --- the proof: an editor's correction in a copy of the project --------------------------------

COPIED = ("scripts", "tests", "source", "docs", "overrides", "hooks", "mkdocs.yml", "jieba_userdict.txt")
NOTE_11 = "notes:\n  '1.1':\n    zh: 更正一处错字（大预言模型）。\n    en: Corrects a misprint.\n"
# A representative subset: the golden model dump and the translation's currentness (both failed on such a
# correction when they read source/), the converter's --check, the registry, and the copies' sources.
SUBSET = [
    "tests/test_seed_golden.py",
    "tests/test_translation.py",
    "tests/test_editions_registry.py",
    "tests/test_convert_cli.py::test_fresh_docs_are_not_stale",
    "tests/test_convert_cli.py::test_convert_writes_pages_and_json",
    "tests/test_publishing_check.py::test_project_copies_lay_the_fixture_sources",
]


@pytest.fixture(scope="module")
def corrected(tmp_path_factory) -> Path:
    """A copy of the project after an editor's correction (大预言模型 -> 大语言模型), note for 1.1, convert."""
    root = tmp_path_factory.mktemp("corrected") / "project"
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", "artifacts")
    for name in COPIED:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, root / name, ignore=ignore)
        else:
            shutil.copy2(ROOT / name, root / name)
    source = root / "source" / FIXTURES.name
    text = source.read_text(encoding="utf-8")
    old, new = ("大预言模型", "大语言模型") if "大预言模型" in text else ("已然定型", "已经定型")
    source.write_text(text.replace(old, new, 1), encoding="utf-8")
    editions = root / "source" / "editions.yml"
    editions.write_text(editions.read_text(encoding="utf-8").replace("notes: {}\n", NOTE_11), encoding="utf-8")
    env = dict(os.environ, **GIT_ENV, PYTHONPATH=str(root / "scripts"))  # the copy's package, not this one
    subprocess.run([sys.executable, "scripts/convert.py"], cwd=root, env=env, check=True, capture_output=True)
    for args in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "A correction"]):
        subprocess.run(["git", *args], cwd=root, env=env, check=True, capture_output=True, timeout=120)
    return root


def test_a_correction_fails_none_of_the_tools_tests(corrected):
    env = dict(os.environ, PYTHONPATH=str(corrected / "scripts"), NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *SUBSET],
        cwd=corrected,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert " passed" in proc.stdout and "failed" not in proc.stdout


def test_after_a_correction_the_check_asks_for_the_translation_only(corrected):
    env = dict(os.environ, PYTHONPATH=str(corrected / "scripts"), NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "scripts/publish.py", "--check"], cwd=corrected, env=env, capture_output=True, text=True
    )
    assert proc.returncode == 1
    failed = [line for line in proc.stderr.splitlines() if "FAILED" in line]
    assert len(failed) == 1 and "convert --strict" in failed[0], proc.stderr
    assert "translation is stale" in proc.stderr and "ok: docs/ current" in proc.stderr
