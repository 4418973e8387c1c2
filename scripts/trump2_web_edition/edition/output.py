"""Writing generated pages: all or nothing, and telling whether docs/ is stale."""

from __future__ import annotations

import json
import os
import secrets
import shutil
import tempfile
from pathlib import Path

from .render.markdown import GENERATED_PREFIX, OutputFile


def _is_generated(path: Path) -> bool:
    """Whether a Markdown file carries the converter's mark, first thing after its front matter."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        text = text[end + 5 :] if end >= 0 else ""
    return text.lstrip("\n").startswith(GENERATED_PREFIX)


def _generated_files(out: Path) -> set[str]:
    """Markdown files in ``out`` that the converter wrote (their head carries its mark)."""
    if not out.is_dir():
        return set()
    return {path.name for path in out.glob("*.md") if _is_generated(path)}


def stale_files(pages: tuple[OutputFile, ...], out: Path) -> list[str]:
    """Names of files in ``out`` that differ from, lack, or outlive the rendered pages."""
    wanted = {page.path: page.text for page in pages}
    stale = []
    for name, text in sorted(wanted.items()):
        path = out / name
        if not path.is_file() or path.read_text(encoding="utf-8", errors="replace") != text:
            stale.append(name)
    stale.extend(sorted(_generated_files(out) - set(wanted)))
    return stale


def _make_staging(out: Path) -> Path:
    """A new empty folder beside ``out``, with the umask's permissions (mkdtemp's 0700 would stick to a new out)."""
    while True:
        staging = out.parent / f".{out.name}-new-{secrets.token_hex(6)}"
        try:
            staging.mkdir()
        except FileExistsError:
            continue
        return staging


def write_pages(pages: tuple[OutputFile, ...], out: Path) -> None:
    """Replace the generated pages in ``out`` in one step.

    The new folder is staged beside the old one (hand-written files copied over), then
    swapped in by renaming, so an error at any point leaves ``out`` as it was.
    """
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = _make_staging(out)
    try:
        if out.is_dir():
            shutil.rmtree(staging)
            shutil.copytree(out, staging, symlinks=True)
            for name in _generated_files(staging):
                (staging / name).unlink()
        for page in pages:
            target = staging / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page.text, encoding="utf-8", newline="\n")
        if out.is_dir():
            backup = Path(tempfile.mkdtemp(prefix=f".{out.name}-old-", dir=out.parent))
            backup.rmdir()
            os.rename(out, backup)
            os.rename(staging, out)
            shutil.rmtree(backup)
        else:
            os.rename(staging, out)
    finally:
        if staging.exists():
            shutil.rmtree(staging)


def write_json(data: object, path: Path) -> None:
    """Write JSON atomically (temporary file, then rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}-{secrets.token_hex(6)}"
    try:
        # Mode "x" creates the file with the umask's permissions (mkstemp's 0600 would stay).
        with temporary.open("x", encoding="utf-8", newline="\n") as stream:
            json.dump(data, stream, ensure_ascii=False, indent=2)
            stream.write("\n")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def update_pages(pages: tuple[OutputFile, ...], out: Path) -> list[str]:
    """Bring ``out`` up to date in place, file by file: the names written or removed.

    For the live preview, where ``out`` is watched and must stay the same folder; a conversion for
    keeps goes through ``write_pages``.
    """
    changed = []
    for page in pages:
        target = out / page.path
        if target.is_file() and target.read_text(encoding="utf-8", errors="replace") == page.text:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page.text, encoding="utf-8", newline="\n")
        changed.append(page.path)
    for name in sorted(_generated_files(out) - {page.path for page in pages}):
        (out / name).unlink()
        changed.append(name)
    return changed
