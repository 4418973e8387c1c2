"""The checker's limits: one frozen config whose defaults are polite to public sites."""

from __future__ import annotations

import dataclasses

import pytest
from trump2_web_edition.linkcheck.config import BROWSER_USER_AGENT, CheckConfig


def test_the_defaults_are_polite():
    config = CheckConfig()
    assert (config.concurrency, config.per_host, config.host_spacing) == (16, 2, 0.5)
    assert not config.allow_private and config.verify_tls and config.user_agent == BROWSER_USER_AGENT


def test_a_config_cannot_be_changed_in_place():
    with pytest.raises(dataclasses.FrozenInstanceError):
        CheckConfig().retries = 0  # type: ignore[misc]
