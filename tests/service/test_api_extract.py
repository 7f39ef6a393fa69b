"""POST /v1/extract and /v1/extract/batch against a real server: success paths and batches."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from api_helpers import (
    LIMITED_MAX_BATCH_ARTICLES,
    LIMITED_MAX_TEXT_CHARS,
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
