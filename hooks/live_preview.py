"""MkDocs hook: while ``mkdocs serve`` runs (scripts/serve.sh), a change under source/ re-converts and reloads.

``serve.sh`` watches source/ (``-w source``); before each build this re-renders docs/ from the
source, writing only the pages that changed. A conversion error (a bad edit) is printed in the
terminal and shown at the top of every page, and the server goes on with the last good pages;
the next good save recovers. Once an edition is published, the served site also has the next
edition's What-changed page (``changes/``, with the editor's note from source/editions.yml), made
in memory, never written to docs/. Builds that are not ``serve`` (publishing, tests) are left alone.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from trump2_web_edition.edition import ids
from trump2_web_edition.edition.errors import SourceError
from trump2_web_edition.edition.output import update_pages
from trump2_web_edition.edition.render.escape import escape_text
from trump2_web_edition.publishing.git import GitError
from trump2_web_edition.publishing.preview import preview_changes
from trump2_web_edition.publishing.publish import Project, PublishError

_state: dict[str, object] = {"serving": False, "error": "", "preview": None}


def on_startup(command, dirty):
    _state["serving"] = command == "serve"


def on_pre_build(config):
    if not _state["serving"]:
        return
    # The project is the one being served (mkdocs.yml's folder), wherever the package is installed from.
    project = Project(Path(config.config_file_path).resolve().parent)
    try:
        conversion = project.sources.convert()
        changed = update_pages(conversion.files, Path(config.docs_dir))
    except (SourceError, OSError, ValueError) as error:
        _state["error"] = f"convert.py: error: {error}"
        print(f"live preview: {_state['error']} (showing the last good pages)", file=sys.stderr)
        return
    _state["error"] = ""
    try:
        preview = preview_changes(project, conversion.loaded)
        if preview is not None and _state["preview"] is None:
            where = f"edition {preview.version}'s What changed since {preview.previous}"
            print(f"live preview: {where} is at changes/", file=sys.stderr)
        _state["preview"] = preview
    except (SourceError, OSError, PublishError, GitError) as error:  # the draft is served all the same
        _state["preview"] = None
        print(f"live preview: no What-changed preview: {error}", file=sys.stderr)
    for warning in conversion.warnings:
        print(f"live preview: convert.py: warning: {warning}", file=sys.stderr)
    if changed:
        print(f"live preview: re-converted {len(changed)} page(s) from source/", file=sys.stderr)


@event_priority(-110)  # after mkdocs-static-i18n's on_files (-100) has sorted the files of this language's build
def on_files(files, config):
    preview = _state["preview"] if _state["serving"] else None
    i18n = config.plugins.get("i18n")
    if preview is None or i18n is None:
        return files
    lang = i18n.current_language
    name = f"{ids.CHANGES}.md" if lang == ids.DEFAULT_LANGUAGE else f"{lang}/{ids.CHANGES}.md"
    page = next((p for p in preview.pages if p.path == ids.page_file(ids.CHANGES, lang)), None)
    if page is not None and files.get_file_from_path(name) is None:
        files.append(File.generated(config, name, content=page.text))  # in memory: docs/ stays the draft
    return files


def on_page_markdown(markdown, page, config, files):
    if not _state["error"]:
        return markdown
    notice = f'!!! failure "The source does not convert"\n\n    {escape_text(str(_state["error"]))}\n\n'
    return notice + markdown
