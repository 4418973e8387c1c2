#!/usr/bin/env python3
"""Publish an edition to GitHub Pages, or the cited links' health (see ``trump2_web_edition.cli.publish``)."""

import sys

from trump2_web_edition.cli.publish import main

if __name__ == "__main__":
    sys.exit(main())
