#!/usr/bin/env python3
"""Benchmark the reader's side of the published site: first-load weight of a section page, and
Lighthouse (mobile) scores for the home and a section page in both languages.

    .venv/bin/python scripts/benchmark_site.py [--lighthouse PATH] [--json FILE]

Publishes edition 1.0 as the deploy workflow does (devtools.published_site: the pages rendered
for the edition, ``mike deploy`` in a temporary git repository) and serves its gh-pages tree
on 127.0.0.1 under /REPO/ with gzip, as GitHub Pages serves a project page: versions.json is
there, so Material's version selector finds it and the console stays clean. Needs Playwright +
Chromium (/usr/bin/chromium or $CHROMIUM) and, for the scores, the npm package ``lighthouse``
(package.json pins it: ``npm ci``; found in ./node_modules/.bin, on PATH or given with
--lighthouse). Prints figures; asserts nothing (targets: accessibility, best practices and
SEO 100, performance >= 95, first load < 300 KB).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from trump2_web_edition.devtools.chromium import ARGS, CHROMIUM
from trump2_web_edition.devtools.published_site import publish
from trump2_web_edition.devtools.site_build import TEST_EDITION

ROOT = Path(__file__).resolve().parents[1]

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".bib", ".ris")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PREFIX = "/REPO"  # a project page: https://OWNER.github.io/REPO/
EDITION = f"{PREFIX}/{TEST_EDITION.version}"
PAGES = {"home zh": "/", "s2 zh": "/s2/", "home en": "/en/", "s2 en": "/en/s2/"}


class GzipHandler(SimpleHTTPRequestHandler):
    """Static files under /REPO/, gzip-compressed for clients that ask (as GitHub Pages does)."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's signature
        pass

    def translate_path(self, path):
        clean = path.split("?", 1)[0].split("#", 1)[0]
        if clean != PREFIX and not clean.startswith(PREFIX + "/"):
            return os.path.join(self.directory, "__outside_the_project_page__")
        return super().translate_path(clean[len(PREFIX) :] or "/")

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if "gzip" not in self.headers.get("Accept-Encoding", "") or not path.endswith(COMPRESSIBLE):
            return super().send_head()
        if not os.path.isfile(path):
            return super().send_head()
        if not self.path.split("?", 1)[0].endswith("/") and os.path.isdir(self.translate_path(self.path)):
            return super().send_head()  # the redirect to the slash URL
        data = gzip.compress(Path(path).read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(data)


def serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}"


def first_load(base: str, path: str) -> dict[str, object]:
    """Requests and bytes (on the wire, and decoded) of a first visit with an empty cache."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
        page = context.new_page()
        responses = []
        page.on("requestfinished", lambda request: responses.append(request))
        page.goto(base + path, wait_until="networkidle")
        page.wait_for_timeout(500)
        rows = []
        for request in responses:
            sizes = request.sizes()
            response = request.response()
            body = len(response.body()) if response is not None else 0
            wire = sizes["responseBodySize"] + sizes["responseHeadersSize"]
            rows.append({"url": request.url.removeprefix(base), "wire": wire, "decoded": body})
        browser.close()
    return {
        "requests": len(rows),
        "bytes_on_wire": sum(r["wire"] for r in rows),
        "bytes_decoded": sum(r["decoded"] for r in rows),
        "resources": rows,
    }


def find_lighthouse(given: str | None) -> list[str] | None:
    if given:
        return [given]
    for candidate in (ROOT / "node_modules" / ".bin" / "lighthouse", shutil.which("lighthouse")):
        if candidate and Path(candidate).exists():
            return [str(candidate)]
    return None


def lighthouse(command: list[str], url: str) -> tuple[dict[str, int], list[str]]:
    """Lighthouse's mobile scores (0-100) for ``url``, and the weighted audits that did not pass."""
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [
                *command,
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--form-factor=mobile",
                f"--chrome-flags={' '.join(ARGS)}",
            ],
            env=dict(os.environ, CHROME_PATH=CHROMIUM),
            check=True,
            capture_output=True,
            timeout=300,
        )
        data = json.loads(report.read_text(encoding="utf-8"))
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    failed = [
        f"{name}: {ref['id']} ({data['audits'][ref['id']].get('score') or 0:.2f})"
        for name in CATEGORIES
        for ref in data["categories"][name]["auditRefs"]
        if ref["weight"] > 0 and (data["audits"][ref["id"]].get("score") or 0) < 1
    ]
    return scores, failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="benchmark_site.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--lighthouse", help="the lighthouse command (default: on PATH or node_modules)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as folder:
        site = publish(Path(folder))
        httpd, base = serve(site)
        base += EDITION
        try:
            load = first_load(base, "/s2/")
            figures["first_load_s2_zh"] = load
            print(
                f"first load of {EDITION}/s2/ (mobile, empty cache): {load['requests']} requests, "
                f"{load['bytes_on_wire'] / 1024:.1f} KB on the wire (gzip), "
                f"{load['bytes_decoded'] / 1024:.1f} KB decoded"
            )
            for row in load["resources"]:
                print(f"  {row['wire'] / 1024:7.1f} KB  {row['url']}")
            command = find_lighthouse(args.lighthouse)
            if command is None:
                print("lighthouse not found (npm ci installs it from package-lock.json): scores skipped")
            else:
                scores, failures = {}, {}
                for name, path in PAGES.items():
                    scores[name], failures[name] = lighthouse(command, base + path)
                    row = "  ".join(f"{k} {v}" for k, v in scores[name].items())
                    print(f"lighthouse mobile {name:8} {row}")
                    for failure in failures[name]:
                        print(f"  below 1: {failure}")
                figures["lighthouse_mobile"] = scores
                figures["lighthouse_not_passed"] = failures
        finally:
            httpd.shutdown()
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
