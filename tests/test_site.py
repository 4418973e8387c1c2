"""Site configuration tests: build a small bilingual sample with the project's
mkdocs.yml (theme, hooks, plugins) and check the built HTML.

The sample pages are written here (not by the converter) in the layout the
converter produces, so these tests cover mkdocs.yml, overrides/ and the hooks
only.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "overrides" / "hooks"))

from footnotes import renumber_footnotes  # noqa: E402

SAMPLE = {
    "index.md": """# 特朗普 2.0 时期美台高科技产业合作趋势研究

**摘要：** 半导体产业链重组成为美台合作的核心议题。[^1]
{ #abstract }

[^1]: 作者简介。
""",
    "index.en.md": """# US-Taiwan High-Tech Industrial Cooperation under Trump 2.0

**Abstract:** Semiconductor supply-chain restructuring is the core issue.[^1]
{ #abstract }

[^1]: About the author.
""",
    "s1.md": """# 一、特朗普 2.0 时期美国对台高科技政策 { #s1 }

## （一）关税与出口管制 { #s1-1 }

美国政府以关税手段推动台积电赴美投资。[^2]
{ #s1-p1 }

[^2]: 台积电宣布追加投资。
""",
    "s1.en.md": """# I. US High-Tech Policy toward Taiwan under Trump 2.0 { #s1 }

!!! note "Translation pending"
    The English translation is pending. Read the [Chinese original](../../s1/).

Tariffs push TSMC to invest in the US.[^2]
{ #s1-p1 }

[^2]: TSMC announced more investment.
""",
    "s2.md": """# 二、美台高科技产业合作的新趋势 { #s2 }

## （一）半导体供应链重组 { #s2-1 }

人工智能芯片需求持续增长。[^4]再看另一方面。[^3]又及。[^4]
{ #s2-p1 }

晶圆代工产能向美国转移。[^5]
{ #s2-p2 }

[^3]: 注三：供应链安全。
[^4]: 注四：人工智能芯片。
[^5]: 注五：晶圆代工。
""",
    "s2.en.md": """# II. New Trends in US-Taiwan High-Tech Cooperation { #s2 }

!!! note "Translation pending"
    The English translation is pending. Read the [Chinese original](../../s2/).

Semiconductor supply chains are being de-risked.[^3]
{ #s2-p1 }

[^3]: Note three.
""",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("site")
    docs = tmp / "docs"
    docs.mkdir()
    for name, text in SAMPLE.items():
        (docs / name).write_text(text, encoding="utf-8")

    cfg = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    cfg.pop("nav", None)  # the sample has its own, smaller set of pages
    cfg["docs_dir"] = str(docs)
    cfg["site_dir"] = str(tmp / "site")
    cfg["theme"]["custom_dir"] = str(ROOT / cfg["theme"]["custom_dir"])
    cfg["hooks"] = [str(ROOT / h) for h in cfg["hooks"]]
    for plugin in cfg["plugins"]:
        if isinstance(plugin, dict) and "search" in plugin:
            plugin["search"]["jieba_dict_user"] = str(
                ROOT / plugin["search"]["jieba_dict_user"]
            )
    (tmp / "mkdocs.yml").write_text(
        yaml.safe_dump(cfg, allow_unicode=True), encoding="utf-8"
    )

    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(tmp / "mkdocs.yml"),
        ],
        cwd=tmp,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    log = proc.stdout + proc.stderr
    assert proc.returncode == 0, log
    assert "WARNING" not in log, log
    return tmp / "site"


def read(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_languages_at_root_and_en(site):
    for rel in ["index.html", "s1/index.html", "s2/index.html"]:
        assert '<html lang="zh"' in read(site, rel)
    for rel in ["en/index.html", "en/s1/index.html", "en/s2/index.html"]:
        assert '<html lang="en"' in read(site, rel)


def switcher(html: str) -> dict[str, str]:
    links = re.findall(
        r'<a href="([^"]*)" hreflang="([^"]*)" class="md-select__link"', html
    )
    return {lang: href for href, lang in links}


def test_language_switcher_stays_on_same_page(site):
    assert switcher(read(site, "s2/index.html")) == {"zh": "./", "en": "../en/s2/"}
    assert switcher(read(site, "en/s2/index.html")) == {"zh": "../../s2/", "en": "./"}


def test_language_switcher_home_links_are_relative(site):
    assert switcher(read(site, "index.html")) == {"zh": ".", "en": "en/"}
    assert switcher(read(site, "en/index.html")) == {"zh": "..", "en": "./"}


def config_base(html: str) -> str:
    m = re.search(
        r'<script id="__config" type="application/json">(.*?)</script>', html, re.DOTALL
    )
    assert m, "Material's __config block not found"
    return json.loads(m.group(1))["base"]


def test_search_base_per_language(site):
    # Material's base is the site (mike version) root on every page: its version
    # selector reads the version from it. English pages send Material's request for
    # <base>/search/search_index.json to <base>/en/search/search_index.json instead.
    assert config_base(read(site, "s2/index.html")) == ".."
    assert config_base(read(site, "en/s2/index.html")) == "../.."
    assert config_base(read(site, "en/index.html")) == ".."
    assert '"en/search/search_index.json"' in read(site, "en/s2/index.html")
    assert "XMLHttpRequest.prototype.open" not in read(site, "s2/index.html")


def test_search_index_per_language(site):
    zh = json.loads(read(site, "search/search_index.json"))
    en = json.loads(read(site, "en/search/search_index.json"))
    zh_locs = {d["location"] for d in zh["docs"]}
    en_locs = {d["location"] for d in en["docs"]}
    assert {"", "s1/", "s2/"} <= zh_locs
    assert {"en/", "en/s1/", "en/s2/"} <= en_locs  # relative to the (version) root
    assert not any(loc.startswith("en/") for loc in zh_locs)
    assert all(loc.startswith("en/") for loc in en_locs)
    zh_text = " ".join(d["title"] + d["text"] for d in zh["docs"])
    en_text = " ".join(d["title"] + d["text"] for d in en["docs"])
    assert "TSMC" not in zh_text and "台积电" not in en_text
    # jieba segmentation: words separated by U+200B, user dictionary applied
    assert "\u200b台积电\u200b" in zh_text
    assert "\u200b人工智能\u200b" in zh_text
    assert "trimmer" not in zh["config"]["pipeline"]
    assert zh["config"]["lang"] == ["en"]  # lunr's "zh" needs Node-only jieba


def test_no_third_party_requests(site):
    pattern = re.compile(
        # (not rel=canonical nor the hreflang alternates: they name published addresses,
        # nothing fetches them)
        r"<(?:link(?![^>]*rel=\"(?:canonical| alternate)\")|script|img|iframe|source)\b"
        r"[^>]*\b(?:href|src)=\"((?:https?:)?//[^\"]*)\""
    )
    for html_file in site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert pattern.findall(html) == [], html_file
        assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_footnotes_show_global_numbers(site):
    html = read(site, "s2/index.html")
    refs = re.findall(r'<a class="footnote-ref" href="#fn:(\d+)">(\d+)</a>', html)
    assert refs == [("4", "4"), ("3", "3"), ("4", "4"), ("5", "5")]
    assert '<ol start="3">' in html
    assert 'title="Jump back to footnote 4 in the text"' in html
    assert '<ol start="2">' in read(site, "s1/index.html")


def test_paragraph_ids(site):
    html = read(site, "s2/index.html")
    assert (
        '<p id="s2-p1">' in html and '<h1 id="s2">' in html and '<h2 id="s2-1">' in html
    )


def test_renumber_out_of_order_definitions():
    html = (
        '<p><sup id="fnref:9"><a class="footnote-ref" href="#fn:9">2</a></sup>'
        '<sup id="fnref:8"><a class="footnote-ref" href="#fn:8">1</a></sup></p>\n'
        '<div class="footnote">\n<hr />\n<ol>\n'
        '<li id="fn:8">\n<p>a&#160;<a class="footnote-backref" href="#fnref:8" '
        'title="Jump back to footnote 1 in the text">&#8617;</a></p>\n</li>\n'
        '<li id="fn:10">\n<p>b&#160;<a class="footnote-backref" href="#fnref2:10" '
        'title="Jump back to footnote 2 in the text">&#8617;</a></p>\n</li>\n'
        "</ol>\n</div>"
    )
    out = renumber_footnotes(html)
    assert '<a class="footnote-ref" href="#fn:9">9</a>' in out
    assert '<a class="footnote-ref" href="#fn:8">8</a>' in out
    assert '<ol start="8">' in out
    # 8, 10 are not consecutive: each item carries its own number
    assert '<li id="fn:8" value="8">' in out and '<li id="fn:10" value="10">' in out
    assert 'title="Jump back to footnote 10 in the text"' in out


def test_renumber_leaves_non_numeric_labels():
    html = '<a class="footnote-ref" href="#fn:note">1</a>'
    assert renumber_footnotes(html) == html
