"""The run's cookie jar: names and values per domain, never sent to another site."""

from __future__ import annotations

from trump2_web_edition.linkcheck.cookies import CookieJar


def test_a_cookie_goes_back_to_the_host_that_set_it_only():
    jar = CookieJar()
    jar.store("www.example.com", ["a=1; Path=/; HttpOnly", "b=2"])
    assert jar.header("www.example.com") == "a=1; b=2"
    assert jar.header("example.com") is None and jar.header("other.www.example.com") is None


def test_a_domain_cookie_goes_to_its_subdomains():
    jar = CookieJar()
    jar.store("udn.com", ["session=x; Domain=.udn.com"])
    assert jar.header("money.udn.com") == jar.header("udn.com") == "session=x"
    assert jar.header("notudn.com") is None


def test_cookies_for_other_sites_or_whole_top_level_domains_are_not_kept():
    jar = CookieJar()
    jar.store("a.example.com", ["x=1; Domain=b.example.org", "y=2; Domain=com", "broken", "=3"])
    assert jar.header("a.example.com") is None and jar.header("b.example.org") is None


def test_max_age_zero_removes_a_cookie():
    jar = CookieJar()
    jar.store("example.com", ["a=1", "b=2"])
    jar.store("example.com", ["a=; Max-Age=0"])
    assert jar.header("example.com") == "b=2"
