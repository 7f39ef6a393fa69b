"""The OpenAPI document tells the truth: schemathesis generates requests for every operation of
the served document, valid and invalid ones, sends them to a real server (uvicorn, the models
loaded, an SQLite store of its own) and runs every check it has on each answer: no server
error, a documented status and media type and a body that matches the documented schema, a
schema-invalid request refused (4xx), a schema-valid one accepted, no ignored method or header.

Bounded so that it stays a test: besides the document's examples and the coverage phase's
boundary values (about 100 requests for an operation with parameters), the fuzzing phase makes
EXAMPLES requests per operation. The extraction operations get as many: generated articles are
a few words long, so the pipeline answers them in milliseconds.

Then the disagreements such a run once found, each asserted on its own.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest
import schemathesis
from api_helpers import Server, assert_problem

from service.main import app

EXAMPLES = 40

CONFIG = schemathesis.Config.from_dict(
    {
        "generation": {
            "mode": "all",
            "max-examples": EXAMPLES,
            # No failure replayed from a local example database: every run is the same run.
            "database": "none",
        },
        "checks": {"enabled": True},
    }
)

# The document of the code under test; test_the_fuzzed_document_is_the_served_one checks that
# the server answers it at /openapi.json. (schemathesis's lazy loader, which would fetch it from
# the server inside a fixture, does not run under this pytest version.)
SCHEMA = schemathesis.openapi.from_dict(app.openapi(), config=CONFIG)


def parsed_date(value: Any) -> date | None:
    try:
        return date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


@SCHEMA.hook
def map_query(context: schemathesis.HookContext, query: dict[str, Any] | None) -> Any:
    """``since`` after ``until`` is refused (422 invalid_date_range), a rule between two
    parameters that JSON Schema cannot state (the API description does): generated ranges are
    put in order instead."""
    if not query:
        return query
    since, until = parsed_date(query.get("since")), parsed_date(query.get("until"))
    if since is not None and until is not None and since > until:
        query["since"], query["until"] = query["until"], query["since"]
    return query


def test_the_fuzzed_document_is_the_served_one(fuzz_server: Server) -> None:
    served = httpx.get(f"{fuzz_server.base_url}/openapi.json", timeout=30.0).json()

    assert served == app.openapi()
    operations = [(method, path) for path, ops in served["paths"].items() for method in ops]
    assert len(operations) == len(list(SCHEMA.get_all_operations())) >= 12


@SCHEMA.parametrize()
def test_every_operation_keeps_to_its_schema(case: schemathesis.Case, fuzz_server: Server) -> None:
    case.call_and_validate(base_url=fuzz_server.base_url)


# --- what the fuzzer found, one by one ----------------------------------------------------

DATE_ROUTES = ["/v1/graph", "/v1/relationships", "/v1/signals", "/report"]


@pytest.fixture
def fuzz_client(fuzz_server: Server) -> Any:
    with httpx.Client(base_url=fuzz_server.base_url, timeout=60.0) as http:
        yield http


def parameter_schema(path: str, name: str) -> dict[str, Any]:
    parameters = app.openapi()["paths"][path]["get"]["parameters"]
    schema: dict[str, Any] = next(p["schema"] for p in parameters if p["name"] == name)
    return schema


@pytest.mark.parametrize("path", DATE_ROUTES)
@pytest.mark.parametrize("value", ["0", "86400", "20240101", "2024-02-30", ""])
def test_a_date_is_yyyy_mm_dd_and_nothing_else(
    fuzz_client: httpx.Client, path: str, value: str
) -> None:
    # A number was read as a Unix time, and date.fromisoformat would take the compact form.
    for name in ("since", "until"):
        schema = parameter_schema(path, name)
        assert (schema["type"], schema["format"]) == ("string", "date")
        body = assert_problem(fuzz_client.get(path, params={name: value}), 422, "invalid_fields")
        assert ["query", name] in [error["loc"] for error in body["errors"]]
    assert fuzz_client.get(path, params={"since": "2024-02-29"}).status_code == 200


@pytest.mark.parametrize(
    ("path", "name"),
    [("/v1/actors", "type"), ("/v1/actors", "capability"), ("/v1/relationships", "type")],
)
def test_identifier_filters_list_the_valid_values(
    fuzz_client: httpx.Client, path: str, name: str
) -> None:
    valid = parameter_schema(path, name)["enum"]
    assert valid and "" not in valid

    assert fuzz_client.get(path, params={name: valid[0]}).status_code == 200
    for value in ["", "no_such_identifier"]:
        assert_problem(fuzz_client.get(path, params={name: value}), 422, "unknown_identifier")


def test_the_article_schema_requires_text_html_or_url(fuzz_client: httpx.Client) -> None:
    article = app.openapi()["components"]["schemas"]["InputArticle"]
    assert [branch["required"] for branch in article["anyOf"]] == [["text"], ["html"], ["url"]]

    for body in [{"id": "a"}, {"id": "a", "text": " \u3000\n", "html": "", "url": "\u2028"}]:
        assert_problem(fuzz_client.post("/v1/extract", json=body), 422, "invalid_fields")
    # Blank by str.isspace, yet no whitespace to JSON Schema's \s: the schema spells them out.
    assert_problem(
        fuzz_client.post("/v1/extract", json={"id": "a", "text": "\x1c\x1f"}), 422, "invalid_fields"
    )


def test_the_batch_schema_admits_what_the_server_reports_per_item(
    fuzz_client: httpx.Client,
) -> None:
    schema = app.openapi()["components"]["schemas"]["BatchRequest"]["properties"]["articles"]
    assert {"$ref": "#/components/schemas/InputArticle"} in schema["items"]["anyOf"]
    limit = app.state.settings.max_batch_articles
    assert schema["maxItems"] == limit

    items = [{"text": "Pfizer acquires Seagen."}, 42]
    response = fuzz_client.post("/v1/extract/batch", json={"articles": items})

    assert response.status_code == 200, response.text
    errors = response.json()["errors"]
    assert [(e["index"], e["code"]) for e in errors] == [(i, "invalid_fields") for i in (0, 1)]
    assert_problem(
        fuzz_client.post("/v1/extract/batch", json={"articles": [{}] * (limit + 1)}),
        422,
        "batch_too_large",
    )
