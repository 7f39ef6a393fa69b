"""Polite HTTP fetching: robots.txt (cached per host), per-host spacing, retries with back-off,
size and type limits, manual redirects (so every hop is SSRF- and robots-checked) and
conditional GETs. One :class:`Fetcher` is shared by all crawl threads."""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import httpx

from ie_nlp.errors import UrlForbiddenError
from ie_nlp.scrape.charset import decode_body
from ie_nlp.scrape.options import ScrapeOptions
from ie_nlp.scrape.robots import RobotsRules, host_key, parse_robots, robots_url
from ie_nlp.scrape.ssrf import check_url

REDIRECTS = frozenset({301, 302, 303, 307, 308})
ROBOTS_MAX_BYTES = 500 * 1024  # RFC 9309: crawlers must parse at least 500 KiB


@dataclass
class FetchResult:
    """What became of one URL. ``status``: ok, not_modified, robots, failed."""

    url: str
    status: str
    final_url: str = ""
    http_status: int | None = None
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    error: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    permanent: bool = False  # a failure that retrying will not fix (type, size)

    @property
    def text(self) -> str:
        return decode_body(self.content, self.headers.get("content-type", ""))


@dataclass
class _Raw:
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""
    error: str | None = None  # set: this attempt failed without a usable response
    transient: bool = False  # the failure may go away on retry
    permanent: bool = False  # the failure is the page's nature (content type, size)


class HostLimiter:
    """One request at a time per host, the next one no earlier than ``delay`` after the last
    response ended (spacing from the end, so slow responses also slow us down). The delay is
    the one known when the next request is due, so a crawl-delay read from robots.txt already
    spaces the request that follows robots.txt itself."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, threading.Lock] = {}
        self._last: dict[str, float] = {}  # when the host's last response ended
        self._hold: dict[str, float] = {}  # no request before this (back-off, Retry-After)

    @contextmanager
    def slot(self, host: str, delay: float) -> Iterator[None]:
        with self._guard:
            lock = self._locks.setdefault(host, threading.Lock())
        with lock:
            with self._guard:
                due = max(self._last.get(host, -1e9) + delay, self._hold.get(host, 0.0))
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                yield
            finally:
                with self._guard:
                    self._last[host] = time.monotonic()

    def defer(self, host: str, seconds: float) -> None:
        """Push the host's next request back (back-off, Retry-After) for every thread."""
        with self._guard:
            self._hold[host] = max(self._hold.get(host, 0.0), time.monotonic() + seconds)


