"""publishing.build_config: an edition's mkdocs.yml carries its settings for the Markdown extension."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml
from conftest import ROOT
from trump2_web_edition.edition.release import Edition
from trump2_web_edition.publishing.build_config import ConfigError, edition_config, set_extension_options

EDITION = Edition(
    "1.1", dt.date(2026, 12, 1), "https://o.github.io/r/", "https://github.com/o/r", "1.0", frozenset({"s1-p2"})
)


def test_the_extension_gets_the_editions_settings_and_the_nav_its_extra_page():
    text = edition_config((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), EDITION, ("changes.md",))
    config = yaml.load(text, Loader=yaml.Loader)
    name = "trump2_web_edition.markdown_ext"
    (options,) = [e[name] for e in config["markdown_extensions"] if isinstance(e, dict) and name in e]
    assert options == {
        "edition": "1.1",
        "site_url": "https://o.github.io/r/",
        "repository": "https://github.com/o/r",
        "revised": ["s1-p2"],
        "revised_en": [],
    }
    assert config["nav"][-1] == "changes.md"


def test_a_config_without_the_extension_is_refused():
    with pytest.raises(ConfigError, match="does not list"):
        set_extension_options("markdown_extensions:\n  - footnotes\n", {})
