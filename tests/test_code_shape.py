"""The shape of the code (issue 14): two pipelines a newcomer can see, no import cycle, no module
over about 400 lines, the link checker importing nothing from the edition, no sys.path edits."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

SCRIPTS = ROOT / "scripts"
PACKAGE = "trump2_web_edition"  # the one top-level import package
MAX_LINES = 420  # "about 400"


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted((SCRIPTS / PACKAGE).rglob("*.py")):
        parts = list(path.relative_to(SCRIPTS).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _imports(name: str, path: Path, known: set[str]) -> set[str]:
    """The project modules a module imports at its top level or anywhere inside it."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")
                parent = parent[: len(parent) - node.level + 1]
                base = ".".join(parent + ([base] if base else []))
            targets = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


def test_no_library_module_is_over_about_400_lines():
    long = {name: n for name, path in _modules().items() if (n := len(path.read_text().splitlines())) > MAX_LINES}
    assert long == {}


def test_the_link_checker_imports_nothing_from_the_edition():
    modules = _modules()
    for name, path in modules.items():
        if name.startswith(f"{PACKAGE}.linkcheck"):
            outside = {m for m in _imports(name, path, set(modules)) if not m.startswith(f"{PACKAGE}.linkcheck")}
            assert not outside, name


def test_no_import_cycle():
    modules = _modules()
    graph = {name: _imports(name, path, set(modules)) - {name} for name, path in modules.items()}
    # A package's __init__ may re-export its own modules; what matters is modules importing each other.
    graph = {n: {m for m in deps if not (n.startswith(m + ".") or m.startswith(n + "."))} for n, deps in graph.items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                raise AssertionError(" -> ".join(trail[trail.index(nxt) :] + [nxt]) if nxt in trail else nxt)
            if nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_nothing_edits_sys_path():
    edits = ("sys.path." + "insert", "sys.path." + "append")  # (spelled so that this file is not one)
    offenders = [
        str(path.relative_to(ROOT))
        for folder in (SCRIPTS, ROOT / "tests", ROOT / "hooks")
        for path in folder.rglob("*.py")
        if any(edit in path.read_text(encoding="utf-8") for edit in edits)
    ]
    assert offenders == []


def test_clis_are_thin():
    """The command lines in scripts/ only call a library's main(); the libraries never print."""
    for name in ("convert.py", "publish.py", "check_links.py"):
        text = (SCRIPTS / name).read_text(encoding="utf-8")
        assert len(text.splitlines()) <= 12 and f"from {PACKAGE}.cli." in text, name
    for name, path in _modules().items():
        if not name.startswith(f"{PACKAGE}.cli") and not name.startswith(f"{PACKAGE}.devtools"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            prints = [n for n in ast.walk(tree) if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "print"]
            assert not prints, name


def test_publishing_sits_above_the_edition():
    """The edition (read -> parse -> plan -> render) imports nothing of publishing, the CLIs or the dev tools."""
    modules = _modules()
    above = (f"{PACKAGE}.publishing", f"{PACKAGE}.cli", f"{PACKAGE}.devtools", f"{PACKAGE}.markdown_ext")
    for name, path in modules.items():
        if name.startswith(f"{PACKAGE}.edition"):
            climbs = {m for m in _imports(name, path, set(modules)) if m.startswith(above)}
            assert not climbs, (name, climbs)


def test_the_dev_tools_serve_tests_and_benchmarks_only():
    modules = _modules()
    for name, path in modules.items():
        if not name.startswith(f"{PACKAGE}.devtools"):
            assert not {m for m in _imports(name, path, set(modules)) if m.startswith(f"{PACKAGE}.devtools")}, name
