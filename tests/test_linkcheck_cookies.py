"""The run's cookie jar: a cookie goes back where a browser would send it, never to another site."""

from __future__ import annotations

from trump2_web_edition.linkcheck.cookies import CookieJar


def test_no_cookie_before_one_is_set():
    assert CookieJar().header("https://www.example.com/") is None


def test_a_cookie_goes_back_to_the_host_that_set_it_only():
    jar = CookieJar()
    jar.store("http://www.example.com/", ["a=1; Path=/; HttpOnly", "b=2"])
    assert jar.header("http://www.example.com/x") == "a=1; b=2"
    assert jar.header("http://example.com/") is None and jar.header("http://other.www.example.com/") is None


def test_a_domain_cookie_goes_to_its_subdomains():
    jar = CookieJar()
    jar.store("https://udn.com/", ["session=x; Domain=.udn.com"])
    assert jar.header("https://money.udn.com/a") == jar.header("https://udn.com/") == "session=x"
    assert jar.header("https://notudn.com/") is None


def test_cookies_for_other_sites_or_whole_top_level_domains_are_not_kept():
    jar = CookieJar()
    jar.store("http://a.example.com/", ["x=1; Domain=b.example.org", "y=2; Domain=com", "=3"])
    assert jar.header("http://a.example.com/") is None and jar.header("http://b.example.org/") is None


def test_max_age_zero_removes_a_cookie():
    jar = CookieJar()
    jar.store("http://example.com/", ["a=1", "b=2"])
    jar.store("http://example.com/", ["a=; Max-Age=0"])
    assert jar.header("http://example.com/") == "b=2"


def test_paths_and_the_secure_flag_are_kept_to():
    jar = CookieJar()
    jar.store("https://example.com/news/1", ["page=1; Path=/news", "safe=1; Path=/; Secure"])
    assert jar.header("https://example.com/news/2") == "page=1; safe=1"
    assert jar.header("https://example.com/about") == "safe=1"
    assert jar.header("http://example.com/news/2") == "page=1"
