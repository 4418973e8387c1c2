"""The edition being built: its number, release date and address, known only when it is published."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Edition:
    """What a build knows about the edition it makes.

    A conversion for ``docs/`` is the unpublished draft: no version, no date. ``publish.py``
    gives the version it deploys, the commit's date and the address the site is published at,
    so every place that shows the edition reads these three facts from one place.
    """

    version: str = ""  # "1.1"; empty for the unpublished draft
    released: dt.date | None = None  # the release commit's date (SOURCE_DATE_EPOCH)
    site_url: str = ""  # the site's root, without the version: https://OWNER.github.io/REPO/
    repository: str = ""  # where readers report errors: https://github.com/OWNER/REPO
    previous: str = ""  # the published edition this one follows ("" for the first, and the draft)
    revised: frozenset[str] = frozenset()  # ids of passages whose Chinese differs from the previous edition
    revised_en: frozenset[str] = frozenset()  # ids of passages whose English differs

    @property
    def published(self) -> bool:
        return bool(self.version)

    @property
    def base_url(self) -> str:
        """The absolute URL of this edition's root (``…/REPO/1.1/``), or '' when not known."""
        if not self.site_url or not self.version:
            return ""
        return self.site_url.rstrip("/") + f"/{self.version}/"

    def url_of(self, site_relative: str) -> str:
        """The absolute URL of a page of this edition, or '' when not known."""
        return self.base_url + site_relative if self.base_url else ""
