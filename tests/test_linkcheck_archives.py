"""Archived copies verified against archives played by local servers, in the APIs' documented JSON shapes."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from link_servers import FAST, Handler, Server, send
from trump2_web_edition.linkcheck.archives import (
    ArchiveAnswerError,
    ArchiveConfig,
    availability_url,
    lookup_archives,
    parse_availability,
    parse_timetravel,
    same_resource,
)
from trump2_web_edition.linkcheck.config import CheckConfig
from trump2_web_edition.linkcheck.results import ArchiveStatus
from trump2_web_edition.linkcheck.urls import Origin, Target

URL = "https://udn.com/news/story/6656/8532352"
DATE = dt.date(2025, 2, 7)
# The availability API's answers, as documented at archive.org/help/wayback_api.php.
NONE = b'{"archived_snapshots": {}}'


def snapshot(url: str, stamp: str, status: str = "200", original: str | None = None) -> bytes:
    closest = {"available": True, "url": f"http://web.archive.org/web/{stamp}/{original or url}", "timestamp": stamp}
    return json.dumps({"url": url, "archived_snapshots": {"closest": {**closest, "status": status}}}).encode()


def test_a_capture_is_read_from_the_documented_shape():
    capture = parse_availability(snapshot(URL, "20250301101112"), URL)
    assert capture is not None
    assert capture.url == f"http://web.archive.org/web/20250301101112/{URL}"
    assert capture.datetime == dt.datetime(2025, 3, 1, 10, 11, 12, tzinfo=dt.UTC)
    assert (capture.archive, capture.date) == ("web.archive.org", dt.date(2025, 3, 1))
    assert parse_availability(NONE, URL) is None


@pytest.mark.parametrize(
    "body",
    [
        b"<html>rate limited</html>",
        b"[]",
        b'{"archived_snapshots": []}',
        snapshot(URL, "20250301101112", status="404"),
        snapshot(URL, "2025"),
        snapshot(URL, "20251399101112"),
        snapshot(URL, "20250301101112", original="https://udn.com/news/story/6656/9999999"),
        json.dumps({"archived_snapshots": {"closest": {"available": True, "timestamp": "20250301101112"}}}).encode(),
    ],
)
def test_an_answer_that_does_not_confirm_a_capture_is_refused(body):
    with pytest.raises(ArchiveAnswerError):
        parse_availability(body, URL)


def test_the_same_resource_modulo_scheme_www_and_trailing_slash():
    assert same_resource("https://www.example.com/a/", "http://example.com/a")
    assert same_resource("https://example.com", "http://example.com:80/")
    assert not same_resource("https://example.com/a", "https://example.com/b")
    assert not same_resource("https://example.com/a?x=1", "https://example.com/a")


def test_the_question_asks_for_the_notes_date():
    asked = urlsplit(availability_url("http://127.0.0.1:9/wayback/available", URL, DATE))
    assert parse_qs(asked.query) == {"url": [URL], "timestamp": ["20250207"]}
    assert "timestamp" not in availability_url("http://a/available", URL, None)


def test_timetravel_shape():
    body = {
        "original_uri": URL,
        "mementos": {
            "closest": {"datetime": "2025-02-08T01:02:03Z", "uri": [f"https://archive.today/20250208010203/{URL}"]}
        },
    }
    capture = parse_timetravel(json.dumps(body).encode(), URL)
    assert capture is not None and capture.archive == "archive.today" and capture.date == dt.date(2025, 2, 8)
    with pytest.raises(ArchiveAnswerError):
        parse_timetravel(json.dumps({**body, "original_uri": "https://other.example/"}).encode(), URL)


class Archive:
    """The availability API on 127.0.0.1: per asked URL, a route answering its question."""

    def __init__(self, answers):
        self.answers = answers  # path of the asked URL -> callable(handler, asked url, timestamp)

    def __call__(self, h: Handler) -> None:
        query = parse_qs(urlsplit(h.path).query)
        asked = query["url"][0]
        self.answers[urlsplit(asked).path](h, asked, query.get("timestamp", [""])[0])


def found(stamp: str):
    return lambda h, asked, _: send(h, 200, snapshot(asked, stamp))


def closest_to_date(h: Handler, asked: str, timestamp: str) -> None:
    send(h, 200, snapshot(asked, timestamp + "120000"))


def busy_then(answer, code: int, headers: dict[str, str] | None = None, failures: int = 1):
    def route(h: Handler, asked: str, timestamp: str) -> None:
        if h.server.count(h.path) <= failures:
            send(h, code, b'{"error": "busy"}', headers)
        else:
            answer(h, asked, timestamp)

    return route


TARGETS = {
    "/dated": closest_to_date,
    "/far": found("20190101000000"),  # the closest capture, six years before the note: said as it is
    "/none": lambda h, *_: send(h, 200, NONE),
    "/malformed": lambda h, *_: send(h, 200, b'{"archived_snapshots": {"closest": '),
    "/throttled": busy_then(found("20250301000000"), 429, {"Retry-After": "0"}),
    "/down": lambda h, *_: send(h, 503, b"{}"),
    "/flaky": busy_then(found("20250302000000"), 502),
    "/html": lambda h, *_: send(h, 200, b"<html><title>Wayback Machine</title></html>"),
}


@pytest.fixture(scope="module")
def archive():
    with Server("127.0.0.1", {"/wayback/available": Archive(TARGETS)}) as server:
        yield server


def _targets() -> list[Target]:
    return [Target(f"https://cited.example{path}", Origin(date=DATE)) for path in TARGETS]


def test_each_url_gets_its_verified_capture_or_a_reason(archive):
    config = ArchiveConfig(f"{archive.base}/wayback/available")
    now = dt.datetime(2026, 11, 24, tzinfo=dt.UTC)
    lookups, requests = lookup_archives(_targets(), FAST, config, now)
    by_path = {urlsplit(url).path: lookup for url, lookup in lookups.items()}
    assert by_path["/dated"].capture.date == DATE
    assert by_path["/far"].capture.date == dt.date(2019, 1, 1) and by_path["/far"].status == ArchiveStatus.FOUND
    assert (by_path["/none"].status, by_path["/none"].capture) == (ArchiveStatus.NONE, None)
    for path in ("/malformed", "/down", "/html"):
        assert by_path[path].status == ArchiveStatus.UNVERIFIED and by_path[path].capture is None, path
        assert by_path[path].error.startswith("127.0.0.1: ")
    assert "HTTP 503" in by_path["/down"].error
    assert by_path["/throttled"].capture.date == dt.date(2025, 3, 1)  # retried after its Retry-After
    assert by_path["/flaky"].capture.date == dt.date(2025, 3, 2)
    asked = sum(n for (_, path), n in archive.hits.items() if path.startswith("/wayback/available?"))
    assert asked == requests == len(TARGETS) + 2 + FAST.retries  # one retry each for 429 and 502, all for 503
    assert all(lookup.asked_at.tzinfo for lookup in lookups.values())
    assert not any(path.startswith("/dated") for _, path in archive.hits)  # the original is never fetched


def test_only_the_configured_archive_host_passes_the_guard(archive):
    strict = CheckConfig(timeout=0.5, retries=0, host_spacing=0.0)  # private addresses refused
    config = ArchiveConfig(f"{archive.base}/wayback/available")
    lookups, _ = lookup_archives(_targets()[:1], strict, config)
    assert next(iter(lookups.values())).status == ArchiveStatus.FOUND
    port = int(archive.base.rsplit(":", 1)[1])
    elsewhere = ArchiveConfig(f"http://127.0.0.1:{port + 1 if port < 65535 else port - 1}/wayback/available")
    assert elsewhere.hosts != config.hosts
    lookups, _ = lookup_archives(_targets()[:1], strict, ArchiveConfig(f"http://localhost:{port}/wayback/available"))
    (lookup,) = lookups.values()
    assert lookup.status == ArchiveStatus.FOUND  # localhost:PORT was configured, so it passes too
    assert config.hosts == frozenset({f"127.0.0.1:{port}"})


def test_timetravel_is_asked_when_the_first_archive_has_none():
    def timetravel(h: Handler) -> None:
        _, _, _, stamp, asked = h.path.split("/", 4)
        asked = unquote(asked)
        if asked.endswith("/missing"):
            send(h, 404, b'{"error": "not found"}')
            return
        closest = {
            "datetime": f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:8]}T00:00:00Z",
            "uri": [f"https://arquivo.pt/wayback/{stamp}/{asked}"],
        }
        send(h, 200, json.dumps({"original_uri": asked, "mementos": {"closest": closest}}).encode())

    routes = {"/wayback/available": lambda h: send(h, 200, NONE)}
    with Server("127.0.0.1", routes, default=timetravel) as server:
        config = ArchiveConfig(f"{server.base}/wayback/available", f"{server.base}/api/json")
        targets = [
            Target("https://a.example/x", Origin(date=DATE)),
            Target("https://a.example/missing", Origin(date=DATE)),
        ]
        lookups, _ = lookup_archives(targets, FAST, config)
    assert lookups["https://a.example/x"].capture.archive == "arquivo.pt"
    assert lookups["https://a.example/x"].capture.date == DATE
    assert lookups["https://a.example/missing"].status == ArchiveStatus.NONE
