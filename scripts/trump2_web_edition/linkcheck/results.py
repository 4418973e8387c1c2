"""What a check says about one URL: its verdict, the redirects on the way, the requests it took."""

from __future__ import annotations

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
