"""Command line: check the URLs cited in the notes (or a plain URL list) and report link rot."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path
from typing import NoReturn

from ..edition.citations.targets import article_targets, listed_targets
from ..linkcheck.archives import AVAILABILITY_API, TIMETRAVEL_API, ArchiveConfig
from ..linkcheck.config import PLAIN_USER_AGENT, CheckConfig
from ..linkcheck.report import FORMATS, progress_bar
from ..linkcheck.run import run


class Parser(argparse.ArgumentParser):
    """argparse, but a bad argument exits 1 (the checker failed) on one line: 2 means "some URL is failing"."""

    def error(self, message: str) -> NoReturn:
        self.exit(1, f"{self.prog}: error: {message}\n")


def at_least(minimum: float, kind: type[int] | type[float]):
    def parse(text: str) -> int | float:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}: {text!r}")
        return value

    parse.__name__ = kind.__name__  # argparse names the type in its messages
    return parse


# (option, CheckConfig field, type, metavar, help): every limit of the checker, with CheckConfig's defaults.
LIMITS = [
    ("--timeout", "timeout", at_least(0.001, float), "S", "seconds allowed for one request"),
    ("--retries", "retries", at_least(0, int), "N", "retries after a timeout, connection error, 5xx, 408 or 429"),
    ("--backoff", "backoff_base", at_least(0, float), "S", "first backoff, doubled on each retry (with jitter)"),
    ("--backoff-max", "backoff_max", at_least(0, float), "S", "longest backoff"),
    ("--retry-after-max", "retry_after_max", at_least(0, float), "S", "longest wait a Retry-After may ask for"),
    ("--concurrency", "concurrency", at_least(1, int), "N", "requests in flight overall"),
    ("--per-host", "per_host", at_least(1, int), "N", "requests in flight to one host"),
    ("--host-spacing", "host_spacing", at_least(0, float), "S", "seconds between the starts of requests to one host"),
    ("--max-redirects", "max_redirects", at_least(0, int), "N", "redirects followed before giving up"),
    ("--max-body", "max_body", at_least(1, int), "BYTES", "most of a body ever read"),
    (
        "--home-redirects",
        "home_redirect_threshold",
        at_least(2, int),
        "N",
        "distinct URLs redirected to one site root that make it a soft-404",
    ),
    ("--host-facts-days", "host_facts_days", at_least(0, float), "DAYS", "days a host's probe is believed (--cache)"),
]


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="check_links.py", description=__doc__)
    parser.add_argument("--source", type=Path, help="extracted article (default: the converter's source)")
    parser.add_argument("--urls", type=Path, metavar="FILE", help="check a plain list instead (one URL per line)")
    parser.add_argument("--format", choices=list(FORMATS), default="table")
    for option, name, kind, metavar, text in LIMITS:
        default = getattr(CheckConfig, name)
        parser.add_argument(option, dest=name, type=kind, default=default, metavar=metavar, help=f"{text} ({default})")
    parser.add_argument("--no-soft-404-probe", action="store_true", help="do not ask for a made-up page per folder")
    parser.add_argument("--plain-user-agent", action="store_true", help="announce a checker, not a browser")
    parser.add_argument("--allow-private", action="store_true", help="allow private, loopback, link-local addresses")
    parser.add_argument(
        "--cache", type=Path, metavar="FILE", help="JSON cache: skip URLs found ok within a day; hosts' probes"
    )
    parser.add_argument("--output", type=Path, metavar="FILE", help="write the report here instead of stdout")
    archives = parser.add_argument_group("archived copies (verified, never guessed)")
    archives.add_argument(
        "--archives-only",
        action="store_true",
        help="ask the archives for each URL's capture closest to its note's date; fetch no original",
    )
    archives.add_argument(
        "--availability-api",
        default=AVAILABILITY_API,
        metavar="URL",
        help=f"the Wayback availability API asked ({AVAILABILITY_API})",
    )
    archives.add_argument(
        "--timetravel-api",
        metavar="URL",
        help=f"also ask the Memento TimeTravel JSON API when the first has none (off; e.g. {TIMETRAVEL_API})",
    )
    args = parser.parse_args(argv)
    config = CheckConfig(
        **{name: getattr(args, name) for _, name, *_ in LIMITS},
        soft_404_probe=not args.no_soft_404_probe,
        allow_private=args.allow_private,
    )
    if args.plain_user_agent:
        config = replace(config, user_agent=PLAIN_USER_AGENT)
    show_progress = args.format == "table" and args.output is None and sys.stdout.isatty()

    def progress(done: int, total: int) -> None:
        sys.stderr.write("\r" + progress_bar(done, total))
        sys.stderr.flush()

    try:
        # The edition says which URLs are cited and where; linkcheck checks them.
        if args.urls:
            targets = listed_targets(args.urls)
        else:
            from ..edition.convert import DEFAULT_SOURCE  # the converter's source, read only for the article's URLs

            targets = article_targets(args.source or DEFAULT_SOURCE)
        asked = ArchiveConfig(args.availability_api, args.timetravel_api) if args.archives_only else None
        shown = progress if show_progress else None
        outcome = run(targets, config, args.format, args.cache, args.output, shown, archives_only=asked)
        if show_progress:
            sys.stderr.write("\r\033[K")
        if not args.output:
            sys.stdout.write(outcome.text)
    except KeyboardInterrupt:
        print("check_links.py: interrupted", file=sys.stderr)
        return 1
    except Exception as error:  # noqa: BLE001 - the checker itself failed: one line, no traceback
        detail = f"{error.filename}: {error.strerror}" if isinstance(error, OSError) and error.filename else error
        print(f"check_links.py: error: {detail}", file=sys.stderr)
        return 1
    return 2 if outcome.report.failing else 0

