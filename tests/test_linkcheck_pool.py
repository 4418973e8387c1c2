"""The client: connections kept alive and reused per origin, TLS verified, cookies sent back, addresses escaped."""

from __future__ import annotations

from dataclasses import replace

import pytest
from link_servers import FAST, Server, check_one, ok
from trump2_web_edition.linkcheck.checker import check_urls
from trump2_web_edition.linkcheck.pool import address_of
from trump2_web_edition.linkcheck.results import Verdict


def test_connections_are_kept_alive_and_reused():
    ports: list[int] = []

    def page(h):
        ports.append(h.client_address[1])
        h.reply(200, b"A page", "Short enough to be read to its end.")

    with Server("127.0.0.1", {}, default=page) as server:
        urls = [f"{server.base}/page/{n}" for n in range(8)]
        run = check_urls(urls, replace(FAST, per_host=1, soft_404_probe=False))
    assert {r.verdict for r in run.results.values()} == {Verdict.OK}
    assert len(ports) == run.requests
    assert len(set(ports)) == 1  # one connection for every request to the host


def test_a_kept_alive_connection_the_server_closed_costs_no_attempt():
    def page_then_close(h):
        h.reply(200, b"A page", "Answered, then the connection is closed without a word.")
        h.close_connection = True

    with Server("127.0.0.1", {}, default=page_then_close) as server:
        urls = [f"{server.base}/page/{n}" for n in range(4)]
        results = check_urls(urls, replace(FAST, per_host=1, retries=0, soft_404_probe=False)).results
    assert [(r.verdict, r.attempts) for r in results.values()] == [(Verdict.OK, 1)] * 4


def test_cookies_set_by_a_host_are_sent_back_to_it():
    # A first visit gets a cookie and a redirect to the page marked as visited, which needs the cookie.
    def cookie_wall(h):
        if "seen=1" in (h.headers.get("Cookie") or ""):
            h.reply(200, b"The article", "Shown to visitors who have the cookie.")
        elif h.path.endswith("?visited"):
            h.reply(403, b"Cookies required")
        else:
            h.send_response(302)
            h.send_header("Location", h.path + "?visited")
            h.send_header("Set-Cookie", "seen=1; Path=/; HttpOnly")
            h.send_header("Content-Length", "0")
            h.end_headers()

    with Server("127.0.0.1", {}, default=cookie_wall) as server:
        result = check_one(f"{server.base}/article/1", replace(FAST, soft_404_probe=False))
    assert result.verdict == Verdict.OK and len(result.redirects) == 1


def test_non_ascii_addresses_are_escaped():
    with Server("127.0.0.1", {}, default=ok()) as server:
        check_one(f"{server.base}/文章/1?q=中 文", replace(FAST, soft_404_probe=False))
        paths = {path for _, path in server.hits}
    assert paths == {"/%E6%96%87%E7%AB%A0/1?q=%E4%B8%AD%20%E6%96%87"}


@pytest.mark.parametrize(
    "url, origin, target, host_header",
    [
        ("http://Example.com/a%20b?x=1#frag", ("http", "example.com", 80), "/a%20b?x=1", "example.com"),
        ("https://example.com:8443", ("https", "example.com", 8443), "/", "example.com:8443"),
        ("http://[::1]:8080/x", ("http", "::1", 8080), "/x", "[::1]:8080"),
        ("https://例子.测试/路径", ("https", "xn--fsqu00a.xn--0zwm56d", 443), "/%E8%B7%AF%E5%BE%84", None),
    ],
)
def test_request_addresses(url, origin, target, host_header):
    address = address_of(url)
    assert (address.origin, address.target) == (origin, target)
    assert address.host_header == (host_header or origin[1])


def test_a_non_http_address_is_refused():
    with pytest.raises(ValueError, match="not an http"):
        address_of("ftp://example.com/x")


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory):
    """An https server on 127.0.0.1 with a self-signed certificate (which verification must refuse)."""
    import shutil
    import ssl
    import subprocess

    if not shutil.which("openssl"):
        pytest.skip("openssl not available")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = Server("127.0.0.1", {"/ok": ok()})
    server.socket = context.wrap_socket(server.socket, server_side=True)
    with server:
        yield server


def test_https_is_verified(tls_server):
    url = f"https://127.0.0.1:{tls_server.server_address[1]}/ok"
    config = replace(FAST, retries=0, soft_404_probe=False)
    refused = check_one(url, config)
    assert refused.verdict == Verdict.BROKEN
    assert "certificate" in (refused.error or "").lower()
    unverified = check_one(url, replace(config, verify_tls=False))
    assert unverified.verdict == Verdict.OK
