"""MkDocs hook: while ``mkdocs serve`` runs (scripts/serve.sh), a change under source/ re-converts and reloads.

``serve.sh`` watches source/ (``-w source``); before each build this re-renders docs/ from the
source, writing only the pages that changed. A conversion error (a bad edit) is printed in the
terminal and shown at the top of every page, and the server goes on with the last good pages;
the next good save recovers. Builds that are not ``serve`` (publishing, tests) are left alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

from trump2_web_edition.edition.convert import convert
from trump2_web_edition.edition.errors import SourceError
from trump2_web_edition.edition.output import update_pages
from trump2_web_edition.edition.render.escape import escape_text
from trump2_web_edition.publishing.publish import Project

_state: dict[str, object] = {"serving": False, "error": ""}


def on_startup(command, dirty):
    _state["serving"] = command == "serve"


def on_pre_build(config):
    if not _state["serving"]:
        return
    # The project is the one being served (mkdocs.yml's folder), wherever the package is installed from.
    project = Project(Path(config.config_file_path).resolve().parent)
    try:
        conversion = convert(project.source, project.metadata, project.translations, layout=project.layout)
        changed = update_pages(conversion.files, Path(config.docs_dir))
    except (SourceError, OSError, ValueError) as error:
        _state["error"] = f"convert.py: error: {error}"
        print(f"live preview: {_state['error']} (showing the last good pages)", file=sys.stderr)
        return
    _state["error"] = ""
    for warning in conversion.warnings:
        print(f"live preview: convert.py: warning: {warning}", file=sys.stderr)
    if changed:
        print(f"live preview: re-converted {len(changed)} page(s) from source/", file=sys.stderr)


def on_page_markdown(markdown, page, config, files):
    if not _state["error"]:
        return markdown
    notice = f'!!! failure "The source does not convert"\n\n    {escape_text(str(_state["error"]))}\n\n'
    return notice + markdown
