"""edition.editions.versions: what an edition number is, and their order."""

from __future__ import annotations

import pytest
from trump2_web_edition.publishing.versions import VersionError, is_version, parse_version, previous_of, sort_versions


@pytest.mark.parametrize("text", ["1.0", "1.1", "1.10", "2.0.1", "0.9"])
def test_edition_numbers(text):
    assert is_version(text) and parse_version(text)


@pytest.mark.parametrize("text", ["1", "v1.0", "1.01", "1.0-beta", "latest", "1..0", "", "1.0.0.0"])
def test_not_edition_numbers(text):
    assert not is_version(text)
    with pytest.raises(VersionError, match="not an edition number"):
        parse_version(text)


def test_numbers_order_as_numbers_not_text():
    assert sort_versions(["1.10", "1.2", "latest", "1.9"]) == ["1.2", "1.9", "1.10"]
    assert previous_of("1.10", ["1.2", "1.9", "1.11"]) == "1.9"
    assert previous_of("1.0", ["1.0", "1.1"]) is None


def test_trailing_zero_components_compare_as_versions():
    from trump2_web_edition.publishing.versions import same_version

    assert parse_version("1.1.0") == parse_version("1.1") == (1, 1)
    assert parse_version("1.0") == parse_version("1.0.0") == (1,) < parse_version("1.0.1")
    assert same_version("1.1", "1.1.0") and same_version("1.1.0", "1.1") and not same_version("1.1", "1.10")
    assert sort_versions(["1.1", "1.0.1", "1.0"]) == ["1.0", "1.0.1", "1.1"]


@pytest.mark.parametrize(("published", "wanted"), [("1.1", "1.1.0"), ("1.1.0", "1.1")])
def test_an_edition_published_under_another_spelling_is_refused(published, wanted):
    from trump2_web_edition.publishing.publish import PublishedEdition, PublishError, _check_version

    editions = [PublishedEdition("1.0", "a" * 40), PublishedEdition(published, "b" * 40)]
    with pytest.raises(PublishError, match=f"already published as {published}"):
        _check_version(wanted, "b" * 40, editions)  # even from the same commit: mike would add a second folder
