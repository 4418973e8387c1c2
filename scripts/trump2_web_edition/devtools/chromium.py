"""Where the browser tests and the site benchmark find Chromium, and the flags it runs with here."""

from __future__ import annotations

import os
import shutil

# Debian's Chromium (.ci/run installs it); $CHROMIUM names another (GitHub's runners have Chrome).
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# No background traffic: this machine's network is closed, and pages must load with no third party.
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
