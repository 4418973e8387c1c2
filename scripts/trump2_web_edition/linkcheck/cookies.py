"""The run's cookies: what a host sets is sent back to it (some sites answer a first visit by setting a cookie
and redirecting to the same page, which without the cookie would be a redirect loop)."""

from __future__ import annotations

from collections.abc import Iterable


class CookieJar:
    """Names and values only, per domain: paths, expiry dates and the Secure flag are not needed for a check."""

    def __init__(self) -> None:
        # (domain, host only?) -> name -> value
        self._jars: dict[tuple[str, bool], dict[str, str]] = {}

    def store(self, host: str, set_cookies: Iterable[str]) -> None:
        """Remember the cookies a host set (Set-Cookie values); a Max-Age of 0 or less removes one."""
        for set_cookie in set_cookies:
            pair, *attributes = set_cookie.split(";")
            name, equals, value = pair.partition("=")
            name = name.strip()
            if not equals or not name:
                continue
            domain, host_only, expired = host, True, False
            for attribute in attributes:
                key, _, argument = attribute.partition("=")
                key, argument = key.strip().lower(), argument.strip()
                if key == "domain" and argument:
                    domain, host_only = argument.lstrip(".").lower(), False
                elif key == "max-age":
                    expired = argument.lstrip("-").isdigit() and int(argument) <= 0
            # A cookie for another site, or for a whole top-level domain, is not kept.
            if not (host == domain or host.endswith("." + domain)) or (not host_only and "." not in domain):
                continue
            jar = self._jars.setdefault((domain, host_only), {})
            if expired:
                jar.pop(name, None)
            else:
                jar[name] = value.strip()

    def header(self, host: str) -> str | None:
        """The Cookie header for a request to the host, or None."""
        pairs: dict[str, str] = {}
        for (domain, host_only), jar in self._jars.items():
            if domain == host or (not host_only and host.endswith("." + domain)):
                pairs.update(jar)
        return "; ".join(f"{name}={value}" for name, value in pairs.items()) or None
