#!/usr/bin/env python3
"""Command line: convert the extracted article into the site's Markdown pages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edition.convert import DEFAULT_OUT, DEFAULT_SOURCE, check, convert, convert_to  # noqa: E402
from edition.errors import SourceError  # noqa: E402
from edition.output import write_json  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="convert.py", description=__doc__)
    parser.add_argument(
        "source", nargs="?", type=Path, default=DEFAULT_SOURCE, help="extracted text (default: %(default)s)"
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output folder (default: docs/)")
    parser.add_argument("--check", action="store_true", help="write nothing; exit 1 if the output folder is stale")
    parser.add_argument("--dump-json", type=Path, metavar="FILE", help="also write the document model as JSON")
    args = parser.parse_args(argv)
    try:
        if args.check:
            stale = check(args.source, args.out)
            if args.dump_json:
                write_json(convert(args.source).to_dict(), args.dump_json)
            if stale:
                print(f"convert.py: {args.out} is stale: {', '.join(stale)} (run scripts/convert.py)", file=sys.stderr)
                return 1
            return 0
        conversion = convert_to(args.source, args.out, args.dump_json)
    except SourceError as error:
        print(f"convert.py: error: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"convert.py: error: {error.filename or ''}: {error.strerror or error}", file=sys.stderr)
        return 2
    document = conversion.document
    print(
        f"{len(conversion.pages)} pages, {len(document.sections)} sections, "
        f"{len(document.notes)} notes -> {args.out}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
