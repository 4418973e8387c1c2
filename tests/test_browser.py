"""The reader's experience proven in a real browser: the built site served on 127.0.0.1 and
driven in Chromium with Playwright - language switch, note tooltips, search, keyboard, no
request beyond 127.0.0.1, dark mode, print, screenshots, and axe-core's audit.

Needs Playwright (requirements.txt) and Debian's Chromium (/usr/bin/chromium, or $CHROMIUM;
Playwright's own browser download is never used). Without them the tests skip, except
under CI=true (.ci/run installs Chromium), where they fail.
Screenshots go to tests/artifacts/ (gitignored).
"""

from __future__ import annotations

import functools
import json
import os
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from trump2_web_edition.devtools.chromium import ARGS, CHROMIUM

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def _unavailable(reason: str):
    if os.environ.get("CI") == "true":
        pytest.fail(f"{reason} (CI must run the browser tests: .ci/run installs Chromium)")
    pytest.skip(reason)


def url_of(server: str, name: str, lang: str) -> str:
    """URL of page ``name`` ('index', 's2', '404.html'...) in language ``lang``."""
    path = "" if name == "index" else name if name.endswith(".html") else f"{name}/"
    return f"{server}/{'' if lang == 'zh' else lang + '/'}{path}"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass


@pytest.fixture(scope="module")
def server(built_site):
    """http://127.0.0.1:PORT serving the built site, for the module's tests."""
    handler = functools.partial(_QuietHandler, directory=str(built_site.root))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).is_file():
        _unavailable(f"no Chromium at {CHROMIUM}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


class Recorder:
    """Routes every request of a page: records its host; anything beyond 127.0.0.1 is aborted."""

    def __init__(self):
        self.hosts: set[str] = set()
        self.urls: list[str] = []

    def __call__(self, route):
        url = route.request.url
        self.urls.append(url)
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss"):
            self.hosts.add(parts.hostname or "")
            if parts.hostname != "127.0.0.1":
                return route.abort()
        return route.continue_()


@pytest.fixture()
def page(browser):
    context = browser.new_context(viewport=DESKTOP, locale="zh-CN")
    recorder = Recorder()
    context.route("**/*", recorder)
    page = context.new_page()
    page.recorder = recorder
    yield page
    context.close()


# --- language, notes, search --------------------------------------------------------------


@pytest.mark.parametrize("name", ["s2", "s4", "conclusion", "references"])
def test_language_switch_lands_on_the_same_section(page, server, name):
    page.goto(url_of(server, name, "zh"))
    page.hover(".md-header__option .md-select")
    page.click('.md-select__link[hreflang="en"]')
    page.wait_for_load_state()
    assert page.url == url_of(server, name, "en")
    assert page.get_attribute("html", "lang") == "en"
    page.hover(".md-header__option .md-select")
    page.click('.md-select__link[hreflang="zh"]')
    page.wait_for_load_state()
    assert page.url == url_of(server, name, "zh")
    assert page.get_attribute("html", "lang") == "zh"


def test_paragraph_link_survives_the_language_switch(page, server):
    page.goto(url_of(server, "s2", "zh") + "#s2-p3")
    assert page.evaluate("document.getElementById('s2-p3') !== null")
    page.goto(url_of(server, "s2", "en") + "#s2-p3")
    assert page.evaluate("document.getElementById('s2-p3') !== null")


def test_hovering_a_note_reference_shows_the_note(page, server):
    page.goto(url_of(server, "s2", "zh"))
    note = page.locator('li[id="fn:14"]').inner_text()
    words = re.sub(r"\s+", "", note)[:12]
    page.hover('a.footnote-ref[href="#fn:14"]')
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5000)
    assert words in re.sub(r"\s+", "", tooltip.inner_text())


def search(page, query: str) -> list[str]:
    """Type ``query`` into the search box; the result links (retyped while the index still loads)."""
    results = page.locator(".md-search-result__item a")
    for _ in range(5):
        page.fill("input.md-search__input", query)
        page.press("input.md-search__input", "End")
        try:
            results.first.wait_for(timeout=3000)
        except Exception:  # the search worker was not ready yet: type again
            continue
        return [a.get_attribute("href") for a in results.all()]
    return []


@pytest.mark.parametrize(("query", "section"), [("半导体", "s2"), ("太空", "s3"), ("加密货币", "s3")])
def test_chinese_search_finds_the_section(page, server, query, section):
    page.goto(url_of(server, "index", "zh"), wait_until="networkidle")
    hrefs = search(page, query)
    assert hrefs, query
    assert all("/en/" not in href for href in hrefs), hrefs
    assert f"/{section}/" in hrefs[0], hrefs


def test_english_search_stays_english(page, server):
    page.goto(url_of(server, "index", "en"), wait_until="networkidle")
    hrefs = search(page, "Taiwan")
    assert hrefs and all("/en/" in href for href in hrefs), hrefs


# --- privacy --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["index", "s2", "references", "404.html"])
def test_no_request_beyond_localhost(page, server, name, lang):
    page.goto(url_of(server, name, lang), wait_until="networkidle")
    page.hover("body")
    assert page.recorder.hosts == {"127.0.0.1"}, page.recorder.urls


# --- keyboard, dark mode, print ----------------------------------------------------------------


