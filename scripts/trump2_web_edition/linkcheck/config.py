"""The checker's limits: CheckConfig is the one place where each of them is defined."""

from __future__ import annotations

from dataclasses import dataclass

BROWSER_USER_AGENT = (
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36"
)
PLAIN_USER_AGENT = "edition-link-checker/1.0 (+cited-URL checker)"


@dataclass(frozen=True)
class CheckConfig:
    """Every limit of the checker; the defaults are polite for a few dozen URLs on public sites."""

    timeout: float = 15.0
    concurrency: int = 16
    per_host: int = 2
    host_spacing: float = 0.5
    retries: int = 3
    backoff_base: float = 1.0
    backoff_max: float = 16.0
    retry_after_max: float = 60.0
    max_redirects: int = 10
    max_body: int = 256 * 1024
    user_agent: str = BROWSER_USER_AGENT
    allow_private: bool = False
    # Addresses allowed even when private ones are refused (the tests' first hop on 127.0.0.1).
    allowed_addresses: frozenset[str] = frozenset()
    # "host:port" pairs let through whatever their addresses (the archives asked, trusted configuration).
    allowed_hosts: frozenset[str] = frozenset()
    verify_tls: bool = True
    soft_404_probe: bool = True
    # Read HTML pages up to their <title> (a GET stopped early) to catch "page not found" titles.
    read_titles: bool = True
    # This many distinct URLs redirected to one site root make that root a soft-404 destination.
    home_redirect_threshold: int = 3
    # Days a host's probe is remembered (in the cache) before the host is probed again.
    host_facts_days: float = 28.0
