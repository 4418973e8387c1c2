"""edition_downloads (publishing/downloads.py): the three files an edition adds at its root."""

from __future__ import annotations

from lxml import etree


def test_the_three_files(offprints):
    files = offprints.files
    assert sorted(files) == ["article-en.pdf", "article-zh.pdf", "article.xml"]
    assert files["article-zh.pdf"].startswith(b"%PDF-") and files["article-en.pdf"].startswith(b"%PDF-")
    root = etree.fromstring(files["article.xml"])
    uris = [u.get("{http://www.w3.org/1999/xlink}href") for u in root.iter("self-uri")]
    assert "https://owner.github.io/repo/1.0/article-zh.pdf" in uris
    assert offprints.seconds < 60  # both PDFs and the XML (the benchmark reports the figures)
