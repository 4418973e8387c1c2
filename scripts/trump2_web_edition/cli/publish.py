"""Command line: publish an edition to GitHub Pages (or the cited links' health), as the deploy workflow does."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..publishing import git
from ..publishing.check import check_project
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
    parser.add_argument(
        "--check",
        action="store_true",
        help="instead: check the live content in seconds (converts --strict, docs/ current, glossary, the site"
        " builds --strict, no broken link between pages); exit 1 on a problem",
    )
    parser.add_argument(
        "--push", action="store_true", help="push the tag vX.Y (the edition's commit), then the Pages branch"
    )
    parser.add_argument("--remote", default="origin", help="the remote to push to (default: %(default)s)")
    parser.add_argument("--branch", default="gh-pages", help="the Pages branch (default: %(default)s)")
    parser.add_argument("--site-url", help="the published address (default: $SITE_URL, else source/editions.yml)")
    parser.add_argument("--repository", help="where readers report errors (default: $REPOSITORY, else editions.yml)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if sum(map(bool, (args.version, args.link_health, args.check))) != 1:
        parser.print_usage(sys.stderr)
        print(f"{PROG}: error: give one of VERSION, --link-health REPORT or --check", file=sys.stderr)
        return 2
    try:
        root = Path(git.git(Path.cwd(), "rev-parse", "--show-toplevel").decode().strip())
        project = Project(root)
        if args.check:
            return _check(project)
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
    for note in done.notes:
        print(f"{PROG}: note: {note}", file=sys.stderr)
    since = f", {done.changes} passage(s) changed since {done.previous}" if done.previous else ""
    again = " (redeployed from the same commit)" if done.redeploy else ""
    message = f"edition {done.version} of {done.released} published on {args.branch}{since}{again}"
    print(f"{PROG}: {message}", file=sys.stderr)
    return 0


def _check(project: Project) -> int:
    """``--check``: one line per step (ok, or its problems), then the verdict; exit 1 on any problem."""
    report = check_project(project)
    for step in report.steps:
        print(f"{PROG}: {'ok' if not step.problems else 'FAILED'}: {step.name} ({step.seconds:.1f} s)", file=sys.stderr)
        for problem in step.problems:
            print(f"{PROG}:   {problem}", file=sys.stderr)
    total = sum(step.seconds for step in report.steps)
    verdict = "the content is ready to publish" if report.ok else "fix the above before publishing"
    print(f"{PROG}: {verdict} ({total:.1f} s)", file=sys.stderr)
    return 0 if report.ok else 1
