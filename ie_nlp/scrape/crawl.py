"""Crawl orchestration: discover article URLs from each source's entry points, then fetch and
extract them, one thread per host at a time (so hosts are crawled in parallel but each host
sees one request at a time), recording everything in the store and emitting new articles."""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from ie_nlp.scrape import discover
from ie_nlp.scrape.discover import Link, normalize_url
from ie_nlp.scrape.fetch import Fetcher, FetchResult
from ie_nlp.scrape.main_text import extract_article, to_record
from ie_nlp.scrape.options import DISCOVERY_TYPES, HTML_TYPES, ScrapeOptions
from ie_nlp.scrape.robots import host_key
from ie_nlp.scrape.sources import Source
from ie_nlp.scrape.store import Store, text_hash

DONE = frozenset({"emitted", "duplicate"})  # collected: not fetched again (unless revisit)
REJECTED = "rejected"  # not an article (PDF, too large, no text): not retried either
MAX_FAILED_RUNS = 5  # a URL failing this many runs in a row is given up on


@dataclass
class CrawlSummary:
    fetched: int = 0  # pages downloaded (HTTP 200)
    emitted: int = 0  # new or changed articles written
    unchanged: int = 0  # 304 Not Modified, or the same content again
    known: int = 0  # handled in an earlier run (collected or rejected): not requested
    robots: int = 0  # skipped: disallowed by robots.txt
    duplicates: int = 0  # exact or near duplicates of an article emitted before
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)
    requests: int = 0
    seconds: float = 0.0

    def lines(self) -> list[str]:
        head = (
            f"fetched {self.fetched}, new articles {self.emitted}, unchanged {self.unchanged}, "
            f"known from earlier runs {self.known}, skipped by robots.txt {self.robots}, "
            f"duplicates {self.duplicates}, failed {len(self.failed)} "
            + (f"({self.requests} requests, " if self.requests else "(")
            + f"{self.seconds:.1f} s)"
        )
        return [head] + [f"  failed: {url}: {reason}" for url, reason in self.failed]


Emit = Callable[[dict[str, Any]], None]


