"""POST /v1/articles (``service/routers/articles.py``) end to end on a real server with its own
store: new articles are 201 with result and ingest report, the same again is unchanged, a new
text replaces; and its error codes."""

from __future__ import annotations

import httpx
from api_helpers import assert_problem

from .store_articles import ARTICLES


def test_new_article_is_201_with_result_and_report(stored: list[httpx.Response]) -> None:
    for response, article in zip(stored, ARTICLES, strict=True):
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["result"]["id"] == article["id"]
        assert body["result"]["actors"]
        assert body["ingest"]["status"] == "new"
        assert body["ingest"]["article_id"] == article["id"]


def test_same_article_again_is_200_unchanged_and_a_new_text_replaces(
    stored: list[httpx.Response], store_client: httpx.Client
) -> None:
    again = store_client.post("/v1/articles", json=ARTICLES[0])
    assert again.status_code == 200
    assert again.json()["ingest"]["status"] == "unchanged"
    edited = {**ARTICLES[2], "text": ARTICLES[2]["text"] + " Terms were not disclosed."}
    replaced = store_client.post("/v1/articles", json=edited)
    assert replaced.status_code == 200
    assert replaced.json()["ingest"]["status"] == "replaced"


def test_post_article_errors(store_client: httpx.Client) -> None:
    assert_problem(
        store_client.post("/v1/articles", content=b"id=x"), 415, "unsupported_media_type"
    )
    assert_problem(store_client.post("/v1/articles", json={"id": "x"}), 422, "invalid_fields")
    broken = store_client.post(
        "/v1/articles", content=b"{", headers={"content-type": "application/json"}
    )
    assert_problem(broken, 400, "malformed_json")
