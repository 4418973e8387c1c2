"""The command line in a subprocess: formats, exit codes, cache file, limits, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from link_servers import Server, ok, redirect, status

CLI = ROOT / "scripts" / "check_links.py"
FAST = ["--timeout", "1", "--retries", "0", "--host-spacing", "0", "--backoff", "0.01"]


def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(CLI), *map(str, args)], cwd=ROOT, capture_output=True, text=True, timeout=60
    )


@pytest.fixture(scope="module")
def server():
    with Server("127.0.0.1", {"/ok": ok(), "/missing": status(404), "/forbidden": status(403)}) as server:
        yield server


def url_list(tmp_path: Path, server: Server, *paths: str) -> Path:
    path = tmp_path / "urls.txt"
    path.write_text("".join(f"{server.base}{p}\n" for p in paths), encoding="utf-8")
    return path


def test_all_good_exits_0_with_json(server, tmp_path):
    done = run("--urls", url_list(tmp_path, server, "/ok", "/forbidden"), "--format", "json", "--allow-private", *FAST)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [r["verdict"] for r in data["results"]] == ["ok", "unverifiable"]
    assert set(data["summary"]) >= {"total", "verdicts", "failing", "requests"}
    assert data["results"][0]["archive"] is None  # a plain run asks no archive (--archives-only does)


def test_dead_url_exits_2_and_the_cache_keeps_the_failure_run(server, tmp_path):
    urls = url_list(tmp_path, server, "/ok", "/missing")
    cache = tmp_path / "cache.json"
    for _ in range(2):
        done = run("--urls", urls, "--format", "json", "--allow-private", "--cache", cache, *FAST)
        assert done.returncode == 2, done.stderr
    data = json.loads(done.stdout)
    assert [(r["verdict"], r["failures"], r["from_cache"]) for r in data["results"]] == [
        ("ok", 0, True),
        ("broken", 2, False),
    ]
    assert json.loads(cache.read_text())["urls"][f"{server.base}/missing"]["failures"] == 2


def test_the_cache_keeps_each_hosts_probe_for_the_next_run(server, tmp_path):
    cache = tmp_path / "cache.json"
    args = ["--urls", url_list(tmp_path, server, "/ok"), "--allow-private", "--cache", cache, "--host-facts-days", "7"]
    assert run(*args, *FAST).returncode == 0
    facts = json.loads(cache.read_text())["hosts"][server.base]
    assert (facts["honest"], facts["head"]) == (True, "html")  # a made-up page was 404; the host answers in HTML


def test_private_addresses_are_refused_without_the_flag(server, tmp_path):
    done = run("--urls", url_list(tmp_path, server, "/ok"), "--format", "json", *FAST)
    assert done.returncode == 2
    assert "non-public address" in json.loads(done.stdout)["results"][0]["error"]


@pytest.mark.parametrize("fmt, marker", [("table", "VERDICT"), ("markdown", "| Note |"), ("junit", "<testsuite")])
def test_other_formats_to_an_output_file(server, tmp_path, fmt, marker):
    out = tmp_path / f"report.{fmt}"
    done = run("--urls", url_list(tmp_path, server, "/ok"), "--format", fmt, "--allow-private", "--output", out, *FAST)
    assert done.returncode == 0 and done.stdout == ""
    assert marker in out.read_text(encoding="utf-8")


def test_checker_failure_is_one_line_and_exit_1(tmp_path):
    done = run("--urls", tmp_path / "nope.txt")
    assert done.returncode == 1
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("check_links.py: error: ")
    bad = tmp_path / "bad.txt"
    bad.write_text("https://a.example/\n", encoding="utf-8")
    cache_only = run("--urls", bad, "--cache", tmp_path / "bad.txt")
    assert cache_only.returncode == 1 and "not a link cache" in cache_only.stderr
    bad.write_text("not a url\n", encoding="utf-8")
    done = run("--urls", bad)
    assert (done.returncode, done.stderr.strip()) == (
        1,
        f"check_links.py: error: {bad}:1: not an http(s) URL: 'not a url'",
    )


def test_every_limit_is_an_option(tmp_path):
    # Two redirects with --max-redirects 1: broken; the probe switched off: no made-up page asked for.
    routes = {"/a": redirect(302, "/b"), "/b": redirect(302, "/c"), "/c": ok()}
    with Server("127.0.0.1", routes) as chain:
        urls = tmp_path / "urls.txt"
        urls.write_text(f"{chain.base}/a\n{chain.base}/c\n", encoding="utf-8")
        args = ["--urls", urls, "--format", "json", "--allow-private", *FAST]
        done = run(*args, "--max-redirects", "1", "--no-soft-404-probe", "--max-body", "100", "--backoff-max", "0.1")
        paths = {path for (_, path) in chain.hits}
    assert done.returncode == 2, done.stderr
    results = json.loads(done.stdout)["results"]
    assert [r["verdict"] for r in results] == ["broken", "ok"]
    assert results[0]["error"] == "more than 1 redirects"
    assert not any("no-such-page" in path for path in paths)


@pytest.mark.parametrize("bad", [["--per-host", "0"], ["--timeout", "soon"], ["--max-redirects", "-1"], ["--nope"]])
def test_a_bad_option_is_one_line_and_exit_1_not_2(bad):
    done = run(*bad)
    assert done.returncode == 1  # 2 would mean "some URL is failing"
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("check_links.py: error: ")


def test_archives_only_asks_the_archive_and_fetches_no_original(server, tmp_path):
    from link_servers import send

    def available(h) -> None:
        asked = h.path.split("url=", 1)[1].split("&", 1)[0]
        from urllib.parse import unquote

        url = unquote(asked)
        if url.endswith("/missing"):
            send(h, 200, b'{"archived_snapshots": {}}')
            return
        closest = {"available": True, "url": f"http://web.archive.org/web/20250301000000/{url}"}
        send(
            h,
            200,
            json.dumps(
                {"archived_snapshots": {"closest": {**closest, "timestamp": "20250301000000", "status": "200"}}}
            ).encode(),
        )

    before = server.count("/ok")
    with Server("127.0.0.1", {"/wayback/available": available}) as archive:
        urls = url_list(tmp_path, server, "/ok", "/missing")
        api = f"{archive.base}/wayback/available"
        done = run("--urls", urls, "--archives-only", "--availability-api", api, "--format", "json", *FAST)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [r["verdict"] for r in data["results"]] == [None, None]
    assert data["results"][0]["archive"]["capture"]["datetime"] == "2025-03-01T00:00:00Z"
    assert data["results"][1]["archive"]["status"] == "none" and data["results"][1]["archive"]["capture"] is None
    assert data["summary"]["checked_at"] is None and data["summary"]["archives_checked_at"]
    assert server.count("/ok") == before  # no original fetched, and no --allow-private needed for the archive
