"""The link benchmark's URL orders, and one small run of the tools on its servers (figures checked, never times)."""

from __future__ import annotations

import json
from collections import Counter
from itertools import combinations

import benchmark_links
import pytest
from benchmark_links import ORDERS, article_urls, host_of, in_order, make_urls, on_local_hosts
from conftest import ROOT, SEED

BASES = [f"http://127.0.0.{n}:8000" for n in range(1, 5)]


def test_round_robin_is_the_order_urls_are_made_in():
    pairs = make_urls(BASES, 40)
    assert in_order(pairs, "round-robin") == pairs
    hosts = [host_of(url) for url, _ in pairs]
    assert all(hosts[i] != hosts[i + 1] for i in range(len(hosts) - 1))


def test_grouped_puts_each_hosts_urls_together():
    hosts = [host_of(url) for url, _ in in_order(make_urls(BASES, 40), "grouped")]
    runs = [host for i, host in enumerate(hosts) if i == 0 or hosts[i - 1] != host]
    assert len(runs) == len(BASES)


def test_shuffled_is_a_seeded_permutation():
    pairs = make_urls(BASES, 40)
    shuffled = in_order(pairs, "shuffled", seed=1)
    assert shuffled == in_order(pairs, "shuffled", seed=1)
    assert shuffled != pairs and sorted(shuffled) == sorted(pairs)


@pytest.mark.parametrize("order", ORDERS)
def test_every_order_lists_the_same_urls(order):
    pairs = make_urls(BASES, 40)
    assert Counter(in_order(pairs, order)) == Counter(pairs)


def test_a_small_run_of_both_tools_agrees_with_the_truth(capsys):
    args = ["--urls", "40", "--hosts", "4", "--latency", "0", "--interval", "0", "--scenario", "steady", "--json"]
    assert benchmark_links.main(args) == 0
    results = json.loads(capsys.readouterr().out)
    assert [figures["order"] for figures in results] == list(ORDERS)
    for figures in results:
        assert figures["verdict_agreement"] == figures["verdict_agreement_cold"] == 1.0
        for tool in ("ours", "ours-cold", "lychee"):
            assert figures[tool]["correct"] == 40
            assert figures[tool]["requests"] >= 40
        # The weekly run starts from last week's cache: its hosts' probes are believed, so no made-up page is asked.
        assert figures["ours"]["requests"] == figures["lychee"]["requests"] < figures["ours-cold"]["requests"]


def test_the_article_scenario_checks_the_cited_urls_on_local_hosts():
    from trump2_web_edition.edition.citations.urls import cited_urls
    from trump2_web_edition.edition.parse import parse_file

    # The benchmark reads the live article, which an editor may correct: its URLs are distinct addresses;
    # the fixture's are the golden list.
    cited = article_urls()
    assert cited and len(set(cited)) == len(cited) and all(url.startswith(("http://", "https://")) for url in cited)
    fixture = list(dict.fromkeys(c.url for c in cited_urls(parse_file(SEED))))
    assert fixture == (ROOT / "tests" / "golden" / "urls.txt").read_text(encoding="utf-8").split()
    hosts = list(dict.fromkeys(host_of(url) for url in cited))
    bases = [f"http://127.0.0.{n + 1}:8000" for n in range(len(hosts))]
    local = on_local_hosts(cited, bases)
    assert [url.split("/", 3)[3] for url in local] == [url.split("/", 3)[3] for url in cited]  # paths kept
    assert {host_of(url) for url in local} == {host_of(base) for base in bases}
    pairs = list(zip(cited, local, strict=True))
    same = {(host_of(a) == host_of(b), host_of(x) == host_of(y)) for (a, x), (b, y) in combinations(pairs, 2)}
    assert same == {(True, True), (False, False)}  # two URLs share a local host exactly when they shared a host
