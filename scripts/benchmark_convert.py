#!/usr/bin/env python3
"""Benchmark the conversion and the site build; prints figures, asserts nothing.

Run from anywhere:  .venv/bin/python scripts/benchmark_convert.py [--quick]

1. the seed article converted in-process (parse_file + render_site);
2. the same through the command line (scripts/convert.py --out TMP), in a subprocess;
3. a corpus of 100 copies of the seed re-typeset at other layouts (scripts/edition/retypeset.py),
   parsed and rendered 10, 25, 50 and 100 at a time, to show that the time grows linearly;
4. the full build (convert.py + mkdocs build with the project's mkdocs.yml: Material, i18n, hooks,
   search with jieba) against plain mkdocs builds of the same generated Chinese pages.

Times are time.perf_counter() wall-clock seconds: median and min over the repeats. Everything is
written to a temporary folder; the repository is not touched.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPTS = ROOT / "scripts"

import yaml  # noqa: E402  (PyYAML comes with MkDocs)

# mkdocs.yml's site_url is `!ENV [SITE_URL, default]`; plain PyYAML is told to keep the default.
yaml.add_constructor("!ENV", lambda loader, node: loader.construct_sequence(node)[-1], Loader=yaml.SafeLoader)
from trump2_web_edition.edition.convert import DEFAULT_SOURCE  # noqa: E402
from trump2_web_edition.edition.parse import parse_bytes, parse_file  # noqa: E402
from trump2_web_edition.edition.render.site import render_site  # noqa: E402
from trump2_web_edition.edition.retypeset import PageSetup, retypeset  # noqa: E402

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
PROJECT_FILES = ("mkdocs.yml", "overrides", "hooks", "jieba_userdict.txt")


def timed(function: Callable[[], object], repeat: int, warmup: int = 1) -> list[float]:
    for _ in range(warmup):
        function()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def fmt(seconds: float) -> str:
    return f"{seconds * 1000:9.1f} ms" if seconds < 10 else f"{seconds:9.2f} s "


def row(label: str, times: list[float], note: str = "") -> None:
    print(f"  {label:<46} {fmt(statistics.median(times))} {fmt(min(times))}  n={len(times):<3} {note}")


def header(title: str) -> None:
    print()
    print(title)
    print(f"  {'':<46} {'median':>12} {'min':>12}")


def run(command: list[str], cwd: Path) -> None:
    proc = subprocess.run(command, cwd=cwd, env=ENV, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(command)}\n{proc.stdout}{proc.stderr}")


# --- 1 and 2 ---------------------------------------------------------------------------------


def bench_seed(repeat: int, cli_repeat: int, tmp: Path) -> None:
    header(f"1-2. Seed article ({DEFAULT_SOURCE.name}, {DEFAULT_SOURCE.stat().st_size} bytes)")
    times = timed(lambda: render_site(parse_file(DEFAULT_SOURCE)), repeat)
    row("in-process parse_file + render_site", times, "(target < 100 ms)")
    out = tmp / "cli-docs"
    command = [sys.executable, str(SCRIPTS / "convert.py"), "--out", str(out)]
    times = timed(lambda: run(command, ROOT), cli_repeat)
    row("CLI: python scripts/convert.py --out TMP", times, "(subprocess, incl. interpreter start)")
    startup = timed(lambda: run([sys.executable, "-c", "pass"], ROOT), cli_repeat)
    row("  for scale: python -c pass", startup)


# --- 3 ----------------------------------------------------------------------------------------


def corpus_layouts(count: int) -> list[PageSetup]:
    """``count`` distinct layouts spread over width 24..90 and 12..70 lines per page."""
    layouts = []
    for i in range(count):
        width = 24 + (i * 37) % 67  # 24..90
        lines = 12 + (i * 23) % 59  # 12..70
        layouts.append(PageSetup(width=width, lines_per_page=lines, note_width=round(width * 1.15, 1), seed=i))
    return layouts


def bench_corpus(repeat: int, tmp: Path) -> None:
    seed = parse_file(DEFAULT_SOURCE)
    folder = tmp / "corpus"
    folder.mkdir()
    files: list[Path] = []
    failures: list[str] = []
    for i, layout in enumerate(corpus_layouts(100)):
        text = retypeset(seed, layout)
        path = folder / f"{i:03d}_w{layout.width:g}_p{layout.lines_per_page}_s{layout.seed}.txt"
        path.write_text(text, encoding="utf-8")
        try:
            parse_bytes(text.encode("utf-8"), path.name)
        except Exception as error:  # report, keep going: the corpus is for timing
            failures.append(f"{path.name}: {type(error).__name__}: {error}")
            continue
        files.append(path)
    sizes = [p.stat().st_size for p in files]
    header(
        f"3. Corpus: {len(files)} re-typeset copies of the seed in {folder.name}/ "
        f"({min(sizes)}..{max(sizes)} bytes each), parse_file + render_site"
    )
    for failure in failures:
        print(f"  NOT PARSED (left out): {failure}")
    baseline = None
    for count in (10, 25, 50, 100):
        subset = files[:count]
        if len(subset) < count:
            break

        def work(subset=subset) -> None:
            for path in subset:
                render_site(parse_file(path))

        times = timed(work, repeat)
        median = statistics.median(times)
        per_article = median / count
        if baseline is None:
            baseline = (count, median)
        ratio = median / baseline[1]
        expected = count / baseline[0]
        row(
            f"{count:3d} articles",
            times,
            f"{per_article * 1000:6.2f} ms/article  x{ratio:5.2f} time for x{expected:4.1f} articles",
        )


# --- 4 ----------------------------------------------------------------------------------------


PLAIN_CONFIGS = {
    # The headline baseline: a plain MkDocs + Material build of the same pages (zh and en
    # files as pages of one site), with Material's default plugin (search, which segments
    # Chinese with jieba when it is installed) and the same Markdown extensions, but no i18n
    # plugin, no hooks, no overrides and no convert step.
    "plain-material-search": "theme:\n  name: material\nmarkdown_extensions: {extensions}\n",
    "plain-material": "theme:\n  name: material\nplugins: []\n",
    "plain-mkdocs": "theme:\n  name: mkdocs\nplugins: []\n",
}


def bench_build(repeat: int, tmp: Path) -> None:
    project = tmp / "project"
    project.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / name)
    convert = [sys.executable, str(SCRIPTS / "convert.py"), "--out", str(project / "docs")]
    mkdocs = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(project / "mkdocs.yml")]
    run(convert, project)
    zh_pages = sorted(p for p in (project / "docs").glob("*.md") if not p.name.endswith(".en.md"))
    en_pages = sorted((project / "docs").glob("*.en.md"))

    def full() -> None:
        run(convert, project)
        run([*mkdocs, "-d", str(project / "site")], project)

    results: dict[str, list[float]] = {}
    results["full"] = timed(full, repeat)
    results["mkdocs-only"] = timed(lambda: run([*mkdocs, "-d", str(project / "site")], project), repeat)

    # Diagnostic: the project config without the search plugin (no jieba segmentation, no index).
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["plugins"] = [p for p in config["plugins"] if not (p == "search" or isinstance(p, dict) and "search" in p)]
    no_search = project / "mkdocs-no-search.yml"
    no_search.write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    command = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-f", str(no_search)]
    results["no-search"] = timed(lambda: run([*command, "-d", str(project / "site-no-search")], project), repeat)

    for name, extra in PLAIN_CONFIGS.items():
        plain = tmp / name
        (plain / "docs").mkdir(parents=True)
        for page in zh_pages + (en_pages if name == "plain-material-search" else []):
            shutil.copy2(page, plain / "docs" / page.name)
        config = plain / "mkdocs.yml"
        extensions = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))["markdown_extensions"]
        extra = extra.replace("{extensions}", json.dumps(extensions))
        config.write_text(f"site_name: plain\ndocs_dir: docs\n{extra}", encoding="utf-8")
        command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(plain / "site")]
        results[name] = timed(lambda command=command, plain=plain: run(command, plain), repeat)

    header(
        f"4. Site build ({len(zh_pages)} zh + {len(en_pages)} en pages), subprocesses, "
        f"one warm-up run each (not counted)"
    )
    row("full: convert.py + mkdocs build (project config)", results["full"])
    row("  of which mkdocs build alone (project config)", results["mkdocs-only"])
    row("  mkdocs build, project config minus search", results["no-search"])
    everything = len(zh_pages) + len(en_pages)
    row(f"plain: Material defaults + search, all {everything} pages", results["plain-material-search"])
    row("plain: theme material, plugins: [] (zh pages)", results["plain-material"])
    row("plain: theme mkdocs (default), plugins: []", results["plain-mkdocs"])
    full = statistics.median(results["full"])
    print()
    print("  project config = Material + i18n (zh + en) + hooks + search (jieba).")
    print("  plain-material-search (the target's baseline) = the same zh + en pages as one plain site: Material,")
    print("  its default search plugin (jieba), the same markdown_extensions; no i18n, hooks, overrides, convert.")
    print("  plain-material / plain-mkdocs (diagnostic) = the 6 Chinese pages only, no extensions, no search.")
    for name in PLAIN_CONFIGS:
        ratio = full / statistics.median(results[name])
        verdict = "within" if ratio <= 1.3 else "ABOVE"
        print(f"  ratio full / {name:<15} = {ratio:5.2f}x  ({verdict} the 1.3x target)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats (a smoke run)")
    args = parser.parse_args()
    repeat, cli_repeat, corpus_repeat, build_repeat = (3, 2, 1, 1) if args.quick else (30, 7, 5, 3)
    print(f"Python {sys.version.split()[0]} on {sys.platform}; {os.cpu_count()} CPUs; perf_counter seconds")
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="benchmark-convert-") as name:
        tmp = Path(name)
        bench_seed(repeat, cli_repeat, tmp)
        bench_corpus(corpus_repeat, tmp)
        bench_build(build_repeat, tmp)
    print()
    print(f"total benchmark time {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