def test_keyboard_reaches_the_notes(page, server):
    page.goto(url_of(server, "s2", "zh"))
    for _ in range(400):
        page.keyboard.press("Tab")
        href = page.evaluate("document.activeElement && document.activeElement.getAttribute('href')")
        if href and href.startswith("#fn:"):
            break
    else:
        pytest.fail("Tab never reached a note reference")
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash.startsWith('#fn:')")
    target = page.evaluate("location.hash").removeprefix("#")
    box = page.locator(f'li[id="{target}"]').bounding_box()
    assert box is not None and 0 <= box["y"] < DESKTOP["height"], box
    # ... and the note's back-link is reachable and leads back to the reference.
    page.locator(f'li[id="{target}"] a.footnote-backref').focus()
    page.keyboard.press("Enter")
    page.wait_for_function("location.hash.startsWith('#fnref')")


def test_dark_mode_toggle(page, server):
    page.goto(url_of(server, "s2", "zh"))
    before = page.get_attribute("body", "data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    after = page.get_attribute("body", "data-md-color-scheme")
    assert {before, after} == {"default", "slate"}


def test_print_hides_navigation_and_keeps_notes_with_urls(page, server):
    page.goto(url_of(server, "s2", "zh"))
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".edition-para-links"):
        assert not page.locator(selector).first.is_visible(), selector
    notes = page.locator(".footnote")
    assert notes.is_visible()
    last_paragraph = page.locator("article p[id^='s2-p']").last.bounding_box()
    assert notes.bounding_box()["y"] > last_paragraph["y"]  # at the end of the section
    assert "https://" in notes.inner_text()


def test_report_link_carries_paragraph_language_and_edition(page, server):
    page.goto(url_of(server, "s2", "zh"))
    href = page.locator("#s2-p3 a.edition-report").get_attribute("href")
    assert "/issues/new?" in href and "s2-p3" in href
    assert "zh" in href and "1.0" in href


# --- screenshots --------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["index", "s2"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_screenshots(browser, server, name, lang, device):
    options = (
        {"viewport": DESKTOP}
        if device == "desktop"
        else {"viewport": PHONE, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
    )
    context = browser.new_context(**options)
    try:
        page = context.new_page()
        page.goto(url_of(server, name, lang), wait_until="networkidle")
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}-{lang}-{device}.png"
        page.screenshot(path=str(path), full_page=False)
        assert path.stat().st_size > 10_000
        # No sideways scrolling on a phone.
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    finally:
        context.close()


# --- accessibility ----------------------------------------------------------------------------

DEVICES = {
    "desktop": {"viewport": DESKTOP},
    # A phone: touch and mobile emulation, so (hover: none) matches and the paragraph marks show.
    "phone": {"viewport": PHONE, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
}
SCHEMES = {"light": ("light", "default"), "dark": ("dark", "slate")}


@pytest.fixture()
def device_page(browser, request):
    """A page in the device and colour scheme the test is parametrized with (``device``, ``scheme``)."""
    device, scheme = request.node.callspec.params["device"], request.node.callspec.params["scheme"]
    context = browser.new_context(**DEVICES[device], color_scheme=SCHEMES[scheme][0], locale="zh-CN")
    context.route("**/*", Recorder())
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("scheme", sorted(SCHEMES))
@pytest.mark.parametrize("device", sorted(DEVICES))
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("name", ["index", "s2", "references"])
def test_axe_no_serious_or_critical_violation(device_page, server, name, lang, device, scheme):
    """axe-core on desktop and on a touch phone, light and dark: every text 4.5:1 (the report link too)."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        _unavailable("axe-playwright-python is not installed")
    page = device_page
    page.goto(url_of(server, name, lang), wait_until="networkidle")
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme][1]
    if device == "phone":
        assert page.evaluate("matchMedia('(hover: none)').matches")
        if name != "references":  # the report links are shown, so axe checks their contrast
            assert page.locator("a.edition-report").first.is_visible()
    results = Axe().run(page)
    bad = [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert bad == []


# --- citation ------------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_fills_in_the_readers_date_and_saves_it_in_the_files(page, server, lang):
    page.goto(url_of(server, "index", lang), wait_until="networkidle")
    today = page.evaluate(
        "(() => { const d = new Date(); const p = n => String(n).padStart(2, '0');"
        " return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`; })()"
    )
    gbt = page.locator("#cite-gbt .cite-text").inner_text()
    assert f"[{today}]. https://" in gbt and "引用日期" not in gbt and "accessed date" not in gbt
    assert f"urldate = {{{today}}}" in page.locator("pre.cite-bibtex").inner_text()
    suffix = "" if lang == "zh" else "-en"
    for name, expected in (
        (".bib", f"  urldate = {{{today}}}\n}}"),
        (".ris", f"Y2  - {today.replace('-', '/')}/\nER  - "),
    ):
        with page.expect_download() as info:
            page.click(f'a[download="citation{suffix}{name}"]')
        text = Path(info.value.path()).read_text(encoding="utf-8")
        assert expected in text, text
    with page.expect_download() as info:
        page.click(f'a[download="citation{suffix}.json"]')
    (item,) = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert item["accessed"] == {"date-parts": [[int(part) for part in today.split("-")]]}
    assert page.recorder.hosts == {"127.0.0.1"}


def test_without_javascript_the_placeholder_shows(browser, server):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(url_of(server, "index", "zh"))
        assert "[引用日期]. https://" in page.locator("#cite-gbt .cite-text").inner_text()
    finally:
        context.close()
