"""The 500 path, in process: no input makes the real pipeline crash on purpose, so a route that
raises is added to a real app (the handlers, middleware and serialisation are the product's)."""

from __future__ import annotations

import logging

import pytest
from api_helpers import assert_problem
from fastapi.testclient import TestClient

from ie_nlp import get_settings
from service.main import create_app


def test_unhandled_error_is_a_generic_500_problem(caplog: pytest.LogCaptureFixture) -> None:
    app = create_app(get_settings())

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals /etc/passwd")

    # No `with`: the lifespan (model loading) is not needed for this route.
    client = TestClient(app, raise_server_exceptions=False)
    with caplog.at_level(logging.ERROR):
        response = client.get("/boom")

    body = assert_problem(response, 500, "internal_error")
    assert "secret internals" not in response.text
    assert "RuntimeError" not in response.text
    assert "secret internals" in caplog.text, "the error must be logged for operators"
    assert set(body) == {"type", "title", "status", "detail", "code"}
