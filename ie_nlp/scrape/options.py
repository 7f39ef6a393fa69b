"""One options object for a crawl, so every stage (robots, fetch, discover, store) reads the same
politeness and limit settings instead of threading a dozen arguments through."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from ie_nlp.settings import Settings, get_settings

# Content types accepted per kind of page: articles must be HTML (a PDF or an image is never an
# article record), discovery documents may also be XML feeds and sitemaps.
HTML_TYPES = ("text/html", "application/xhtml+xml")
DISCOVERY_TYPES = (
    *HTML_TYPES,
    "application/rss+xml",
    "application/atom+xml",
    "application/xml",
    "text/xml",
    "application/rdf+xml",
    "application/feed+json",
)


@dataclass(frozen=True)
class ScrapeOptions:
    """Politeness, limits and behaviour of one crawl. Build it with :meth:`from_settings`: the
    first nine fields have no defaults of their own, their one source is ``Settings``."""

    user_agent: str
    delay: float
    """Least seconds between two requests to one host; a larger robots.txt crawl-delay wins."""
    concurrency: int
    """Hosts crawled in parallel; each host still gets one request at a time."""
    timeout: float
    max_bytes: int
    max_redirects: int
    retries: int
    allow_private: bool
    store_path: Path
    max_crawl_delay: float = 30.0
    """A robots.txt crawl-delay above this is capped, so one host cannot stall a crawl forever."""
    backoff_base: float = 0.5
    backoff_max: float = 30.0
    max_retry_after: float = 120.0
    """A Retry-After longer than this is not waited for: the URL fails and is retried next run."""
    respect_robots: bool = True
    max_pages: int | None = None
    """Most article pages fetched per source in one run (None: no limit)."""
    max_sitemap_depth: int = 3
    max_listing_pages: int = 5
    revisit_days: float | None = None
    """Re-check articles fetched longer ago than this with a conditional GET (None: never)."""
    trust_env: bool = True
    """Use proxy settings from the environment (tests turn it off to stay on 127.0.0.1)."""

    @classmethod
    def from_settings(cls, settings: Settings | None = None, **overrides: object) -> ScrapeOptions:
        """Options from ``IE_*`` settings; keyword overrides (``None`` values ignored) win."""
        s = settings or get_settings()
        base = cls(
            user_agent=s.scrape_user_agent,
            delay=s.scrape_delay_s,
            concurrency=s.scrape_concurrency,
            timeout=s.scrape_timeout_s,
            max_bytes=s.scrape_max_bytes,
            max_redirects=s.scrape_max_redirects,
            retries=s.scrape_retries,
            allow_private=s.allow_private_addresses,
            store_path=s.scrape_store_path,
        )
        return base.with_(**overrides)

    def with_(self, **overrides: object) -> ScrapeOptions:
        """A copy with the given fields replaced; ``None`` means "keep"."""
        given = {key: value for key, value in overrides.items() if value is not None}
        return replace(self, **given)  # type: ignore[arg-type]

    @property
    def robots_token(self) -> str:
        """The product token robots.txt groups are matched against ("ie-nlp")."""
        return self.user_agent.split("/", 1)[0].split()[0].lower()
