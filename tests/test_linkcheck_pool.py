"""The client: connections kept alive and reused per origin, TLS verified."""

from __future__ import annotations

from dataclasses import replace

import pytest
from link_servers import FAST, Server, check_one, ok
from linkcheck.checker import check_urls
from linkcheck.results import Verdict


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
