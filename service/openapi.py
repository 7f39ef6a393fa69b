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
`method_not_allowed` (405), `not_ready` / `model_unavailable` (503), `internal_error` (500).

**Readiness**: models load in the background after start-up; `/healthz` answers at once,
`/readyz` and the extract endpoints answer 503 until loading is done.
""".strip()

TAGS: list[dict[str, Any]] = [
    {"name": "extract", "description": "Run the extraction pipeline on input articles."},
    {"name": "taxonomy", "description": "The contract's identifiers."},
    {"name": "health", "description": "Liveness and readiness probes for orchestrators."},
]


def problem_media_types(schema: dict[str, Any]) -> dict[str, Any]:
    """FastAPI documents every ``responses=`` model as application/json; error responses are
    really sent as application/problem+json, and generated clients pick the parser from this."""
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            for status, response in operation.get("responses", {}).items():
                content = response.get("content", {})
                if status[:1] in {"4", "5"} and "application/json" in content:
                    content[PROBLEM_MEDIA_TYPE] = content.pop("application/json")
    return schema


def build_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = problem_media_types(
                get_openapi(
                    title=app.title,
                    version=app.version,
                    description=app.description,
                    routes=app.routes,
                    tags=app.openapi_tags,
                )
            )
        return app.openapi_schema

    return openapi
