"""Host facts: what a probe showed, believed for a number of days, written and read as JSON."""

from __future__ import annotations

import datetime as dt

from trump2_web_edition.linkcheck.facts import HeadWorth, HostFacts

NOW = dt.datetime(2025, 6, 1, 12, tzinfo=dt.UTC)


def test_facts_are_current_for_their_lifetime_only():
    facts = HostFacts(honest=True, probed_at=NOW)
    assert facts.current(NOW + dt.timedelta(days=27), days=28)
    assert not facts.current(NOW + dt.timedelta(days=28), days=28)
    assert not facts.current(NOW - dt.timedelta(days=1), days=28)  # from the future: not to be trusted


def test_facts_as_json():
    facts = HostFacts(honest=False, probed_at=NOW, head=HeadWorth.REFUSED)
    data = facts.to_dict()
    assert data == {"honest": False, "head": "refused", "probed_at": "2025-06-01T12:00:00+00:00"}
    assert HostFacts.from_dict(data) == facts
    assert HostFacts.from_dict({"honest": True, "probed_at": "2025-06-01T12:00:00+00:00"}).head is None
