#!/usr/bin/env python3
"""Check the URLs cited in the notes (or a plain URL list) and report link rot (see ``edition.cli.check_links``)."""

from edition.cli.check_links import main_and_exit

if __name__ == "__main__":
    main_and_exit()
