"""GET /report (``service/routers/report.py``) through the real app over a real store filled by
``Store.ingest`` (``ecosystem_client`` of conftest.py): an HTML page with its data embedded."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient


@pytest.fixture
def client(ecosystem_client: TestClient) -> TestClient:
    """The app over the filled store (``ecosystem_client`` of conftest.py)."""
    return ecosystem_client


def test_report_page(client: TestClient) -> None:
    response = client.get("/report", params={"period": "month", "rising_terms": "false"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    data = json.loads(response.text.split('id="report-data">', 1)[1].split("</script>", 1)[0])
    assert data["labels"][0] == "2024-01" and len(data["labels"]) == 8
    assert data["network"]["total_nodes"] == 5
