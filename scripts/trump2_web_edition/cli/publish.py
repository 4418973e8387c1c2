"""Command line: publish an edition to GitHub Pages (or the cited links' health), as the deploy workflow does."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..publishing import git
from ..publishing.publish import Project, PublishError, publish_edition, publish_link_health

PROG = "publish.py"


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=__doc__,
        epilog="Run it in the checkout to publish (a clean working tree whose docs/ is current).",
    )
    parser.add_argument("version", nargs="?", help="the edition to publish, e.g. 1.1 (becomes latest)")
    parser.add_argument(
        "--link-health",
        type=Path,
        action="append",
        metavar="REPORT",
        help="instead: publish a check_links.py --format json report (repeat it: merged in order, one commit)",
    )
    parser.add_argument("--push", action="store_true", help="push the Pages branch afterwards")
    parser.add_argument("--remote", default="origin", help="the remote to push to (default: %(default)s)")
    parser.add_argument("--branch", default="gh-pages", help="the Pages branch (default: %(default)s)")
    parser.add_argument("--site-url", help="the published address (default: $SITE_URL, else source/editions.yml)")
    parser.add_argument("--repository", help="where readers report errors (default: $REPOSITORY, else editions.yml)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if bool(args.version) == bool(args.link_health):
        parser.print_usage(sys.stderr)
        print(f"{PROG}: error: give either VERSION or --link-health REPORT", file=sys.stderr)
        return 2
    try:
        root = Path(git.git(Path.cwd(), "rev-parse", "--show-toplevel").decode().strip())
        project = Project(root)
        if args.link_health:
            where = {"branch": args.branch, "remote": args.remote, "push": args.push}
            changed = publish_link_health(project, args.link_health, **where)
            print(f"{PROG}: link health {'published' if changed else 'unchanged'} on {args.branch}", file=sys.stderr)
            return 0
        done = publish_edition(
            project,
            args.version,
            site_url=args.site_url,
            repository=args.repository,
            branch=args.branch,
            remote=args.remote,
            push=args.push,
        )
    except (PublishError, git.GitError) as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    since = f", {done.changes} passage(s) changed since {done.previous}" if done.previous else ""
    again = " (redeployed from the same commit)" if done.redeploy else ""
    message = f"edition {done.version} of {done.released} published on {args.branch}{since}{again}"
    print(f"{PROG}: {message}", file=sys.stderr)
    return 0