class Crawler:
    def __init__(
        self,
        options: ScrapeOptions,
        store: Store,
        emit: Emit,
        fetcher: Fetcher | None = None,
        on_total: Callable[[int], None] | None = None,
        on_done: Callable[[], None] | None = None,
    ) -> None:
        self.options = options
        self.store = store
        self.emit = emit
        self.fetcher = fetcher or Fetcher(options)
        self.summary = CrawlSummary()
        self._on_total = on_total or (lambda n: None)
        self._on_done = on_done or (lambda: None)
        self._lock = threading.Lock()
        self._claimed: set[str] = set()  # URLs taken in this run: nothing is fetched twice

    # -- public ------------------------------------------------------------------------------
    def run(self, sources: list[Source]) -> CrawlSummary:
        start = time.monotonic()
        for source in sources:
            if source.delay is not None:
                for url, _kind in source.entries():
                    self.fetcher.set_host_delay(url, source.delay)
        with ThreadPoolExecutor(max(1, self.options.concurrency)) as pool:
            found = list(pool.map(self._discover_source, sources))
        by_host: dict[str, list[tuple[str, Source, Link]]] = {}
        for source, links in zip(sources, found, strict=True):
            for link in self._select(source, links):
                by_host.setdefault(host_key(link.url), []).append((link.url, source, link))
        self._on_total(sum(len(items) for items in by_host.values()))
        with ThreadPoolExecutor(max(1, self.options.concurrency)) as pool:
            list(pool.map(self._crawl_host, by_host.values()))
        self.summary.requests = self.fetcher.requests
        self.summary.seconds = time.monotonic() - start
        return self.summary

    # -- discovery ---------------------------------------------------------------------------
    def _claim(self, url: str) -> bool:
        with self._lock:
            if url in self._claimed:
                return False
            self._claimed.add(url)
            return True

    def _fail(self, url: str, reason: str) -> None:
        with self._lock:
            self.summary.failed.append((url, reason))

    def _discover_source(self, source: Source) -> list[Link]:
        links: list[Link] = []
        for url, kind in source.entries():
            url = normalize_url(url)
            if self._claim(url):
                links += self._discover(url, kind, source, depth=0)
        return links

    def _discover(self, url: str, kind: str, source: Source, depth: int) -> list[Link]:
        """Links from one entry point, revalidated with a conditional GET each run; on 304 the
        links it listed last time are used, so an article that failed then is retried now."""
        row = self.store.get(url)
        result = self.fetcher.fetch(
            url,
            row["etag"] if row is not None else None,
            row["last_modified"] if row is not None else None,
            accept=DISCOVERY_TYPES,
        )
        if result.status == "not_modified" and row is not None:
            self.store.update(url, fetched_at=time.time(), http_status=304, error=None)
            with self._lock:
                self.summary.unchanged += 1
            return [Link(u) for u in self.store.links(url)]
        if result.status != "ok":
            self._entry_failed(url, result)
            return []
        page_kind = discover.classify(result.content)
        links: list[Link] = []
        if page_kind in ("feed", "json_feed"):
            links = discover.parse_feed(result.content, result.final_url)
        elif page_kind in ("sitemap", "sitemap_index"):
            page_kind, links = discover.parse_sitemap(result.content, result.final_url)
        elif page_kind == "html":
            if kind == "auto" and result.content_type in HTML_TYPES:
                article = extract_article(result.text, result.final_url)
                if article is not None and article.is_article:
                    self.store.update(url, kind="article", source=source.name)
                    self._article_result(url, result, source, Link(url), article)
                    return []
            links = self._listing(result, source, depth)
            page_kind = "listing"
        else:
            self._fail(url, f"not a feed, sitemap or HTML page ({result.content_type})")
            return []
        self._record_discovery(url, result, page_kind, source, links)
        if page_kind == "sitemap_index":
            children: list[Link] = []
            for child in links:
                child_url = normalize_url(child.url)
                if depth < self.options.max_sitemap_depth and self._claim(child_url):
                    children += self._discover(child_url, "sitemap", source, depth + 1)
            return children
        return links

    def _listing(self, result: FetchResult, source: Source, depth: int) -> list[Link]:
        links, next_url = discover.listing_links(result.text, result.final_url, source.link_pattern)
        if next_url and depth + 1 < self.options.max_listing_pages:
            next_url = normalize_url(next_url)
            if self._claim(next_url):
                links += self._discover(next_url, "listing", source, depth + 1)
        return links

    def _record_discovery(
        self, url: str, result: FetchResult, kind: str, source: Source, links: list[Link]
    ) -> None:
        self.store.update(
            url, kind=kind, source=source.name, status="discovered", http_status=200,
            etag=result.etag, last_modified=result.last_modified, error=None,
            fetched_at=time.time(),
        )  # fmt: skip
        self.store.add_links(url, [normalize_url(link.url) for link in links])

    def _entry_failed(self, url: str, result: FetchResult) -> None:
        if result.status == "robots":
            with self._lock:
                self.summary.robots += 1
        else:
            self._fail(url, result.error or result.status)
        self.store.update(url, status=result.status, error=result.error)

    def _select(self, source: Source, links: list[Link]) -> list[Link]:
        """This run's share of a source's links: wanted by its patterns, not yet claimed, and
        within ``max_pages`` counting only URLs that will really be requested."""
        chosen: list[Link] = []
        limit = source.max_pages or self.options.max_pages
        for link in links:
            link.url = normalize_url(link.url)
            if not source.wants(link.url) or not self._claim(link.url):
                continue
            if not self._due(link.url):
                with self._lock:
                    self.summary.known += 1
                continue
            if limit is not None and len(chosen) >= limit:
                continue
            chosen.append(link)
        return chosen

    def _due(self, url: str) -> bool:
        row = self.store.get(url)
        if row is None or row["status"] not in DONE:
            if row is not None and row["status"] == REJECTED:
                return False
            return row is None or (row["attempts"] or 0) < MAX_FAILED_RUNS
        days = self.options.revisit_days
        return days is not None and time.time() - (row["fetched_at"] or 0) > days * 86400

    # -- articles ----------------------------------------------------------------------------
    def _crawl_host(self, items: list[tuple[str, Source, Link]]) -> None:
        for url, source, link in items:
            try:
                self._article(url, source, link)
            except Exception as error:  # one bad page must not end the crawl of its host
                self._fail(url, f"internal error: {type(error).__name__}: {error}")
            self._on_done()

    def _article(self, url: str, source: Source, link: Link) -> None:
        row = self.store.get(url)
        conditional = row is not None and row["status"] in DONE
        result = self.fetcher.fetch(
            url,
            row["etag"] if conditional and row else None,
            row["last_modified"] if conditional and row else None,
            accept=HTML_TYPES,
        )
        self._article_result(url, result, source, link)

    def _article_result(
        self, url: str, result: FetchResult, source: Source, link: Link, article: Any = None
    ) -> None:
        row = self.store.get(url)
        if result.status in ("robots", "failed"):
            self._entry_failed(url, result)
            attempts = (row["attempts"] or 0) + 1 if row else 1
            status = REJECTED if result.permanent else result.status
            self.store.update(
                url, kind="article", source=source.name, attempts=attempts, status=status
            )
            return
        if result.status == "not_modified":
            self.store.update(url, http_status=304, fetched_at=time.time())
            with self._lock:
                self.summary.unchanged += 1
            return
        with self._lock:
            self.summary.fetched += 1
        content_hash = hashlib.sha256(result.content).hexdigest()
        common: dict[str, Any] = {
            "kind": "article", "source": source.name, "http_status": result.http_status,
            "etag": result.etag, "last_modified": result.last_modified,
            "content_hash": content_hash, "fetched_at": time.time(), "attempts": 0, "error": None,
        }  # fmt: skip
        if row is not None and row["status"] in DONE and row["content_hash"] == content_hash:
            self.store.update(url, **common)  # server ignored our validators: same bytes
            with self._lock:
                self.summary.unchanged += 1
            return
        article = article or extract_article(result.text, result.final_url)
        if article is None or not article.text.strip():
            self.store.update(url, **{**common, "status": REJECTED, "error": "no article text"})
            self._fail(url, "no article text found")
            return
        if (
            row is not None
            and row["status"] in DONE
            and row["text_hash"] == text_hash(article.text)
        ):
            self.store.update(url, **common)  # only boilerplate (ads, dates) changed
            with self._lock:
                self.summary.unchanged += 1
            return
        record = to_record(
            article, result.final_url, source.name,
            language=link.language or source.language, published=link.published, title=link.title,
        )  # fmt: skip
        duplicate_of = self.store.claim_article(
            url, record["id"], article.text, canonical_url=article.canonical_url, **common
        )
        if duplicate_of is not None:
            with self._lock:
                self.summary.duplicates += 1
            return
        with self._lock:
            self.emit(record)
            self.summary.emitted += 1
