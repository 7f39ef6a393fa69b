"""OpenAPI metadata, and a schema whose error responses carry their real media type."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from service.problems import PROBLEM_MEDIA_TYPE

TITLE = "ie-nlp"

DESCRIPTION = """
Turns biopharma news articles into innovation-ecosystem signals: **actors** (companies,
universities, investors, people …), their **capabilities** (biologics, cell therapy, CDMO
services …) and the **relationships** between them (acquisitions, investments, licensing …).
Record formats and identifiers follow the project's CONTRACT.md; `GET /v1/taxonomy` lists
the identifiers.

**Errors** are `application/problem+json` (RFC 9457) with a stable `code`:
`malformed_json` (400), `payload_too_large` (413, body over `IE_MAX_REQUEST_BYTES`, whether
declared by Content-Length or counted while a chunked body is read), `unsupported_media_type`
(415), `invalid_fields` / `text_too_long` / `batch_too_large` (422), `not_found` (404),
`method_not_allowed` (405), `not_ready` / `model_unavailable` (503), `internal_error` (500);
for the store routes also `unknown_identifier` (422, a filter value outside the taxonomy),
`actor_not_found` (404) and `store_unavailable` (503, the database cannot be reached), and
for the ecosystem routes `invalid_date_range` (422, `since` after `until`).

**Query values** are what the schema lists: dates are `YYYY-MM-DD` (`since`, `until`; anything
else, a number included, is 422 `invalid_fields`), identifier filters take the enumerated values
(those of `GET /v1/taxonomy`; any other, the empty one included, is 422 `unknown_identifier`).

**Readiness**: models load in the background after start-up; `/healthz` answers at once,
`/readyz` and the extract endpoints answer 503 until loading is done.
""".strip()

TAGS: list[dict[str, Any]] = [
    {"name": "extract", "description": "Run the extraction pipeline on input articles."},
    {
        "name": "store",
        "description": "The ecosystem store: articles' results kept in a database, actors "
        "resolved across articles, relationships aggregated with their evidence.",
    },
    {
        "name": "ecosystem",
        "description": "The stored ecosystem as a whole: the actor network in graph formats, "
        "signals per period and the HTML report.",
    },
    {"name": "taxonomy", "description": "The contract's identifiers."},
    {"name": "health", "description": "Liveness and readiness probes for orchestrators."},
]


def problem_media_types(schema: dict[str, Any]) -> dict[str, Any]:
    """FastAPI documents every ``responses=`` model under the route's media type (JSON, or HTML
    for the report); error responses are really sent as application/problem+json, and generated
    clients pick the parser from this."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                documented = [entry for entry in content.values() if "schema" in entry]
                if status[:1] in {"4", "5"} and documented:
                    response["content"] = {PROBLEM_MEDIA_TYPE: documented[0]}
    return schema


def parameters_without_null(schema: dict[str, Any]) -> dict[str, Any]:
    """An optional parameter is absent when it has no value; it can never be ``null``. FastAPI
    still writes ``str | None`` as ``anyOf: [string, null]``, which tells clients (and fuzzers)
    that some wire value means null. The null branch is dropped and a single remaining branch
    becomes the schema itself, so keywords beside it (``enum``, ``format``) read plainly."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                branches = parameter["schema"].get("anyOf")
                if branches is None or {"type": "null"} not in branches:
                    continue
                kept = [branch for branch in branches if branch != {"type": "null"}]
                rest = {k: v for k, v in parameter["schema"].items() if k != "anyOf"}
                parameter["schema"] = (
                    {**kept[0], **rest} if len(kept) == 1 else {**rest, "anyOf": kept}
                )
    return schema


def batch_limit(schema: dict[str, Any], max_articles: int) -> dict[str, Any]:
    """The batch's article limit is a setting (IE_MAX_BATCH_ARTICLES), so the served schema
    states this server's value."""
    articles = schema["components"]["schemas"]["BatchRequest"]["properties"]["articles"]
    articles["maxItems"] = max_articles
    return schema


def build_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(
                title=app.title,
                version=app.version,
                description=app.description,
                routes=app.routes,
                tags=app.openapi_tags,
            )
            schema = batch_limit(schema, app.state.settings.max_batch_articles)
            app.openapi_schema = parameters_without_null(problem_media_types(schema))
        return app.openapi_schema

    return openapi
