"""The address guard: private, loopback and link-local addresses refused (after DNS, on every redirect)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from link_servers import FAST, Server, check_one, ok, redirect
from trump2_web_edition.linkcheck import guard
from trump2_web_edition.linkcheck.checker import check_urls
from trump2_web_edition.linkcheck.config import CheckConfig
from trump2_web_edition.linkcheck.guard import address_forbidden
from trump2_web_edition.linkcheck.results import Verdict


@pytest.fixture(scope="module")
def private_server():
    with Server("127.0.0.2", {"/ok": ok()}) as server:
        yield server


@pytest.fixture(scope="module")
def server(private_server):
    routes = {
        "/ok": ok(),
        "/to-private": redirect(302, f"{private_server.base}/ok"),
        "/to-metadata": redirect(302, "http://169.254.169.254/latest/meta-data/"),
    }
    with Server("127.0.0.1", routes) as server:
        yield server


def test_address_guard():
    config = CheckConfig()
    for address in ("127.0.0.1", "10.1.2.3", "192.168.0.1", "169.254.169.254", "::1", "fe80::1", "::ffff:127.0.0.1"):
        assert address_forbidden(address, config), address
    assert not address_forbidden("93.184.216.34", config)
    assert not address_forbidden("10.1.2.3", CheckConfig(allow_private=True))


def test_private_addresses_are_refused_by_default(server):
    result = check_one(f"{server.base}/ok", replace(FAST, allowed_addresses=frozenset()))
    assert result.verdict == Verdict.BROKEN
    assert "non-public address 127.0.0.1" in result.error
    assert check_one(f"{server.base}/ok", replace(FAST, allow_private=True)).verdict == Verdict.OK


def test_redirect_to_a_private_address_is_refused_before_connecting(server, private_server):
    result = check_one(f"{server.base}/to-private")
    assert result.verdict == Verdict.BROKEN
    assert "127.0.0.2" in result.error
    assert private_server.count("/ok") == 0
    result = check_one(f"{server.base}/to-metadata", replace(FAST, retries=0))
    assert result.verdict == Verdict.BROKEN and "169.254.169.254" in result.error
    allowed = check_one(f"{server.base}/to-private", replace(FAST, allow_private=True))
    assert allowed.verdict == Verdict.OK and private_server.count("/ok") >= 1


def test_a_host_is_resolved_once_per_run(monkeypatch):
    lookups: list[str] = []
    resolve = guard.Guard._resolve

    async def counting(self, host, port):
        lookups.append(host)
        return await resolve(self, host, port)

    monkeypatch.setattr(guard.Guard, "_resolve", counting)
    with Server("127.0.0.1", {}, default=ok()) as server:
        port = server.server_address[1]
        urls = [f"http://localhost:{port}/page/{n}" for n in range(6)]
        results = check_urls(urls, replace(FAST, per_host=3, allow_private=True, soft_404_probe=False)).results
    assert {r.verdict for r in results.values()} == {Verdict.OK}
    assert lookups == ["localhost"]
