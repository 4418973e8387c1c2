"""Publishing editions and link health (scripts/publish.py, edition.editions.publish) in a temporary
copy of the project: real git, real mike. A published edition never changes; the record around it
does: the edition number and date come from the build, What changed comes from git, link health
lives at the Pages root. Also: reproducible builds, and every GitHub workflow file is valid."""

from __future__ import annotations

import json
import re
import subprocess
import textwrap
from pathlib import Path
from urllib.parse import unquote

import lxml.html
import pytest
from conftest import CORRECTIONS, EDITOR_NOTE, ROOT
from trump2_web_edition.devtools.pages import BIN, link_report, make_project

SOURCE = "source/000_075e35d79351af94.txt"


def _under(blobs: dict[str, str], folder: str) -> dict[str, str]:
    return {path: blob for path, blob in blobs.items() if path.startswith(folder + "/")}


def _changed(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {path for path in before.keys() | after.keys() if before.get(path) != after.get(path)}


def _page(editions, path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(editions.project.git("show", f"gh-pages:{path}"))


def _pages(editions, version: str) -> list[str]:
    """The article's pages in an edition (not its 404 pages, which no Markdown page makes)."""
    blobs = editions.blobs["health B"]
    return sorted(p for p in blobs if p.startswith(f"{version}/") and p.endswith("index.html"))


# --- one edition number, from the build ----------------------------------------------------------


def test_every_page_of_an_edition_says_which_edition_and_its_date(editions):
    for version, date in (("1.0", "2026-11-02"), ("1.1", "2026-12-01")):
        pages = _pages(editions, version)
        assert len(pages) >= 14, version
        for path in pages:
            page = _page(editions, path)
            stamp = " ".join(page.xpath("//*[@class='edition-stamp']")[0].text_content().split())
            assert version in stamp and date in stamp, (path, stamp)
            for report in page.xpath("//a[@class='edition-report']"):
                assert report.get("data-edition") == version, path
                assert f"版本：{version}" in unquote(report.get("href")) or f"Edition: {version}" in unquote(
                    report.get("href")
                ), path


def test_versions_json_records_each_editions_commit_date_and_changes(editions):
    versions = {v["version"]: v for v in json.loads(editions.project.git("show", "gh-pages:versions.json"))}
    assert versions["1.1"]["aliases"] == ["latest"] and versions["1.0"]["aliases"] == []
    assert versions["1.0"]["properties"]["released"] == "2026-11-02"
    assert versions["1.1"]["properties"]["released"] == "2026-12-01"
    assert versions["1.1"]["properties"]["changes"] == 3
    log = editions.project.git("log", "--format=%H", "main")
    assert versions["1.1"]["properties"]["commit"] == log.splitlines()[0]
    assert versions["1.0"]["properties"]["commit"] == log.splitlines()[1]


# --- a published edition never changes ---------------------------------------------------------


def test_earlier_editions_stay_byte_identical(editions):
    blobs = editions.blobs
    assert len(_under(blobs["1.0"], "1.0")) > 50
    for step in ("health A", "1.1", "health B"):
        assert _under(blobs[step], "1.0") == _under(blobs["1.0"], "1.0"), step
    assert _under(blobs["health B"], "1.1") == _under(blobs["1.1"], "1.1")


def test_link_health_goes_to_the_root_in_a_commit_of_its_own(editions):
    blobs = editions.blobs
    assert _changed(blobs["1.0"], blobs["health A"]) == {"link-health.json"}
    assert _changed(blobs["1.1"], blobs["health B"]) == {"link-health.json"}
    subjects = editions.project.git("log", "--format=%s", "gh-pages").splitlines()
    assert subjects[0] == "Link health of 2026-12-07"
    health = json.loads(editions.project.git("show", "gh-pages:link-health.json"))
    assert health["checked_at"].startswith("2026-12-07") and len(health["results"]) == 31


def test_a_new_edition_touches_only_itself_and_the_pointers(editions):
    changed = _changed(editions.blobs["health A"], editions.blobs["1.1"])
    assert {p for p in changed if not p.startswith("1.1/")} == {"latest", "versions.json"}


def test_the_new_edition_bakes_in_the_link_health_it_knew(editions):
    page = _page(editions, "1.1/references/index.html")
    statuses = page.xpath("//span[@class='link-status']")
    assert statuses and all(s.get("data-verdict") in ("ok", "unchecked") for s in statuses)
    assert "2026-11-20" in statuses[0].text_content()
    # 1.0 was built before any check: it says so (the browser shows the newest verdict).
    assert _page(editions, "1.0/references/index.html").xpath("//span[@data-verdict='unchecked']")


# --- what changed -------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_what_changed_lists_exactly_the_corrected_passages(editions, lang):
    prefix = "" if lang == "zh" else "en/"
    page = _page(editions, f"1.1/{prefix}changes/index.html")
    entries = [h.get("id") for h in page.xpath("//h2[starts-with(@id, 'change-')]")]
    assert entries == [f"change-{key}" for key in CORRECTIONS]
    diffs = page.xpath("//p[contains(@class, 'edition-diff')]")
    assert page.xpath("//p[contains(@class, 'edition-diff')]//del")
    assert page.xpath("//p[contains(@class, 'edition-diff')]//ins")
    assert "然" in " ".join(d.text_content() for d in diffs[0].xpath(".//del"))
    # Each entry links to the passage in this edition and in the previous one, and both exist.
    tree = set(editions.blobs["1.1"])
    for heading in page.xpath("//h2[starts-with(@id, 'change-')]"):
        pid = heading.get("id").removeprefix("change-")
        links = heading.getnext().xpath(".//a/@href")
        assert len(links) == 2, (lang, pid, links)
        for href, version in zip(links, ("1.1", "1.0"), strict=True):
            target = _resolve(f"1.1/{prefix}changes/", href)
            assert target.startswith(f"{version}/"), (href, target)
            assert f"{target.split('#')[0]}index.html" in tree
            anchor = pid.replace("note-", "fn:")
            assert f'id="{anchor}"' in editions.project.git("show", f"gh-pages:{target.split('#')[0]}index.html")
    if lang == "en":  # the Chinese changed; the English of s1-p1 is stale and says so
        assert "has not caught up" in page.text_content()
    # The editor's note for 1.1 (source/editions.yml) stands on top.
    (note,) = page.xpath("//div[contains(@class, 'admonition')]")
    assert EDITOR_NOTE[lang] in note.text_content()


def _resolve(base: str, href: str) -> str:
    parts = base.rstrip("/").split("/")
    path, _, fragment = href.partition("#")
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part and part != ".":
            parts.append(part)
    return "/".join(parts) + "/" + (f"#{fragment}" if fragment else "")


def test_changed_paragraphs_and_notes_carry_a_revision_mark(editions):
    page = _page(editions, "1.1/s1/index.html")
    for pid in ("s1-p1", "s1-p2"):
        (mark,) = page.xpath(f"//p[@id='{pid}']//a[@class='edition-revised']")
        assert mark.text == "修订于 1.1" and mark.get("href") == f"../changes/#change-{pid}"
    assert not page.xpath("//p[@id='s1-p3']//a[@class='edition-revised']")
    assert page.xpath("//li[@id='fn:3']//a[@class='edition-revised']")
    english = _page(editions, "1.1/en/s1/index.html")
    assert english.xpath("//p[@id='s1-p1']//a[@class='edition-revised']")[0].text == "revised in 1.1"


def test_only_editions_after_the_first_have_what_changed_in_their_nav(editions):
    assert {"1.1/changes/index.html", "1.1/en/changes/index.html"} <= set(editions.blobs["1.1"])
    assert not [p for p in editions.blobs["1.1"] if p.startswith("1.0/") and "changes" in p]
    nav = _page(editions, "1.1/s1/index.html").xpath("//nav[contains(@class,'md-nav--primary')]//a/@href")
    assert any("changes/" in href for href in nav)
    old_nav = _page(editions, "1.0/s1/index.html").xpath("//nav[contains(@class,'md-nav--primary')]//a/@href")
    assert not any("changes/" in href for href in old_nav)


# --- bad input: one line, non-zero exit, the Pages branch untouched -----------------------------


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    project = make_project(tmp_path_factory.mktemp("refusals") / "project", date="2026-11-02T09:00:00+00:00")
    project.publish("1.0")
    return project


def _refused(project, *args: str | Path) -> str:
    before = project.git("rev-parse", "gh-pages")
    proc = project.publish(*args, check=False)
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("publish.py: error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    assert project.git("rev-parse", "gh-pages") == before
    return lines[0]


@pytest.mark.parametrize("version", ["v1.1", "1", "latest", "1.01", "1.1-beta"])
def test_a_version_that_is_not_an_edition_number_is_refused(published, version):
    assert "is not an edition number" in _refused(published, version)


def test_an_older_or_already_published_number_is_refused(published):
    assert "older than edition 1.0" in _refused(published, "0.9")
    (published.path / "source" / "editions.yml").write_text(
        (published.path / "source" / "editions.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
    )
    published.commit_all("Another commit")
    assert "already published" in _refused(published, "1.0")


def test_redeploying_the_same_commit_rewrites_nothing(tmp_path):
    project = make_project(tmp_path / "project")
    project.publish("1.0")
    before = project.blobs()
    head = project.git("rev-parse", "gh-pages")
    stderr = project.publish("1.0").stderr
    assert "redeployed" in stderr
    # No remote to read the Pages branch from: the local branch is the truth, and the editor is told so.
    assert "publish.py: note: no remote 'origin': publishing from the local gh-pages branch" in stderr
    assert project.blobs() == before
    assert project.git("diff", "--stat", head, "gh-pages") == ""


def test_a_dirty_working_tree_is_refused(published):
    scratch = published.path / "notes.txt"
    scratch.write_text("draft\n", encoding="utf-8")
    try:
        assert "uncommitted changes" in _refused(published, "1.2")
    finally:
        scratch.unlink()


def test_a_pdf_that_cannot_be_built_stops_publishing(published, tmp_path, monkeypatch):
    """No CJK font (an empty fontconfig): one line naming what is missing, and gh-pages untouched."""
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?>\n<fontconfig><cachedir>{tmp_path}</cachedir></fontconfig>\n')
    monkeypatch.setenv("FONTCONFIG_FILE", str(config))
    assert _refused(published, "1.2") == "publish.py: error: no CJK font found: install fonts-noto-cjk"


def test_a_stale_docs_folder_is_refused(published):
    source = published.path / SOURCE
    original = source.read_text(encoding="utf-8")
    source.write_text(original.replace("已然定型", "已经定型", 1), encoding="utf-8")
    published.commit_all("A correction, not converted")
    try:
        assert "docs/ is stale" in _refused(published, "1.2")
    finally:
        source.write_text(original, encoding="utf-8")
        published.commit_all("Undo")


@pytest.mark.parametrize(
    "content",
    ["not json", json.dumps({"results": []}), json.dumps({"summary": {"checked_at": "2026-12-01"}, "results": [{}]})],
)
def test_a_link_health_report_that_is_not_one_is_refused(published, tmp_path, content):
    report = tmp_path / "report.json"
    report.write_text(content, encoding="utf-8")
    assert "not a link-check report" in _refused(published, "--link-health", report)


def test_link_health_before_any_edition_is_refused(tmp_path):
    project = make_project(tmp_path / "project")
    report = tmp_path / "report.json"
    report.write_text(link_report(["https://example.org/"], "2026-12-01T00:00:00+00:00"), encoding="utf-8")
    proc = project.publish("--link-health", report, check=False)
    assert proc.returncode == 2 and "publish an edition first" in proc.stderr


# --- reproducible builds -------------------------------------------------------------------------


def _build(project, dest: Path, epoch: str) -> dict[str, bytes]:
    env = dict(project.env(), SOURCE_DATE_EPOCH=epoch)
    subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "-q", "-d", str(dest)],
        cwd=project.path, env=env, check=True, capture_output=True, timeout=600,
    )
    return {str(p.relative_to(dest)): p.read_bytes() for p in sorted(dest.rglob("*")) if p.is_file()}


def test_builds_are_reproducible(tmp_path):
    project = make_project(tmp_path / "project")
    first = _build(project, tmp_path / "a", "1767225600")  # 2026-01-01
    second = _build(project, tmp_path / "b", "1767225600")
    assert first.keys() == second.keys() and len(first) > 50
    assert [name for name in first if first[name] != second[name]] == []
    # A build on another day differs only in the sitemap's <lastmod> dates (and the gzip copy,
    # whose header holds the same date): hence SOURCE_DATE_EPOCH = the release commit's time.
    later = _build(project, tmp_path / "c", "1767312000")  # 2026-01-02
    assert {name for name in first if first[name] != later[name]} == {"sitemap.xml", "sitemap.xml.gz"}


# --- workflows ----------------------------------------------------------------------------------


WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_valid(workflow):
    # check-jsonschema ships SchemaStore's GitHub workflow schema: no network needed.
    proc = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_deploy_workflow_checks_the_content_then_publishes():
    text = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    # The content check, not the full suite (ci.yml runs that for the code): a correction publishes.
    steps = ["actions/setup-python", "scripts/setup.sh", "scripts/publish.py --check", 'scripts/publish.py "']
    positions = [text.find(step) for step in steps]
    assert -1 not in positions, dict(zip(steps, positions, strict=True))
    assert positions == sorted(positions)
    assert "mike deploy" not in text  # publish.py does it, exactly as on an editor's machine
    assert "scripts/test.sh" not in text and "git fetch" not in text  # publish.py fetches gh-pages itself
    assert "scripts/test.sh" in (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")


def test_links_workflow_publishes_link_health_and_commits_nothing_to_main():
    text = (ROOT / ".github" / "workflows" / "links.yml").read_text(encoding="utf-8")
    assert "scripts/publish.py --link-health" in text
    assert "git commit" not in text and "source/link-report.json" not in text


def test_the_readme_publishing_steps_name_publish_py():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"python scripts/publish\.py 1\.1 --push", readme)


def test_the_editors_guide_covers_the_first_edition_a_correction_and_the_check():
    from trump2_web_edition.publishing.registry import parse_editions

    guide = (ROOT / "EDITING.md").read_text(encoding="utf-8")
    for words in ("publish.py --check", "publish.py 1.0 --push", "publish.py 1.1 --push", "--translation-status",
                  "reviewed:", "review_note", "REVIEW.md", "six minutes", "v1.1", "serve.sh", "changes/"):
        assert words in guide, words
    # The editor's note example is a valid source/editions.yml.
    found = re.search(r"\n( *)```yaml\n(\1notes:\n.*?)\1```", guide, re.S)
    assert found, "no notes example"
    example = textwrap.dedent(found.group(2))
    assert set(parse_editions(example, "EDITING.md").notes) == {"1.1"}


# --- what scholars and archives keep: the offprints and the JATS XML of every edition (issue 19) -------


def test_every_edition_has_its_pdfs_and_jats_and_keeps_them(editions):
    for version in ("1.0", "1.1"):
        for name in ("article-zh.pdf", "article-en.pdf", "article.xml"):
            assert f"{version}/{name}" in editions.blobs["1.1"], (version, name)
    for name in ("article-zh.pdf", "article-en.pdf", "article.xml"):  # publishing 1.1 leaves 1.0's as they were
        assert editions.blobs["1.0"][f"1.0/{name}"] == editions.blobs["health B"][f"1.0/{name}"]
    pdf = subprocess.run(
        ["git", "show", "gh-pages:1.1/article-zh.pdf"], cwd=editions.project.path, capture_output=True, check=True
    ).stdout
    assert pdf.startswith(b"%PDF-") and len(pdf) < 2_000_000


def test_every_page_links_its_languages_pdf_and_names_it_to_scholar(editions):
    blobs = editions.blobs["health B"]
    site = "https://example-owner.github.io/web-edition/"
    for version in ("1.0", "1.1"):
        for path in _pages(editions, version):
            lang = "en" if path.startswith(f"{version}/en/") else "zh"
            name = f"article-{lang}.pdf"
            page = _page(editions, path)
            (pdf_url,) = page.xpath("//meta[@name='citation_pdf_url']/@content")
            assert pdf_url == f"{site}{version}/{name}", path
            (link,) = page.xpath("//p[@class='edition-downloads']/a[@type='application/pdf']/@href")
            assert _normal((Path(path).parent / link).as_posix()) == f"{version}/{name}", (path, link)
            assert f"{version}/{name}" in blobs
            jats = page.xpath("//link[@type='application/jats+xml']/@href")
            assert jats == [f"{site}{version}/article.xml"], path
        home = _page(editions, f"{version}/index.html")
        assert home.xpath("//p[@class='edition-downloads']/a[@type='application/jats+xml']")
        assert home.xpath("//*[@id='cite']/following::a[@href='article-zh.pdf']"), "the cite box names the PDF"


def _normal(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            parts.pop()
        elif part not in (".", ""):
            parts.append(part)
    return "/".join(parts)
