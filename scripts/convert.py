#!/usr/bin/env python3
"""Command line: convert the extracted article into the site's Markdown pages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edition.convert import (  # noqa: E402
    DEFAULT_OUT,
    DEFAULT_SOURCE,
    TranslationIncomplete,
    check,
    convert,
    convert_to,
)
from edition.errors import SourceError  # noqa: E402
from edition.output import write_json  # noqa: E402


def _warn(warnings: tuple[str, ...]) -> None:
    for warning in warnings:
        print(f"convert.py: warning: {warning}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="convert.py", description=__doc__)
    parser.add_argument(
        "source", nargs="?", type=Path, default=DEFAULT_SOURCE, help="extracted text (default: %(default)s)"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: docs/)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the output folder is stale")
    parser.add_argument("--dump-json", type=Path, metavar="FILE", help="also write the document model as JSON")
    parser.add_argument(
        "--translations", type=Path, metavar="DIR", help="English translations (default: translations/en beside SOURCE)"
    )
    parser.add_argument(
        "--translation-status",
        action="store_true",
        help="write nothing; print the translation's coverage and the stale or missing ids",
    )
    parser.add_argument(
        "--strict", action="store_true", help="fail (exit 1, nothing written) unless every translation is current"
    )
    args = parser.parse_args(argv)
    try:
        if args.translation_status:
            status = convert(args.source, translations=args.translations).translation
            print(status.report())
            return 1 if args.strict and not status.complete else 0
        if args.check:
            stale = check(args.source, args.out, args.translations)
            conversion = convert(args.source, translations=args.translations)
            if args.dump_json:
                write_json(conversion.to_dict(), args.dump_json)
            if stale:
                print(f"convert.py: {args.out} is stale: {', '.join(stale)} (run scripts/convert.py)", file=sys.stderr)
                return 1
            if args.strict and not conversion.translation.complete:
                _warn(conversion.warnings)
                print("convert.py: error: the English translation is incomplete (--strict)", file=sys.stderr)
                return 1
            return 0
        conversion = convert_to(args.source, args.out, args.dump_json, args.translations, args.strict)
    except TranslationIncomplete as error:
        _warn(error.status.warnings())
        print(f"convert.py: error: {error} (--strict); nothing written", file=sys.stderr)
        return 1
    except SourceError as error:
        print(f"convert.py: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"convert.py: error: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return 2
    _warn(conversion.warnings)
    document = conversion.document
    print(
        f"{len(conversion.pages)} pages, {len(document.sections)} sections, "
        f"{len(document.notes)} notes -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
