"""Write the GitHub Pages root 404.html into the gh-pages branch (after `mike deploy`).

Usage: python scripts/publish_404.py [-F mkdocs.yml] [-b gh-pages] [--push] [-r origin]
Reads site_url (SITE_URL in the environment overrides it) and the languages from mkdocs.yml.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="publish_404.py", description=__doc__.splitlines()[0])
    parser.add_argument("-F", "--config-file", default="mkdocs.yml")
    parser.add_argument("-b", "--branch", default="gh-pages")
    parser.add_argument("--push", action="store_true", help="push the branch afterwards")
    parser.add_argument("-r", "--remote", default="origin")
    args = parser.parse_args(argv)

    from edition.editions.root_files import publish_root_404, root_404_html
    from mike import git_utils
    from mkdocs.config import load_config

    try:
        config = load_config(args.config_file)
        locales = [
            lang.locale
            for lang in config.plugins["i18n"].config.languages
            if lang.build and not lang.default
        ]
        if not config.site_url:
            raise ValueError(f"{args.config_file}: site_url is not set")
        publish_root_404(root_404_html(config.site_url, locales), branch=args.branch)
        if args.push:
            git_utils.push_branch(args.remote, args.branch)
    except Exception as error:  # one line for the editor, not a traceback
        print(f"publish_404.py: error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
