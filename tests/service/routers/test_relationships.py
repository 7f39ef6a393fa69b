"""GET /v1/relationships (``service/routers/relationships.py``) end to end on a real server with
its own store, filled by the ``stored`` fixture: by type and date, and its error codes."""

from __future__ import annotations

import httpx
from api_helpers import assert_problem


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
    # the acquisition told twice: its latest status, and each change with the article
    (deal,) = deals["items"]
    history = deal["status_history"]
    assert deal["status"] == (history[-1]["status"] if history else None)
    assert all(change["article_id"] in {"api-deal-1", "api-deal-2"} for change in history)


def test_relationship_errors(store_client: httpx.Client) -> None:
    unknown = store_client.get("/v1/relationships", params={"type": "friendship"})
    assert "acquisition" in assert_problem(unknown, 422, "unknown_identifier")["detail"]
    bad_date = store_client.get("/v1/relationships", params={"since": "last spring"})
    assert_problem(bad_date, 422, "invalid_fields")
    backwards = {"since": "2025-06-30", "until": "2025-05-01"}
    reversed_range = store_client.get("/v1/relationships", params=backwards)
    assert "2025-06-30" in assert_problem(reversed_range, 422, "invalid_date_range")["detail"]
