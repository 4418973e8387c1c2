#!/usr/bin/env python3
"""Convert the extracted article into the site's Markdown pages (see ``trump2_web_edition.cli.convert``)."""

import sys

from trump2_web_edition.cli.convert import main

if __name__ == "__main__":
    sys.exit(main())
