"""End-to-end crawls of the fixture site, asserting what its owner would check."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from fixture_site import Site, gaps

from ie_nlp.scrape.crawl import Crawler, CrawlSummary
from ie_nlp.scrape.options import ScrapeOptions
from ie_nlp.scrape.sources import Source
from ie_nlp.scrape.store import Store

ARTICLES = {
    "/news/cell-therapy-deal.html",
    "/news/series-b.html",
    "/news/flaky-429.html",
    "/news/flaky-500.html",
    "/news/slow-once.html",
    "/news/latin1.html",
    "/news/redirected-target.html",
}
FAILURES = {
    "/docs/report.pdf": "content type application/pdf",
    "/loop/a.html": "redirect loop",
    "/news/huge.html": "larger than",
    "/news/always-slow.html": "timeout",
    "/news/missing.html": "HTTP 404",
}


def crawl(
    options: ScrapeOptions, sources: list[Source]
) -> tuple[CrawlSummary, list[dict[str, Any]]]:
    records: list[dict[str, Any]] = []
    with Store(options.store_path) as store:
        crawler = Crawler(options, store, records.append)
        try:
            summary = crawler.run(sources)
        finally:
            crawler.fetcher.close()
    return summary, records


def test_feed_crawl_is_polite_complete_and_incremental(site: Site, options: ScrapeOptions) -> None:
    feed = Source(name="bionews", feed=f"{site.base}/feed.xml", language="en")
    summary, records = crawl(options, [feed])

    # every article once, with title, date and clean text; the wire copy only flagged
    urls = sorted(record["url"].removeprefix(site.base) for record in records)
    assert urls == sorted(ARTICLES)
    assert len({record["id"] for record in records}) == len(records)
    for record in records:
        assert record["title"] and record["published"] and len(record["text"]) > 200
        assert "Copyright" not in record["text"] and "Most read" not in record["text"]
    assert summary.duplicates == 1 and summary.emitted == len(ARTICLES)
    assert site.count("/wire/series-b-copy.html") == 1

    latin = next(r for r in records if r["url"].endswith("latin1.html"))
    assert "Universitätsspital Zürich" in latin["text"] and "Zürcher" in latin["title"]
    assert latin["language"] == "de"
    deal = next(r for r in records if r["url"].endswith("cell-therapy-deal.html"))
    assert deal["published"] == "2025-03-04" and deal["author"] == "Lena Fischer"
    assert deal["source"] == "bionews"

    # robots.txt: fetched once, its disallowed path never requested
    assert site.count("/robots.txt") == 1
    assert not any(path.startswith("/private/") for path in site.paths())
    assert summary.robots == 1

    # per-host spacing: robots.txt's crawl-delay (0.3 s) beats the configured 0.2 s
    assert min(gaps(site)) >= 0.3 - 0.01

    # Retry-After honoured: the retry came at least 1 s after the 429
    tries = [hit for hit in site.hits if hit.path == "/news/flaky-429.html"]
    assert [hit.status for hit in tries] == [429, 200] and tries[1].at - tries[0].at >= 1.0
    assert site.count("/news/flaky-500.html") == 3 and site.count("/news/slow-once.html") == 2

    # nothing fetched twice (the utm_ copy of an article is the same URL); retries aside
    retried = {"/news/flaky-429.html", "/news/flaky-500.html", "/news/slow-once.html",
               "/news/always-slow.html"}  # fmt: skip
    for path in set(site.paths()) - retried:
        assert site.count(path) == 1, path
    assert site.count("/news/always-slow.html") == options.retries + 1

    # every failure reported with its reason
    reasons = {url.removeprefix(site.base): reason for url, reason in summary.failed}
    assert set(reasons) == set(FAILURES)
    for path, expected in FAILURES.items():
        assert expected in reasons[path], (path, reasons[path])

    # second run: a conditional GET of the feed (304) and no article re-fetched
    first = len(site.hits)
    summary2, records2 = crawl(options, [feed])
    again = site.hits[first:]
    feed_hits = [hit for hit in again if hit.path == "/feed.xml"]
    assert len(feed_hits) == 1 and feed_hits[0].status == 304
    assert "if-none-match" in feed_hits[0].headers
    assert records2 == [] and summary2.emitted == 0 and summary2.unchanged == 1
    refetched = {hit.path for hit in again} - {"/robots.txt", "/feed.xml"}
    # only what failed for a reason that may pass is tried again: not PDFs, huge pages, loops
    assert refetched == {"/news/always-slow.html", "/news/missing.html"}
    assert summary2.known == len(ARTICLES) + 1 + 3  # + the duplicate, PDF, huge page, loop


def test_conditional_get_on_revisit_gives_unchanged(site: Site, options: ScrapeOptions) -> None:
    source = Source(name="press", feed=f"{site.base}/atom.xml")
    summary, records = crawl(options, [source])
    assert summary.emitted == 2 and len(records) == 2
    first = len(site.hits)
    summary2, records2 = crawl(options.with_(revisit_days=0.0), [source])
    again = [hit for hit in site.hits[first:] if hit.path.startswith("/press/")]
    assert len(again) == 2
    assert all(hit.status == 304 and hit.headers.get("if-none-match") for hit in again)
    assert all(hit.headers.get("if-modified-since") for hit in again)
    assert summary2.unchanged == 3 and records2 == []  # the feed and both articles


def test_sitemap_index_and_news_sitemap(site: Site, options: ScrapeOptions) -> None:
    source = Source(name="maps", sitemap=f"{site.base}/sitemap_index.xml")
    summary, records = crawl(options, [source])
    urls = {record["url"].removeprefix(site.base) for record in records}
    assert urls == {"/news/no-date-from-sitemap.html", "/news/cell-therapy-deal.html",
                    "/news/series-b.html"}  # fmt: skip
    jura = next(r for r in records if "no-date" in r["url"])
    assert jura["published"].startswith("2025-03-01")  # from the news sitemap
    assert summary.robots == 1 and "/private/secret.html" not in site.paths()
    assert site.count("/sitemap-news.xml") == 1 and site.count("/sitemap-pages.xml") == 1


def test_listing_pages_with_pagination_and_interview(site: Site, options: ScrapeOptions) -> None:
    source = Source(name="press", listing=f"{site.base}/press/", link_pattern=r"/press/20\d\d/")
    _summary, records = crawl(options, [source])
    urls = {record["url"].removeprefix(site.base) for record in records}
    assert urls == {"/press/2025/interview-jane-roe.html", "/press/2025/spin-off.html",
                    "/press/2024/old-news.html"}  # fmt: skip
    assert site.count("/press/page2.html") == 1
    interview = next(r for r in records if "interview" in r["url"])
    paragraphs = interview["text"].split("\n\n")
    for turn in (
        "BioNews: Why did you choose Basel for the new plant?",
        "Q: What comes next for the platform?",
        "How do you finance the expansion?",
        "Is artificial intelligence part of your strategy?",
        "Yes, we license a discovery platform from DeepCell Ltd to select targets.",
    ):
        assert turn in paragraphs, turn
    assert any(p.startswith("A: A phase 2 trial") for p in paragraphs)
    assert interview["author"] == "Max Muster" and interview["published"] == "2025-03-20"


def test_include_exclude_and_max_pages(site: Site, options: ScrapeOptions) -> None:
    source = Source(
        name="bionews", feed=f"{site.base}/feed.xml", include=[r"/news/"],
        exclude=[r"flaky|slow|huge|missing|moved"], max_pages=2,
    )  # fmt: skip
    _summary, records = crawl(options, [source])
    assert len(records) == 2
    assert all("/news/" in r["url"] for r in records)
    assert not any("/wire/" in path or "/loop/" in path for path in site.paths())
    summary2, records2 = crawl(options, [source])  # the next run continues the backlog
    assert len(records2) == 1 and summary2.known == 2


def test_default_one_second_delay(make_site: Any, tmp_path: Path) -> None:
    site = make_site(robots="User-agent: *\nDisallow: /private/\n")  # no crawl-delay
    options = ScrapeOptions.from_settings(
        None, user_agent="ie-nlp-test/0.1", allow_private=True, trust_env=False,
        store_path=tmp_path / "s.sqlite3",
    )  # fmt: skip
    assert options.delay == 1.0
    source = Source(name="press", feed=f"{site.base}/atom.xml")
    summary, _ = crawl(options, [source])
    assert summary.emitted == 2 and len(site.hits) == 4  # robots, feed, 2 articles
    assert min(gaps(site)) >= 1.0 - 0.01


def test_hosts_are_crawled_in_parallel(make_site: Any, options: ScrapeOptions) -> None:
    one, two = make_site(robots=""), make_site(robots="")
    sources = [
        Source(name="one", feed=f"{one.base}/atom.xml"),
        Source(name="two", sitemap=f"{two.base}/sitemap-news.xml"),
    ]
    start = time.monotonic()
    summary, records = crawl(options.with_(delay=0.4), sources)
    elapsed = time.monotonic() - start
    assert len(records) == 4 and summary.failed == []
    # 4 requests per host spaced 0.4 s: ~1.2 s per host; one after the other would be ~2.4 s
    assert elapsed < 2.2
    for site in (one, two):
        assert min(gaps(site)) >= 0.4 - 0.01
