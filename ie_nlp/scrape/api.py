"""Fetching one page by URL for the API (``POST /v1/extract`` with ``url``): off unless
``IE_ALLOW_URL_FETCH`` is set, SSRF-guarded, robots.txt obeyed, limits from settings."""

from __future__ import annotations

from urllib.parse import urlsplit

from ie_nlp.errors import FetchFailedError, UrlFetchDisabledError
from ie_nlp.schema import InputArticle
from ie_nlp.scrape.options import HTML_TYPES, ScrapeOptions
from ie_nlp.scrape.ssrf import check_url
from ie_nlp.settings import Settings


def fetch_article(url: str, settings: Settings) -> InputArticle:
    """Fetch ``url`` and return its article as an :class:`InputArticle`.

    Raises ``UrlFetchDisabledError`` (``url_fetch_disabled``) when URL fetching is off,
    ``UrlForbiddenError`` (``url_forbidden``) for non-http(s) URLs and private, loopback or
    link-local addresses, ``FetchFailedError`` (``fetch_failed``) when the page cannot be
    fetched or holds no article text.
    """
    if not settings.allow_url_fetch:
        raise UrlFetchDisabledError(
            "fetching articles by URL is disabled; set IE_ALLOW_URL_FETCH=true to enable it"
        )
    check_url(url, settings.allow_private_addresses)  # before any request, also robots.txt's
    # Imported here so that importing ie_nlp.scrape (the service does) stays cheap.
    from ie_nlp.scrape.fetch import Fetcher
    from ie_nlp.scrape.main_text import extract_article, to_record

    # One page: no retries beyond one, so an API request does not hang on a flaky host.
    options = ScrapeOptions.from_settings(settings, retries=min(settings.scrape_retries, 1))
    with Fetcher(options) as fetcher:
        result = fetcher.fetch(url, accept=HTML_TYPES)
    if result.status == "robots":
        raise FetchFailedError(f"{url} is disallowed by the site's robots.txt")
    if result.status != "ok":
        raise FetchFailedError(f"cannot fetch {url}: {result.error or result.status}")
    article = extract_article(result.text, result.final_url)
    if article is None or not article.text.strip():
        raise FetchFailedError(f"no article text found at {url}")
    record = to_record(article, result.final_url, source=urlsplit(result.final_url).hostname)
    return InputArticle.model_validate(record)
