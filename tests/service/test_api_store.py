"""The store routes end to end on a real server: POST /v1/articles, GET /v1/actors,
GET /v1/actors/{id}, GET /v1/relationships, with their error codes."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from api_helpers import assert_problem
from fastapi.testclient import TestClient

from ie_nlp import Settings
from service.main import create_app

ARTICLES = [
    {
        "id": "api-deal-1",
        "title": "Novartis completes Lumagen Bio deal",
        "published": "2025-03-03",
        "text": "BASEL, Switzerland, March 3, 2025 — Novartis AG today announced that it has "
        "completed the acquisition of Lumagen Bio, a gene therapy developer, for $1.1 billion.",
    },
    {
        "id": "api-deal-2",
        "published": "2025-06-02",
        "text": "Novartis has acquired Lumagen Bio, a gene therapy developer based in Aurenfeld, "
        "Germany, for $1.1 billion.",
    },
    {
        "id": "api-collab",
        "published": "2025-09-15",
        "text": "Lumagen Bio and Castellan Genomics have entered into a research collaboration "
        "on gene therapy vectors.",
    },
]


@pytest.fixture(scope="module")
def stored(store_server: Any) -> list[httpx.Response]:
    """The articles posted once to the store server; the responses in order."""
    with httpx.Client(base_url=store_server.base_url, timeout=120.0) as client:
        return [client.post("/v1/articles", json=article) for article in ARTICLES]


def actor_id(client: httpx.Client, name: str) -> str:
    page = client.get("/v1/actors", params={"name": name}).json()
    assert page["total"] == 1, page
    return str(page["items"][0]["id"])


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


def test_actor_list_is_a_filtered_page(
    stored: list[httpx.Response], store_client: httpx.Client
) -> None:
    everything = store_client.get("/v1/actors").json()
    assert set(everything) == {"items", "total", "limit", "offset"}
    assert everything["total"] == len(everything["items"]) >= 3
    pages = [
        store_client.get("/v1/actors", params={"limit": 1, "offset": n}).json()
        for n in range(everything["total"])
    ]
    assert [p["items"][0]["id"] for p in pages] == [a["id"] for a in everything["items"]]
    pharma = store_client.get("/v1/actors", params={"type": "large_pharma"}).json()
    assert [a["name"] for a in pharma["items"]] == ["Novartis"]
    editing = store_client.get("/v1/actors", params={"capability": "advanced_therapies"}).json()
    assert "Lumagen Bio" in {a["name"] for a in editing["items"]}


def test_actor_list_errors(store_client: httpx.Client) -> None:
    unknown = store_client.get("/v1/actors", params={"type": "pharma"})
    assert "large_pharma" in assert_problem(unknown, 422, "unknown_identifier")["detail"]
    capability = store_client.get("/v1/actors", params={"capability": "magic"})
    assert_problem(capability, 422, "unknown_identifier")
    assert_problem(store_client.get("/v1/actors", params={"limit": 0}), 422, "invalid_fields")
    assert_problem(store_client.get("/v1/actors", params={"offset": -1}), 422, "invalid_fields")


def test_actor_profile(stored: list[httpx.Response], store_client: httpx.Client) -> None:
    novartis = actor_id(store_client, "Novartis")
    profile = store_client.get(f"/v1/actors/{novartis}")
    assert profile.status_code == 200
    body = profile.json()
    assert body["articles"] == 2
    assert {a["alias"] for a in body["aliases"]} == {"Novartis AG", "Novartis"}
    (deal,) = [r for r in body["relationships"] if r["type"] == "acquisition"]
    assert deal["sources"] == 2 and deal["target"]["name"] == "Lumagen Bio"
    assert {e["article_id"] for e in deal["evidence"]} == {"api-deal-1", "api-deal-2"}
    missing = store_client.get("/v1/actors/act_doesnotexist")
    assert "act_doesnotexist" in assert_problem(missing, 404, "actor_not_found")["detail"]


def test_relationships_by_type_and_date(
    stored: list[httpx.Response], store_client: httpx.Client
) -> None:
    deals = store_client.get("/v1/relationships", params={"type": "acquisition"}).json()
    assert deals["total"] == 1
    assert deals["items"][0]["sources"] == 2 and deals["items"][0]["directed"]
    spring = store_client.get(
        "/v1/relationships", params={"since": "2025-05-01", "until": "2025-06-30"}
    ).json()
    assert spring["total"] == 1
    assert [e["article_id"] for e in spring["items"][0]["evidence"]] == ["api-deal-2"]
    collaboration = store_client.get(
        "/v1/relationships", params={"type": "research_collaboration"}
    ).json()["items"][0]
    assert not collaboration["directed"]
    assert collaboration["source"]["id"] < collaboration["target"]["id"]


def test_relationship_errors(store_client: httpx.Client) -> None:
    unknown = store_client.get("/v1/relationships", params={"type": "friendship"})
    assert "acquisition" in assert_problem(unknown, 422, "unknown_identifier")["detail"]
    bad_date = store_client.get("/v1/relationships", params={"since": "last spring"})
    assert_problem(bad_date, 422, "invalid_fields")


def test_unreachable_store_is_503_store_unavailable() -> None:
    app = create_app(Settings(database_url="postgresql+psycopg://nobody@127.0.0.1:1/none"))
    # No `with`: the lifespan (model loading) is not needed for the store routes.
    client = TestClient(app, raise_server_exceptions=False)
    assert_problem(client.get("/v1/actors"), 503, "store_unavailable")
    assert_problem(client.get("/v1/relationships"), 503, "store_unavailable")
