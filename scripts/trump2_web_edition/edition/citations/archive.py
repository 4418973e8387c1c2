"""Against link rot, offline: the Wayback Machine address of a URL as it stood on a date."""

from __future__ import annotations

import datetime as dt

WAYBACK = "https://web.archive.org/web/"


def archive_url(url: str, date: dt.date | None) -> str:
    """The Wayback Machine address of the snapshot nearest the date (the latest one without a date)."""
    if date is None:
        return f"{WAYBACK}{url}"
    return f"{WAYBACK}{date:%Y%m%d}/{url}"
