"""devtools.published_site: an edition deployed with mike into a temporary repository, as the benchmark serves it."""

from __future__ import annotations

import json

import lxml.html
from trump2_web_edition.devtools.pages import SITE_URL
from trump2_web_edition.devtools.published_site import publish
from trump2_web_edition.devtools.site_build import TEST_EDITION


def test_publish_gives_the_gh_pages_tree_of_the_edition(tmp_path):
    pages = publish(tmp_path)
    versions = json.loads((pages / "versions.json").read_text(encoding="utf-8"))
    assert [(v["version"], v["aliases"]) for v in versions] == [(TEST_EDITION.version, ["latest"])]
    assert (pages / "latest").is_symlink() and (pages / "index.html").is_file()
    home = lxml.html.parse(str(pages / TEST_EDITION.version / "index.html")).getroot()
    # The pages are the edition's (publish.py renders them), not the draft in docs/.
    assert home.xpath("//meta[@name='citation_publication_date']/@content") == ["2026/11/01"]
    # TEST_EDITION names the OWNER/REPO placeholders, which publish.py refuses: the test addresses instead.
    assert home.xpath("//link[@rel='canonical']/@href") == [f"{SITE_URL}{TEST_EDITION.version}/"]
