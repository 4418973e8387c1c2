"""What a check says about one URL: its verdict, the redirects on the way, the requests it took; its archived copy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Verdict(StrEnum):
    OK = "ok"
    REDIRECTED = "redirected"
    BROKEN = "broken"
    SOFT_404 = "soft-404"
    UNVERIFIABLE = "unverifiable"
    TIMEOUT = "timeout"


FAILING = frozenset({Verdict.BROKEN, Verdict.SOFT_404, Verdict.TIMEOUT})
# The page is there (possibly moved): a soft-404 probe may still show it to be the host's "not found" page.
ALIVE = frozenset({Verdict.OK, Verdict.REDIRECTED})


@dataclass(frozen=True)
class Hop:
    """One redirect: from where, with which status, to where."""

    url: str
    status: int
    location: str

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "status": self.status, "location": self.location}


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one URL and how it was reached."""

    url: str
    verdict: Verdict
    status: int | None = None
    final_url: str | None = None
    redirects: tuple[Hop, ...] = ()
    attempts: int = 0
    requests: int = 0
    elapsed: float = 0.0
    error: str | None = None
    from_cache: bool = False

    @property
    def failing(self) -> bool:
        return self.verdict in FAILING

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "verdict": str(self.verdict),
            "status": self.status,
            "final_url": self.final_url,
            "redirects": [hop.to_dict() for hop in self.redirects],
            "attempts": self.attempts,
            "requests": self.requests,
            "elapsed": round(self.elapsed, 3),
            "error": self.error,
            "from_cache": self.from_cache,
        }


class ArchiveStatus(StrEnum):
    """What the archives said of a URL: a capture they confirmed, none, or nothing that could be trusted."""

    FOUND = "found"
    NONE = "none"
    UNVERIFIED = "unverified"  # a failed or malformed answer: no capture is claimed


@dataclass(frozen=True)
class Capture:
    """An archived copy an archive confirmed: its address, when it was captured (UTC), and which archive holds it."""

    url: str
    datetime: dt.datetime
    archive: str

    @property
    def date(self) -> dt.date:
        return self.datetime.date()

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "datetime": self.datetime.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "archive": self.archive,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Capture:
        """A capture as ``to_dict`` wrote it (KeyError, TypeError or ValueError for anything else)."""
        when = dt.datetime.strptime(str(data["datetime"]), "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=dt.UTC)
        url, archive = data["url"], data["archive"]
        if not isinstance(url, str) or not url.startswith(("http://", "https://")) or not isinstance(archive, str):
            raise ValueError(f"not a capture: {data!r}")
        return cls(url, when, archive)


@dataclass(frozen=True)
class ArchiveLookup:
    """The archives asked about one URL: what they said, when they were asked, and why nothing could be trusted."""

    status: ArchiveStatus
    asked_at: dt.datetime
    capture: Capture | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "status": str(self.status),
            "asked_at": self.asked_at.isoformat(timespec="seconds"),
            "capture": self.capture.to_dict() if self.capture else None,
            "error": self.error,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArchiveLookup:
        """A lookup as ``to_dict`` wrote it; a "found" without a capture is refused (ValueError)."""
        status = ArchiveStatus(data["status"])
        capture = Capture.from_dict(data["capture"]) if data.get("capture") else None
        if (status == ArchiveStatus.FOUND) != (capture is not None):
            raise ValueError(f"archive status {status} does not fit its capture")
        asked = dt.datetime.fromisoformat(str(data["asked_at"]))
        return cls(status, asked, capture, data.get("error"))
