"""The fixture site: a real HTTP server on 127.0.0.1 (a free port) serving
tests/scrape/fixtures/site, with the misbehaviours a crawler meets: 429 with Retry-After, 500s,
slow responses, redirect loops, an oversized page, a PDF. It logs every request so tests can
check what a site owner would: timing, paths, conditional headers.

A plugin of tests/conftest.py (fixtures ``make_site`` and ``site``), so that the scrape tests
and the ``ie-nlp scrape`` tests (tests/cli) share it."""

from __future__ import annotations

import contextlib
import hashlib
import itertools
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

SITE_DIR = Path(__file__).parent / "scrape" / "fixtures" / "site"
LAST_MODIFIED = "Wed, 05 Mar 2025 10:00:00 GMT"
SLOW_SECONDS = 1.0  # longer than the tests' 0.5 s timeout


@dataclass
class Hit:
    path: str
    at: float
    headers: dict[str, str]
    status: int = 0


@dataclass
class Site:
    base: str = ""
    robots: str | None = None  # None: fixtures/site/robots.txt
    hits: list[Hit] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def paths(self) -> list[str]:
        return [hit.path for hit in self.hits]

    def count(self, path: str) -> int:
        return sum(1 for hit in self.hits if hit.path == path)

    def seen(self, path: str) -> int:
        """Requests so far to ``path``, this one included (called while handling it)."""
        return self.count(path)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def handle(self) -> None:
        # a client that timed out closes the connection: what a real server sees too
        with contextlib.suppress(ConnectionResetError, BrokenPipeError):
            super().handle()

    def do_GET(self) -> None:
        site = self.server.site
        path = self.path.split("?", 1)[0]
        hit = Hit(path, time.monotonic(), {k.lower(): v for k, v in self.headers.items()})
        with site.lock:
            site.hits.append(hit)
            n = site.count(path)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            hit.status = self._route(site, path, n)

    def _send(self, status: int, body: bytes = b"", ctype: str = "text/html; charset=utf-8",
              headers: dict[str, str] | None = None) -> int:  # fmt: skip
        self.send_response(status)
        if status != 304:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if status != 304:
            self.wfile.write(body)
        return status

    def _route(self, site: Site, path: str, n: int) -> int:
        if path == "/robots.txt":
            text = site.robots if site.robots is not None else (SITE_DIR / "robots.txt").read_text()
            return self._send(200, text.encode(), "text/plain")
        if path == "/news/flaky-429.html" and n == 1:
            return self._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
        if path == "/news/flaky-500.html" and n <= 2:
            return self._send(500, b"oops", "text/plain")
        if path == "/news/always-slow.html" or (path == "/news/slow-once.html" and n == 1):
            time.sleep(SLOW_SECONDS)
        if path == "/news/moved.html":
            return self._send(301, b"", headers={"Location": "/news/redirected-target.html"})
        if path in ("/loop/a.html", "/loop/b.html"):
            other = "/loop/b.html" if path == "/loop/a.html" else "/loop/a.html"
            return self._send(302, b"", headers={"Location": other})
        if path == "/news/huge.html":
            return self._send(200, b"<html><body>" + b"<p>big</p>" * 300_000 + b"</body></html>")
        if path == "/docs/report.pdf":
            return self._send(
                200, b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n", "application/pdf"
            )
        if path.endswith("/"):
            path += "index.html"
        file = (SITE_DIR / path.lstrip("/")).resolve()
        if SITE_DIR.resolve() not in file.parents or not file.is_file():
            return self._send(404, b"<html><body>not found</body></html>")
        body = file.read_bytes()
        if file.suffix == ".xml":
            body = body.replace(b"{BASE}", site.base.encode())
            ctype = "application/rss+xml" if file.name == "feed.xml" else "application/xml"
        elif file.name == "latin1.html":
            ctype = "text/html"  # charset only in the page's <meta>
        else:
            ctype = "text/html; charset=utf-8"
        etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
        validators = {"ETag": etag, "Last-Modified": LAST_MODIFIED}
        if self.headers.get("If-None-Match") == etag:
            return self._send(304, headers=validators)
        return self._send(200, body, ctype, validators)


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    site: Site


@pytest.fixture
def make_site() -> Iterator[Callable[..., Site]]:
    servers: list[_Server] = []

    def start(robots: str | None = None) -> Site:
        server = _Server(("127.0.0.1", 0), Handler)
        server.site = Site(base=f"http://127.0.0.1:{server.server_address[1]}", robots=robots)
        threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
        servers.append(server)
        return server.site

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.fixture
def site(make_site: Callable[..., Site]) -> Site:
    return make_site()


def gaps(site: Site) -> list[float]:
    times = sorted(hit.at for hit in site.hits)
    return [b - a for a, b in itertools.pairwise(times)]
