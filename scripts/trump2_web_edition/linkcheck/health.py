"""The link-health record: each cited URL's latest verdict, its run of failures, and its verified archived copy.

A link-check report (``check_links.py --format json``, with or without ``--archives-only``) becomes
``link-health.json`` at the GitHub Pages root; every edition's References page reads it in the browser, and a new
edition's build bakes in what it held then. This module is the one that writes and reads that file.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from .results import ArchiveLookup, Capture, Verdict

HEALTH_FILE = "link-health.json"
DEAD_AFTER = 3  # failing runs in a row before a URL's archived copy is shown first


class HealthFileError(ValueError):
    """A report or link-health file that is not one, with the file and line to blame."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line


@dataclass(frozen=True)
class UrlHealth:
    """What the latest runs said of one URL: its verdict and when, its failed runs in a row, its archived copy."""

    verdict: Verdict | None = None  # None: its liveness has not been checked
    failures: int = 0
    checked_on: str = ""  # YYYY-MM-DD of the verdict
    archive: ArchiveLookup | None = None  # None: no archive has been asked

    @property
    def capture(self) -> Capture | None:
        """The archived copy an archive confirmed, if any (never a guessed address)."""
        return self.archive.capture if self.archive else None

    @property
    def dead(self) -> bool:
        return self.failures >= DEAD_AFTER

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"verdict": str(self.verdict) if self.verdict else None, "failures": self.failures}
        if self.archive is not None:
            data["archive"] = self.archive.to_dict()
        return data


@dataclass(frozen=True)
class LinkHealth:
    """The whole record: when liveness and archives were last checked, and each URL's health."""

    checked_at: str = ""  # ISO date and time of the liveness check ("" before any)
    results: Mapping[str, UrlHealth] = field(default_factory=dict)
    archives_checked_at: str = ""  # ISO date and time the archives were asked ("" if never)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "checked_at": self.checked_at,
            "results": {url: health.to_dict() for url, health in sorted(self.results.items())},
        }
        if self.archives_checked_at:
            data["archives_checked_at"] = self.archives_checked_at
        return data

    def to_json(self) -> bytes:
        return (json.dumps(self.to_dict(), ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")


def _verdict(value: object) -> Verdict | None:
    return None if value is None else Verdict(str(value))


def _archive(value: object) -> ArchiveLookup | None:
    if value is None:
        return None
    if not isinstance(value, dict):
        raise TypeError(f"archive is not an object: {value!r}")
    return ArchiveLookup.from_dict(value)


def health_from_report(text: str, path: str) -> LinkHealth:
    """A link-check report -> the record (refuses, with FILE:LINE, what is not such a report)."""
    what = "not a link-check report"
    try:
        data = json.loads(text)
        summary = data["summary"]
        checked_at = str(summary.get("checked_at") or "")
        archives_at = str(summary.get("archives_checked_at") or "")
        day = checked_at[:10]
        results: dict[str, UrlHealth] = {}
        for result in data["results"]:
            verdict = _verdict(result["verdict"]) if checked_at else None
            failures = int(result.get("failures") or 0) if verdict else 0
            archive = _archive(result.get("archive")) if archives_at else None
            results[str(result["url"])] = UrlHealth(verdict, failures, day if verdict else "", archive)
    except json.JSONDecodeError as error:
        raise HealthFileError(path, error.lineno, f"{what}: {error.msg}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise HealthFileError(path, 1, f"{what}: missing or bad field {error}") from None
    if not results or not (checked_at or archives_at):
        raise HealthFileError(path, 1, f"{what}: no results, or neither checked_at nor archives_checked_at")
    return LinkHealth(checked_at, results, archives_at)


def parse_health(text: str, path: str) -> LinkHealth:
    """The root file -> the record (what a build bakes into its References pages)."""
    what = "not a link-health file"
    try:
        data = json.loads(text)
        checked_at = str(data["checked_at"] or "")
        archives_at = str(data.get("archives_checked_at") or "")
        results = {
            str(url): UrlHealth(
                _verdict(result.get("verdict")),
                int(result.get("failures") or 0),
                checked_at[:10] if result.get("verdict") is not None else "",
                _archive(result.get("archive")),
            )
            for url, result in data["results"].items()
        }
    except json.JSONDecodeError as error:
        raise HealthFileError(path, error.lineno, f"{what}: {error.msg}") from None
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise HealthFileError(path, 1, f"{what}: missing or bad field {error}") from None
    return LinkHealth(checked_at, results, archives_at)


def merge(older: LinkHealth | None, newer: LinkHealth) -> LinkHealth:
    """The newer record, each URL keeping from the older what the newer run did not ask.

    A run of the archives alone keeps the last verdicts; a run of liveness alone keeps the last verified captures.
    The URLs are the newer run's (a URL no longer cited leaves the record).
    """
    if older is None:
        return newer
    results = {}
    for url, health in newer.results.items():
        before = older.results.get(url)
        if before is not None:
            if health.verdict is None:
                health = replace(health, verdict=before.verdict, failures=before.failures, checked_on=before.checked_on)
            if health.archive is None:
                health = replace(health, archive=before.archive)
        results[url] = health
    return LinkHealth(
        newer.checked_at or older.checked_at, results, newer.archives_checked_at or older.archives_checked_at
    )
