"""GET /v1/actors and GET /v1/actors/{id} (``service/routers/actors.py``) end to end on a real
server with its own store, filled by the ``stored`` fixture: filtered pages, profiles, their
error codes, and 503 when the store is unreachable."""

from __future__ import annotations

import httpx
from api_helpers import assert_problem
from fastapi.testclient import TestClient

from ie_nlp import Settings
from service.main import create_app


def actor_id(client: httpx.Client, name: str) -> str:
    page = client.get("/v1/actors", params={"name": name}).json()
    assert page["total"] == 1, page
    return str(page["items"][0]["id"])


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
    # the articles' forms and the gazetteer's name that extraction adds
    assert {a["alias"] for a in body["aliases"]} == {
        "Novartis AG",
        "Novartis",
        "Novartis Pharmaceuticals",
    }
    (deal,) = [r for r in body["relationships"] if r["type"] == "acquisition"]
    assert deal["sources"] == 2 and deal["target"]["name"] == "Lumagen Bio"
    assert {e["article_id"] for e in deal["evidence"]} == {"api-deal-1", "api-deal-2"}
    missing = store_client.get("/v1/actors/act_doesnotexist")
    assert "act_doesnotexist" in assert_problem(missing, 404, "actor_not_found")["detail"]


def test_unreachable_store_is_503_store_unavailable() -> None:
    app = create_app(Settings(database_url="postgresql+psycopg://nobody@127.0.0.1:1/none"))
    # No `with`: the lifespan (model loading) is not needed for the store routes.
    client = TestClient(app, raise_server_exceptions=False)
    assert_problem(client.get("/v1/actors"), 503, "store_unavailable")
    assert_problem(client.get("/v1/relationships"), 503, "store_unavailable")
