"""GET /healthz and GET /readyz (``service/routers/health.py``) against a real server."""

from __future__ import annotations

import httpx

from ie_nlp import __version__


def test_healthz_is_200(client: httpx.Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": __version__}


def test_readyz_is_200_once_loaded(client: httpx.Client) -> None:
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert body["version"] == __version__
