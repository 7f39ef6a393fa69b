"""GET /v1/signals (``service/routers/signals.py``) through the real app over a real store filled
by ``Store.ingest`` (``ecosystem_client`` of conftest.py): deals and magnets by quarter, the
configured region, a region asked for."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def client(ecosystem_client: TestClient) -> TestClient:
    """The app over the filled store (``ecosystem_client`` of conftest.py)."""
    return ecosystem_client


def test_signals(client: TestClient) -> None:
    response = client.get("/v1/signals", params={"period": "quarter", "rising_terms": "false"})
    assert response.status_code == 200
    data = response.json()
    assert data["region"] == ["Basel"]  # IE_REGION when no region is asked for
    periods = data["periods"]
    assert [p["label"] for p in periods] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    deals = [{k: v for k, v in p["deals"].items() if v} for p in periods]
    assert deals == [{"licensing": 1}, {"acquisition": 1, "outsourcing": 1}, {"outsourcing": 1}]
    # Novartis (licensee of Alpha, acquirer of Beta) and Lonza (two clients) tie; then by name
    magnets = [(m["name"], m["partners"]) for m in periods[2]["magnets"]]
    assert magnets == [("Lonza", 2), ("Novartis", 2)]
    year = client.get("/v1/signals", params={"period": "year", "region": ["Boston"]}).json()
    assert year["region"] == ["Boston"] and year["periods"][0]["region"]["local_ties"] == 0
