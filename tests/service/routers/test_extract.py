"""POST /v1/extract and /v1/extract/batch (``service/routers/extract.py``) against a real server:
success paths, batches and their limits; and articles given only by ``url``: off by default,
SSRF-guarded when on, fetched and extracted when allowed. The pages come from an HTTP server in
this process on 127.0.0.1; nothing else is ever contacted."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from api_helpers import (
    LIMITED_MAX_BATCH_ARTICLES,
    LIMITED_MAX_TEXT_CHARS,
    REPO_DIR,
    assert_offsets_slice,
    assert_problem,
)

from ie_nlp import SCHEMA_VERSION, ExtractionResult

# Full legal names: the small spaCy model misses a bare "Pfizer" at sentence start, and the
# pipeline is being rewritten, so only this much is assumed about what it finds.
DEAL = "Pfizer Inc. acquired Seagen Inc. for $43 billion. Seagen develops antibody-drug conjugates."


def actor_names(result: ExtractionResult) -> list[str]:
    return [name.lower() for actor in result.actors for name in [actor.name, *actor.aliases]]


def test_extract_text_returns_a_contract_result(client: httpx.Client) -> None:
    article = {
        "id": "deal-1",
        "text": DEAL,
        "title": "Pfizer closes Seagen deal",
        "published": "2023-12-14",
        "source": "test",
    }
    response = client.post("/v1/extract", json=article)

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    result = ExtractionResult.model_validate(response.json())
    assert result.id == "deal-1"
    assert result.schema_version == SCHEMA_VERSION
    assert_offsets_slice(result, DEAL)
    assert any("pfizer" in name for name in actor_names(result)), result.actors


def test_min_confidence_leaves_out_less_likely_relationships(client: httpx.Client) -> None:
    sample = (REPO_DIR / "corpora" / "sample" / "articles.jsonl").read_text().splitlines()
    articles = [json.loads(line) for line in sample[:6]]
    found = {}
    for floor in (0.0, 0.7):
        response = client.post(
            "/v1/extract/batch", params={"min_confidence": floor}, json={"articles": articles}
        )
        assert response.status_code == 200, response.text
        found[floor] = [
            r["confidence"] for x in response.json()["results"] for r in x["relationships"]
        ]
    assert all(c >= 0.7 for c in found[0.7]) and len(found[0.7]) < len(found[0.0])
    bad = client.post("/v1/extract", params={"min_confidence": 2}, json={"id": "x", "text": DEAL})
    assert bad.status_code == 422 and bad.json()["code"] == "invalid_fields"


def test_extract_html_offsets_refer_to_the_returned_text(client: httpx.Client) -> None:
    html = f"<html><head><title>Deal</title></head><body><p>{DEAL}</p></body></html>"
    response = client.post("/v1/extract", json={"id": "html-1", "html": html})

    assert response.status_code == 200, response.text
    result = ExtractionResult.model_validate(response.json())
    assert result.id == "html-1"
    # The contract gives `text` with HTML input; offsets can only be checked against it, and a
    # result with mentions but no text would leave them unresolvable.
    assert_offsets_slice(result, result.text or "")
    if result.text is not None:
        assert "<p>" not in result.text


def test_extract_accepts_json_content_type_parameters(client: httpx.Client) -> None:
    response = client.post(
        "/v1/extract",
        content=b'{"id": "cs-1", "text": "Moderna signed a deal with Merck & Co."}',
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["id"] == "cs-1"


def test_concurrent_requests_all_succeed(client: httpx.Client) -> None:
    def post(i: int) -> httpx.Response:
        return client.post("/v1/extract", json={"id": f"c-{i}", "text": DEAL})

    with ThreadPoolExecutor(max_workers=6) as pool:
        responses = list(pool.map(post, range(6)))

    assert [r.status_code for r in responses] == [200] * 6
    assert [r.json()["id"] for r in responses] == [f"c-{i}" for i in range(6)]


def test_batch_keeps_good_articles_and_reports_bad_ones_by_index(client: httpx.Client) -> None:
    articles: list[Any] = [
        {"id": "good-1", "text": DEAL},
        {"id": "no-text"},
        {"id": "good-2", "text": "Novartis licensed a gene therapy from the University of Oxford."},
        42,
        {"id": 7, "text": "An id that is not a string."},
        {"id": "html-3", "html": f"<p>{DEAL}</p>"},
    ]
    response = client.post("/v1/extract/batch", json={"articles": articles})

    assert response.status_code == 200, response.text
    body = response.json()
    results = [ExtractionResult.model_validate(r) for r in body["results"]]
    assert [r.id for r in results] == ["good-1", "good-2", "html-3"]
    assert_offsets_slice(results[0], DEAL)
    assert_offsets_slice(results[1], articles[2]["text"])
    assert_offsets_slice(results[2], results[2].text or "")

    errors = body["errors"]
    assert [(e["index"], e["id"], e["code"]) for e in errors] == [
        (1, "no-text", "invalid_fields"),
        (3, None, "invalid_fields"),
        (4, None, "invalid_fields"),
    ]
    assert all(e["message"] and "Traceback" not in e["message"] for e in errors)


def test_empty_batch_is_an_empty_answer(client: httpx.Client) -> None:
    response = client.post("/v1/extract/batch", json={"articles": []})
    assert response.status_code == 200
    assert response.json() == {"results": [], "errors": []}


def test_batch_at_the_limit_is_accepted(limited_client: httpx.Client) -> None:
    articles = [{"id": f"l-{i}", "text": "Roche invests in Genmab."} for i in range(3)]
    assert len(articles) == LIMITED_MAX_BATCH_ARTICLES

    response = limited_client.post("/v1/extract/batch", json={"articles": articles})

    assert response.status_code == 200, response.text
    assert [r["id"] for r in response.json()["results"]] == ["l-0", "l-1", "l-2"]


def test_batch_over_the_limit_is_422_batch_too_large(limited_client: httpx.Client) -> None:
    articles = [{"id": f"l-{i}", "text": "x"} for i in range(LIMITED_MAX_BATCH_ARTICLES + 1)]

    response = limited_client.post("/v1/extract/batch", json={"articles": articles})

    body = assert_problem(response, 422, "batch_too_large")
    assert str(LIMITED_MAX_BATCH_ARTICLES) in body["detail"]


def test_batch_item_too_long_is_reported_not_fatal(limited_client: httpx.Client) -> None:
    articles = [
        {"id": "short", "text": "Sanofi partners with Evotec."},
        {"id": "long", "text": "word " * (2 * LIMITED_MAX_TEXT_CHARS // 5)},
    ]

    response = limited_client.post("/v1/extract/batch", json={"articles": articles})

    assert response.status_code == 200, response.text
    body = response.json()
    assert [r["id"] for r in body["results"]] == ["short"]
    assert [(e["index"], e["id"], e["code"]) for e in body["errors"]] == [
        (1, "long", "text_too_long")
    ]


# --- articles given only by url: the pages of a local site ---------------------------------

ARTICLE_PATH = "/news/pfizer-seagen.html"
PARAGRAPHS = [
    "Pfizer Inc. acquired Seagen Inc. for $43 billion, the companies said on Thursday.",
    "Seagen Inc. develops antibody-drug conjugates for cancer and becomes part of Pfizer Oncology.",
    "The acquisition closed after the regulators in the United States and Europe cleared it.",
]
ARTICLE_HTML = f"""<!doctype html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Pfizer completes acquisition of Seagen</title>
<meta property="og:type" content="article">
<meta property="article:published_time" content="2023-12-14T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/news/">News</a></nav>
<article>
<h1>Pfizer completes acquisition of Seagen</h1>
{"".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)}
</article>
<footer>Copyright Example News</footer>
</body></html>
""".encode()
ROBOTS = b"User-agent: *\nAllow: /\n"


class SiteHandler(BaseHTTPRequestHandler):
    server: LocalSite

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_GET(self) -> None:
        path = self.path.split("?", 1)[0]
        with self.server.lock:
            self.server.hits.append(path)
        if path == "/robots.txt":
            self._send(200, ROBOTS, "text/plain; charset=utf-8")
        elif path == ARTICLE_PATH:
            self._send(200, ARTICLE_HTML, "text/html; charset=utf-8")
        else:
            self._send(404, b"<html><body>Not found</body></html>", "text/html; charset=utf-8")

    def _send(self, status: int, body: bytes, content_type: str) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)


class LocalSite(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), SiteHandler)
        self.hits: list[str] = []
        self.lock = threading.Lock()

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture(scope="module")
def site() -> Iterator[LocalSite]:
    server = LocalSite()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# --- fetching off (the default) --------------------------------------------------------------


def test_url_only_article_is_403_when_fetching_is_off(client: httpx.Client) -> None:
    response = client.post("/v1/extract", json={"id": "u-1", "url": "http://127.0.0.1:9/x"})

    body = assert_problem(response, 403, "url_fetch_disabled")
    assert "IE_ALLOW_URL_FETCH" in body["detail"]


def test_batch_url_item_is_reported_when_fetching_is_off(client: httpx.Client) -> None:
    articles = [{"id": "u-1", "url": "http://127.0.0.1:9/x"}, {"id": "t-1", "text": PARAGRAPHS[0]}]

    response = client.post("/v1/extract/batch", json={"articles": articles})

    assert response.status_code == 200, response.text
    body = response.json()
    assert [result["id"] for result in body["results"]] == ["t-1"]
    assert [(e["index"], e["id"], e["code"]) for e in body["errors"]] == [
        (0, "u-1", "url_fetch_disabled")
    ]


# --- fetching on, SSRF guard in force (the limited server) ----------------------------------


def test_loopback_url_is_403_url_forbidden(limited_client: httpx.Client, site: LocalSite) -> None:
    before = len(site.hits)
    url = site.base + ARTICLE_PATH

    response = limited_client.post("/v1/extract", json={"id": "u-2", "url": url})

    assert_problem(response, 403, "url_forbidden")
    assert len(site.hits) == before  # refused before any request, robots.txt included


def test_batch_loopback_item_is_reported_url_forbidden(
    limited_client: httpx.Client, site: LocalSite
) -> None:
    articles = [{"id": "u-3", "url": site.base + ARTICLE_PATH}]

    response = limited_client.post("/v1/extract/batch", json={"articles": articles})

    assert response.status_code == 200, response.text
    body = response.json()
    assert body["results"] == []
    assert [(e["index"], e["id"], e["code"]) for e in body["errors"]] == [
        (0, "u-3", "url_forbidden")
    ]


# --- fetching on, private addresses allowed (the fetching server) ---------------------------


def test_fetched_article_is_extracted_under_the_request_id(
    fetching_client: httpx.Client, site: LocalSite
) -> None:
    article = {"id": "req-7", "url": site.base + ARTICLE_PATH, "source": "given-source"}

    response = fetching_client.post("/v1/extract", json=article)

    assert response.status_code == 200, response.text
    result = ExtractionResult.model_validate(response.json())
    assert result.id == "req-7"
    # Offsets refer to text the client never had, so the result must carry it.
    assert result.text is not None
    assert "Seagen Inc." in result.text
    assert "<p>" not in result.text
    assert_offsets_slice(result, result.text)
    assert any("pfizer" in name for name in actor_names(result)), result.actors
    assert ARTICLE_PATH in site.hits


def test_unfetchable_url_is_502_fetch_failed(
    fetching_client: httpx.Client, site: LocalSite
) -> None:
    response = fetching_client.post(
        "/v1/extract", json={"id": "u-4", "url": site.base + "/news/missing.html"}
    )

    body = assert_problem(response, 502, "fetch_failed")
    assert "Traceback" not in body["detail"]


def test_batch_fetches_url_items_and_reports_failed_ones(
    fetching_client: httpx.Client, site: LocalSite
) -> None:
    articles = [
        {"id": "b-url", "url": site.base + ARTICLE_PATH},
        {"id": "b-missing", "url": site.base + "/news/missing.html"},
        {"id": "b-text", "text": PARAGRAPHS[0]},
    ]

    response = fetching_client.post("/v1/extract/batch", json={"articles": articles})

    assert response.status_code == 200, response.text
    body = response.json()
    results = [ExtractionResult.model_validate(item) for item in body["results"]]
    assert [result.id for result in results] == ["b-url", "b-text"]
    assert results[0].text is not None
    assert_offsets_slice(results[0], results[0].text)
    assert_offsets_slice(results[1], PARAGRAPHS[0])
    assert [(e["index"], e["id"], e["code"]) for e in body["errors"]] == [
        (1, "b-missing", "fetch_failed")
    ]
