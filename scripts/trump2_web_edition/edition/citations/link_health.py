"""Link health published beside the editions: each cited URL's latest verdict, for every edition's pages.

The weekly check's report (``check_links.py --format json``) becomes ``link-health.json`` at the
GitHub Pages root; every edition's References page reads it in the browser, and a new edition's
build bakes in what it held then (shown without JavaScript, labelled with its date).
"""

from __future__ import annotations

import json
from typing import Any

from ..errors import SourceError
from .last_check import LastCheck, parse_last_checks

HEALTH_FILE = "link-health.json"
DEAD_AFTER = 3  # failing runs in a row before a URL's archived copy is shown first


def health_from_report(text: str, path: str) -> dict[str, Any]:
    """A link-check report -> the root file's data (refuses, with FILE:LINE, what is not such a report)."""
    checks = parse_last_checks(text, path)
    checked_at = json.loads(text)["summary"].get("checked_at") or ""
    if not checks or not checked_at:
        raise SourceError(path, 1, "not a link-check report: no results or no checked_at")
    return {
        "checked_at": checked_at,
        "results": {url: {"verdict": c.verdict, "failures": c.failures} for url, c in sorted(checks.items())},
    }


def health_json(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def parse_link_health(text: str, path: str) -> dict[str, LastCheck]:
    """The root file -> each URL's last verdict (what a build bakes into its References pages)."""
    try:
        data = json.loads(text)
        day = str(data["checked_at"])[:10]
        if not day:  # published before any check ran
            return {}
        return {
            url: LastCheck(str(result["verdict"]), day, int(result.get("failures") or 0))
            for url, result in data["results"].items()
        }
    except json.JSONDecodeError as error:
        raise SourceError(path, error.lineno, f"not a link-health file: {error.msg}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SourceError(path, 1, f"not a link-health file: missing or bad field {error}") from None
