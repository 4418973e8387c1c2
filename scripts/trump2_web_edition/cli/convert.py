"""Command line: convert the extracted article into the site's Markdown pages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..edition.convert import (
    DEFAULT_OUT,
    DEFAULT_SOURCE,
    DEFAULT_TRANSLATIONS,
    LayoutUnsettled,
    TranslationIncomplete,
    convert,
    convert_to,
    layout_label,
    strict_problem,
)
from ..edition.errors import SourceError
from ..edition.output import stale_files, write_json

PROG = "convert.py"


def _warn(warnings: tuple[str, ...]) -> None:
    for warning in warnings:
        print(f"{PROG}: warning: {warning}", file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__)
    parser.add_argument(
        "source", nargs="?", type=Path, default=DEFAULT_SOURCE, help="extracted text (default: %(default)s)"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: docs/)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the output folder is stale")
    parser.add_argument("--dump-json", type=Path, metavar="FILE", help="also write the document model as JSON")
    parser.add_argument(
        "--metadata", type=Path, metavar="FILE", help="article metadata (default: the project's source/metadata.yml)"
    )
    parser.add_argument(
        "--translations", type=Path, metavar="DIR", help="English translations (default: source/translations/en)"
    )
    parser.add_argument(
        "--layout",
        type=Path,
        metavar="FILE",
        help="the editor's readings of paragraph boundaries the layout leaves open (default: source/layout.yml)",
    )
    parser.add_argument(
        "--translation-status",
        action="store_true",
        help="write nothing; print the translation's coverage, its review and the stale or missing ids",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="fail (exit 1, nothing written) unless every paragraph boundary is settled and every translation current",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    where = str(args.translations or DEFAULT_TRANSLATIONS)
    layout = layout_label(args.layout)
    try:
        if args.translation_status:
            status = convert(args.source, args.metadata, args.translations, layout=args.layout).translation
            print(status.report())
            return 1 if args.strict and not status.complete else 0
        if args.check:
            conversion = convert(args.source, args.metadata, args.translations, layout=args.layout)
            stale = stale_files(conversion.files, args.out)
            if args.dump_json:
                write_json(conversion.to_dict(), args.dump_json)
            _warn(conversion.parsed.warnings(layout))
            if stale:
                print(f"{PROG}: {args.out} is stale: {', '.join(stale)} (run scripts/convert.py)", file=sys.stderr)
                return 1
            problem = strict_problem(conversion, args.layout) if args.strict else None
            if isinstance(problem, TranslationIncomplete):
                _warn(conversion.translation.build_warnings(where))
            if problem is not None:
                print(f"{PROG}: error: {problem} (--strict)", file=sys.stderr)
                return 1
            return 0
        conversion = convert_to(
            args.source, args.out, args.dump_json, args.translations, args.strict, args.metadata, args.layout
        )
    except LayoutUnsettled as error:
        _warn(error.warnings)
        print(f"{PROG}: error: {error} (--strict); nothing written", file=sys.stderr)
        return 1
    except TranslationIncomplete as error:
        _warn(error.status.build_warnings(where))
        print(f"{PROG}: error: {error} (--strict); nothing written", file=sys.stderr)
        return 1
    except SourceError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{PROG}: error: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return 2
    _warn(conversion.parsed.warnings(layout))
    _warn(conversion.translation.build_warnings(where))
    document = conversion.document
    print(
        f"{len(conversion.files)} files, {len(document.sections)} sections, "
        f"{len(document.notes)} notes -> {args.out}",
        file=sys.stderr,
    )
    return 0
