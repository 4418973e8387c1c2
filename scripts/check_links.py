#!/usr/bin/env python3
"""Check the URLs cited in the notes (or a plain URL list) for link rot (``trump2_web_edition.cli.check_links``)."""

if __name__ == "__main__":
    import gc

    gc.disable()  # importing makes no garbage (~3 ms of collections): main() lets the collector back in
    from trump2_web_edition.cli.check_links import main_and_exit

    main_and_exit()
