"""Edition numbers: what one looks like, and their order (1.2 < 1.10)."""

from __future__ import annotations

import re

_VERSION = re.compile(r"^(0|[1-9]\d*)(\.(0|[1-9]\d*)){1,2}$")


class VersionError(ValueError):
    """A string that is not an edition number, or one that cannot be published now."""


def parse_version(text: str) -> tuple[int, ...]:
    """``"1.10"`` -> ``(1, 10)``: two or three dot-separated numbers without leading zeros.

    Trailing zero components are dropped, so that numbers compare as versions: ``1.1.0`` is ``1.1``
    (``(1, 1)``), and ``1.0`` is ``(1,)``.
    """
    if not _VERSION.match(text):
        raise VersionError(f"{text!r} is not an edition number (like 1.0, 1.1 or 2.0.1)")
    parts = [int(part) for part in text.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def same_version(a: str, b: str) -> bool:
    """Whether two edition numbers name the same edition (``1.1`` and ``1.1.0`` do)."""
    return is_version(a) and is_version(b) and parse_version(a) == parse_version(b)


def is_version(text: str) -> bool:
    return bool(_VERSION.match(text))


def sort_versions(versions: list[str]) -> list[str]:
    """Edition numbers, oldest first (strings that are not edition numbers are left out)."""
    return sorted((v for v in versions if is_version(v)), key=parse_version)


def previous_of(version: str, published: list[str]) -> str | None:
    """The newest published edition older than ``version``, if any."""
    older = [v for v in sort_versions(published) if parse_version(v) < parse_version(version)]
    return older[-1] if older else None
