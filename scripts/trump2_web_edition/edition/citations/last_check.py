"""A committed link-check report -> each cited URL's last verdict, for the References pages."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import SourceError


@dataclass(frozen=True)
class LastCheck:
    """What the last committed check said of one URL, and when."""

    verdict: str
    checked_on: str  # YYYY-MM-DD
    failures: int = 0


def parse_last_checks(text: str, path: str) -> dict[str, LastCheck]:
    """Read a ``check_links.py --format json`` report: URL -> its last verdict."""
    try:
        data = json.loads(text)
        checked_on = (data["summary"].get("checked_at") or "")[:10]
        return {
            r["url"]: LastCheck(str(r["verdict"]), checked_on, int(r.get("failures") or 0)) for r in data["results"]
        }
    except json.JSONDecodeError as error:
        raise SourceError(path, error.lineno, f"not a link-check report: {error.msg}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise SourceError(path, 1, f"not a link-check report: missing or bad field {error}") from None


def load_last_checks(path: Path) -> dict[str, LastCheck]:
    """The committed report's verdicts; no report means no URL has been checked yet."""
    if not path.is_file():
        return {}
    return parse_last_checks(path.read_text(encoding="utf-8"), str(path))
