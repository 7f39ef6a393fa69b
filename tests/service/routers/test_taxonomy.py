"""GET /v1/taxonomy (``service/routers/taxonomy.py``) against a real server: the library's
taxonomy."""

from __future__ import annotations

import httpx

from ie_nlp import get_taxonomy


def test_taxonomy_is_the_library_taxonomy(client: httpx.Client) -> None:
    response = client.get("/v1/taxonomy")

    assert response.status_code == 200
    body = response.json()
    assert body == get_taxonomy().as_json()
    assert "large_pharma" in {t["id"] for t in body["actor_types"]}
    assert "acquisition" in {t["id"] for t in body["relationship_types"]}
