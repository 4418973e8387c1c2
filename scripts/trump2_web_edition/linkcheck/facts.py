"""What a host's probe showed, remembered between runs so that a weekly run need not probe every host again."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class HeadWorth(StrEnum):
    """What a HEAD request is worth on a host."""

    REFUSED = "refused"  # answered 405 or 501: ask with GET
    HTML = "html"  # the host answers in HTML, whose title is read with GET anyway: a HEAD first is wasted
    USEFUL = "useful"  # answered usefully (not HTML, not refused): HEAD stays the first request


@dataclass(frozen=True)
class HostFacts:
    """A host's answer to a made-up page (honest "not found" or not) and what a HEAD is worth there, and when."""

    honest: bool  # the made-up page was answered 404 or 410: the host's 200s can be believed
    probed_at: dt.datetime
    head: HeadWorth | None = None

    def current(self, now: dt.datetime, days: float) -> bool:
        """Whether the facts are recent enough to stand in for a probe."""
        return dt.timedelta(0) <= now - self.probed_at < dt.timedelta(days=days)

    def to_dict(self) -> dict[str, Any]:
        return {
            "honest": self.honest,
            "head": str(self.head) if self.head else None,
            "probed_at": self.probed_at.isoformat(timespec="seconds"),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> HostFacts:
        head = data.get("head")
        probed_at = dt.datetime.fromisoformat(data["probed_at"])
        return cls(bool(data["honest"]), probed_at, HeadWorth(head) if head else None)
