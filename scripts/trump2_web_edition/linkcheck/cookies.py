"""The run's cookies, kept by the standard library's http.cookiejar (sites that set one and redirect to themselves)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import http.cookiejar


class _SetCookies:
    """The Set-Cookie values of an answer, as http.cookiejar reads them from a response's ``info()``."""

    def __init__(self, values: Iterable[str]) -> None:
        self._values = list(values)

    def info(self) -> _SetCookies:
        return self

    def get_all(self, name: str, default: list[str] | None = None) -> list[str] | None:
        return self._values if name.lower() == "set-cookie" else default


class CookieJar:
    """What a host sets is sent back to it, as a browser would (domain, path, expiry and Secure rules included).

    Some sites answer a first visit by setting a cookie and redirecting to the same page, which without the cookie
    would be a redirect loop. http.cookiejar (and urllib.request, which it needs) is imported when the first cookie
    is set: most runs meet none, and its imports take longer than the rest of the checker's.
    """

    def __init__(self) -> None:
        self._jar: http.cookiejar.CookieJar | None = None

    def store(self, url: str, set_cookies: Iterable[str]) -> None:
        """Remember the cookies set (Set-Cookie values) by the answer to a request for ``url``."""
        import http.cookiejar
        import urllib.request

        if self._jar is None:
            # Host-only cookies (no Domain attribute) go back to their host alone, not to its subdomains.
            policy = http.cookiejar.DefaultCookiePolicy(
                strict_ns_domain=http.cookiejar.DefaultCookiePolicy.DomainStrictNonDomain
            )
            self._jar = http.cookiejar.CookieJar(policy)
        self._jar.extract_cookies(_SetCookies(set_cookies), urllib.request.Request(url))  # type: ignore[arg-type]

    def header(self, url: str) -> str | None:
        """The Cookie header for a request for ``url``, or None."""
        if self._jar is None:
            return None
        import urllib.request

        request = urllib.request.Request(url)
        self._jar.add_cookie_header(request)
        return request.get_header("Cookie")