def retry_after_seconds(value: str | None) -> float | None:
    """``Retry-After`` as seconds: delta-seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError, IndexError):
        return None


class Fetcher:
    def __init__(self, options: ScrapeOptions, transport: httpx.BaseTransport | None = None):
        self.options = options
        self.limiter = HostLimiter()
        self.requests = 0
        self._robots: dict[str, RobotsRules] = {}
        self._robots_locks: dict[str, threading.Lock] = {}
        self._host_delays: dict[str, float] = {}
        self._lock = threading.Lock()
        self._client = httpx.Client(
            headers={"User-Agent": options.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(options.timeout),
            follow_redirects=False,  # followed by hand: each hop is SSRF- and robots-checked
            transport=transport,
            trust_env=options.trust_env,
        )

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- robots.txt -------------------------------------------------------------------------
    def robots(self, url: str) -> RobotsRules:
        """The host's rules, fetched once per crawl. 4xx means no rules; 5xx or unreachable
        means disallow everything for now (RFC 9309 section 2.3.1)."""
        host = host_key(url)
        with self._lock:
            lock = self._robots_locks.setdefault(host, threading.Lock())
        with lock:
            if host not in self._robots:
                self._robots[host] = self._load_robots(url)
            return self._robots[host]

    def _load_robots(self, url: str) -> RobotsRules:
        result = self._get(robots_url(url), {}, accept=None, robots=False, limit=ROBOTS_MAX_BYTES)
        if result.status == "ok":
            return parse_robots(result.text, self.options.robots_token)
        if result.http_status is not None and 400 <= result.http_status < 500:
            return RobotsRules.allow_all()
        return RobotsRules.deny_all()

    def set_host_delay(self, url: str, delay: float) -> None:
        """A source's own rate for its host (robots.txt crawl-delay still wins if larger)."""
        with self._lock:
            self._host_delays[host_key(url)] = delay

    def host_delay(self, url: str) -> float:
        delay = self._host_delays.get(host_key(url), self.options.delay)
        if self.options.respect_robots:
            rules = self._robots.get(host_key(url))
            if rules is not None and rules.crawl_delay is not None:
                delay = max(delay, min(rules.crawl_delay, self.options.max_crawl_delay))
        return delay

    # -- fetching ---------------------------------------------------------------------------
    def fetch(
        self,
        url: str,
        etag: str | None = None,
        last_modified: str | None = None,
        accept: tuple[str, ...] | None = None,
    ) -> FetchResult:
        """GET ``url`` politely. ``accept``: content types taken (None: any)."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers, accept=accept, robots=self.options.respect_robots)

    def _get(
        self,
        url: str,
        headers: dict[str, str],
        accept: tuple[str, ...] | None,
        robots: bool,
        limit: int | None = None,
    ) -> FetchResult:
        seen = {url}
        current = url
        for _hop in range(self.options.max_redirects + 1):
            try:
                check_url(current, self.options.allow_private)
            except UrlForbiddenError as error:
                return FetchResult(url, "failed", current, error=f"forbidden: {error.message}")
            if robots and not self.robots(current).allowed(current):
                return FetchResult(url, "robots", current, error="disallowed by robots.txt")
            raw = self._with_retries(current, headers, accept, limit or self.options.max_bytes)
            ctype = raw.headers.get("content-type", "")
            if raw.error is not None:
                failed = FetchResult(url, "failed", current, raw.status or None, error=raw.error)
                failed.permanent = raw.permanent
                return failed
            if raw.status in REDIRECTS and "location" in raw.headers:
                target = urljoin(current, raw.headers["location"]).split("#", 1)[0]
                if target in seen:
                    loop = FetchResult(url, "failed", current, raw.status, error="redirect loop")
                    loop.permanent = True
                    return loop
                seen.add(target)
                current = target
                continue
            result = FetchResult(
                url,
                "ok",
                current,
                raw.status,
                content=raw.content,
                content_type=ctype.split(";", 1)[0].strip().lower(),
                etag=raw.headers.get("etag"),
                last_modified=raw.headers.get("last-modified"),
                headers=raw.headers,
            )
            if raw.status == 304:
                result.status = "not_modified"
            elif raw.status != 200:
                result.status, result.error = "failed", f"HTTP {raw.status}"
            return result
        return FetchResult(url, "failed", current, error="too many redirects", permanent=True)

    def _with_retries(
        self, url: str, headers: dict[str, str], accept: tuple[str, ...] | None, limit: int
    ) -> _Raw:
        host = host_key(url)
        opts = self.options
        raw = _Raw()
        for attempt in range(opts.retries + 1):
            with self.limiter.slot(host, self.host_delay(url)):
                raw = self._request(url, headers, accept, limit)
            retryable = raw.transient or raw.status == 429 or raw.status >= 500
            if not retryable:
                return raw
            reason = raw.error or f"HTTP {raw.status}"
            if attempt == opts.retries:
                return _Raw(raw.status, raw.headers, error=f"{reason} after {attempt + 1} tries")
            # Exponential back-off with "equal jitter", so many crawlers don't retry in step.
            wait = min(opts.backoff_max, opts.backoff_base * 2**attempt)
            wait = wait / 2 + random.uniform(0, wait / 2)
            after = retry_after_seconds(raw.headers.get("retry-after"))
            if after is not None:
                if after > opts.max_retry_after:
                    return _Raw(
                        raw.status, raw.headers, error=f"{reason}, Retry-After {after:.0f}s"
                    )
                wait = max(wait, after)
            self.limiter.defer(host, wait)
        return raw

    def _request(
        self, url: str, headers: dict[str, str], accept: tuple[str, ...] | None, limit: int
    ) -> _Raw:
        with self._lock:
            self.requests += 1
        deadline = time.monotonic() + self.options.timeout
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                got = {k.lower(): v for k, v in response.headers.items()}
                raw = _Raw(response.status_code, got)
                if response.status_code != 200:
                    return raw  # error, redirect or 304: the body is of no use
                ctype = got.get("content-type", "").split(";", 1)[0].strip().lower()
                if accept is not None and ctype not in accept:
                    raw.error = f"content type {ctype or 'missing'} is not accepted"
                    raw.permanent = True
                    return raw
                declared = got.get("content-length", "")
                if declared.isdigit() and int(declared) > limit:
                    raw.error, raw.permanent = f"response larger than {limit} bytes", True
                    return raw
                chunks, size = [], 0
                # Decoded bytes are counted, so a small gzip bomb hits the limit too.
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > limit:
                        raw.error, raw.permanent = f"response larger than {limit} bytes", True
                        return raw
                    if time.monotonic() > deadline:
                        raw.error, raw.transient = "timeout (body too slow)", True
                        return raw
                    chunks.append(chunk)
                raw.content = b"".join(chunks)
                return raw
        except httpx.TimeoutException as error:
            return _Raw(error=f"timeout ({type(error).__name__})", transient=True)
        except (httpx.TransportError, httpx.DecodingError, httpx.InvalidURL) as error:
            return _Raw(error=f"connection error ({type(error).__name__}: {error})", transient=True)
