"""SSRF refusal (``check_url``, the ``Fetcher``) and ``fetch_article`` for the API, against the
fixture site. (The ``ie-nlp scrape`` command is tested in tests/cli/test_scrape.py.)"""

from __future__ import annotations

import pytest
from fixture_site import Site

from ie_nlp.errors import FetchFailedError, UrlFetchDisabledError, UrlForbiddenError
from ie_nlp.scrape import fetch_article
from ie_nlp.scrape.fetch import Fetcher
from ie_nlp.scrape.options import ScrapeOptions
from ie_nlp.scrape.ssrf import check_url
from ie_nlp.settings import Settings

# Literal addresses only: check_url refuses them before any connection is attempted.
PRIVATE = [
    "http://127.0.0.1/",
    "http://127.9.9.9:8080/x",
    "http://10.1.2.3/",
    "http://192.168.0.10/",
    "http://172.16.5.4/",
    "http://169.254.169.254/latest/meta-data/",
    "http://[::1]/",
    "http://[::ffff:127.0.0.1]/",
    "http://0.0.0.0/",
]


@pytest.mark.parametrize("url", PRIVATE)
def test_private_addresses_are_refused_unless_allowed(url: str) -> None:
    with pytest.raises(UrlForbiddenError) as raised:
        check_url(url)
    assert raised.value.code == "url_forbidden"
    check_url(url, allow_private=True)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://a.test/x", "http://user:pw@a.test/"])
def test_odd_urls_are_refused(url: str) -> None:
    with pytest.raises(UrlForbiddenError):
        check_url(url, allow_private=True)


def test_fetcher_refuses_private_host_without_a_request(site: Site, options: ScrapeOptions) -> None:
    with Fetcher(options.with_(allow_private=False)) as fetcher:
        result = fetcher.fetch(f"{site.base}/news/series-b.html")
    assert result.status == "failed" and "forbidden" in (result.error or "")
    assert site.hits == []


def _settings(**values: object) -> Settings:
    return Settings(scrape_delay_s=0.0, scrape_timeout_s=2.0, **values)  # type: ignore[arg-type]


def test_fetch_article_disabled_forbidden_and_allowed(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    url = f"{site.base}/news/cell-therapy-deal.html"
    with pytest.raises(UrlFetchDisabledError) as disabled:
        fetch_article(url, _settings())
    assert disabled.value.code == "url_fetch_disabled"
    with pytest.raises(UrlForbiddenError) as forbidden:
        fetch_article(url, _settings(allow_url_fetch=True))
    assert forbidden.value.code == "url_forbidden"
    assert site.hits == []  # refused before any request, robots.txt included
    allowed = _settings(allow_url_fetch=True, allow_private_addresses=True)
    article = fetch_article(url, allowed)
    assert article.title and article.title.startswith("Helvetia Cell Therapeutics")
    assert article.text and "EUR 45 million" in article.text and article.published == "2025-03-04"
    with pytest.raises(FetchFailedError) as failed:
        fetch_article(f"{site.base}/docs/report.pdf", allowed)
    assert failed.value.code == "fetch_failed"
    with pytest.raises(FetchFailedError, match="robots"):
        fetch_article(f"{site.base}/private/secret.html", allowed)
    assert "/private/secret.html" not in site.paths()
