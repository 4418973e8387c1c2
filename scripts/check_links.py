#!/usr/bin/env python3
"""Command line: check the URLs cited in the notes (or a plain URL list) and report link rot."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from edition.links.cache import load_cache, save_cache  # noqa: E402
from edition.links.check import PLAIN_USER_AGENT, CheckConfig  # noqa: E402
from edition.links.extract import cited_urls, read_url_list  # noqa: E402
from edition.links.report import FORMATTERS, progress_bar, render  # noqa: E402
from edition.links.run import run_check  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="check_links.py", description=__doc__)
    parser.add_argument("--source", type=Path, help="extracted article (default: the converter's source)")
    parser.add_argument("--urls", type=Path, metavar="FILE", help="check a plain list instead (one URL per line)")
    parser.add_argument("--format", choices=list(FORMATTERS), default="table")
    parser.add_argument("--timeout", type=float, default=CheckConfig.timeout, metavar="S", help="per request")
    parser.add_argument("--retries", type=int, default=CheckConfig.retries)
    parser.add_argument("--concurrency", type=int, default=CheckConfig.concurrency)
    parser.add_argument("--per-host", type=int, default=CheckConfig.per_host)
    parser.add_argument("--host-spacing", type=float, default=CheckConfig.host_spacing, metavar="S")
    parser.add_argument("--backoff", type=float, default=CheckConfig.backoff_base, metavar="S", help="first backoff")
    parser.add_argument("--plain-user-agent", action="store_true", help="announce a checker, not a browser")
    parser.add_argument("--allow-private", action="store_true", help="allow private, loopback, link-local addresses")
    parser.add_argument("--cache", type=Path, metavar="FILE", help="JSON cache: skip URLs found ok within a day")
    parser.add_argument("--output", type=Path, metavar="FILE", help="write the report here instead of stdout")
    args = parser.parse_args(argv)
    config = CheckConfig(
        timeout=args.timeout,
        retries=args.retries,
        concurrency=args.concurrency,
        per_host=args.per_host,
        host_spacing=args.host_spacing,
        backoff_base=args.backoff,
        allow_private=args.allow_private,
    )
    if args.plain_user_agent:
        config = replace(config, user_agent=PLAIN_USER_AGENT)
    show_progress = args.format == "table" and args.output is None and sys.stdout.isatty()

    def progress(done: int, total: int) -> None:
        sys.stderr.write("\r" + progress_bar(done, total))
        sys.stderr.flush()

    try:
        if args.urls:
            cited = read_url_list(args.urls)
        else:
            # Imported only here: a plain URL list starts faster without the converter.
            from edition.convert import DEFAULT_SOURCE
            from edition.parse import parse_file

            cited = cited_urls(parse_file(args.source or DEFAULT_SOURCE))
        cache = load_cache(args.cache) if args.cache else None
        report, new_cache = run_check(cited, config, cache, progress=progress if show_progress else None)
        if show_progress:
            sys.stderr.write("\r\033[K")
        text = render(report, args.format)
        if args.output:
            args.output.write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        if args.cache and new_cache is not None:
            save_cache(new_cache, args.cache)
    except KeyboardInterrupt:
        print("check_links.py: interrupted", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - the checker itself failed: one line, no traceback
        detail = f"{error.filename}: {error.strerror}" if isinstance(error, OSError) and error.filename else error
        print(f"check_links.py: error: {detail}", file=sys.stderr)
        return 1
    return 2 if report.failing else 0


if __name__ == "__main__":
    sys.exit(main())
