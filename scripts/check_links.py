#!/usr/bin/env python3
"""Check the URLs cited in the notes (or a plain URL list) for link rot (``trump2_web_edition.cli.check_links``)."""

import sys

from trump2_web_edition.cli.check_links import main

if __name__ == "__main__":
    sys.exit(main())
