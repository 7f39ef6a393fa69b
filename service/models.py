"""Request and response bodies that exist only in the API (the records themselves live in
``ie_nlp``: InputArticle, ExtractionResult)."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from fastapi import Query
from pydantic import BaseModel, BeforeValidator, Field

from ie_nlp import ExtractionResult
from ie_nlp.store import IngestReport

# Page size and position of the store's list routes.
LimitQuery = Annotated[int, Query(ge=1, le=500, description="Items per page (1-500).")]
# Bounded by the databases' integer (64-bit): a larger offset would fail in the query.
OffsetQuery = Annotated[int, Query(ge=0, le=2**63 - 1, description="Items to skip.")]

ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def require_iso_date(value: object) -> object:
    """Only what the schema's ``format: date`` allows: pydantic's lax date would also read a
    number as a Unix time, so ``until=0`` was taken for 1970-01-01."""
    if not isinstance(value, str) or not ISO_DATE.fullmatch(value):
        raise ValueError("expected a date as YYYY-MM-DD")
    return value


# A date query parameter (since, until): YYYY-MM-DD and a real day, else 422 invalid_fields.
IsoDate = Annotated[date, BeforeValidator(require_iso_date)]


class BatchRequest(BaseModel):
    """Several input articles processed in one request."""

    # Items are kept loose (Any) on purpose: each is validated as an InputArticle on its own, so
    # one bad item is reported by index instead of failing the whole batch. The schema says just
    # that: an InputArticle is what is extracted, and any other value is still accepted.
    articles: list[Any] = Field(
        description="Input articles (InputArticle records); at most IE_MAX_BATCH_ARTICLES. "
        "An item that is no valid InputArticle (no `id`, no text, not an object …) does not "
        "fail the batch: it is reported in the response's `errors` with its index.",
        json_schema_extra={
            "items": {
                "anyOf": [
                    {"$ref": "#/components/schemas/InputArticle"},
                    {"description": "Any other value: reported as invalid_fields in `errors`."},
                ]
            }
        },
    )


class BatchItemError(BaseModel):
    """Why one article of a batch produced no result."""

    index: int = Field(description="Position of the article in the request's `articles`.")
    id: str | None = Field(description="The article's `id` when it had a usable one.")
    code: str = Field(
        description="Stable error code: invalid_fields, invalid_article, text_too_long, "
        "url_fetch_disabled, url_forbidden (SSRF guard), fetch_failed or internal_error."
    )
    message: str


class BatchResponse(BaseModel):
    """Results for the articles that succeeded, in request order, and an error for each other."""

    results: list[ExtractionResult]
    errors: list[BatchItemError]


class Health(BaseModel):
    status: Literal["ok"] = "ok"
    version: str


class Readiness(BaseModel):
    status: Literal["ready"] = "ready"
    version: str
    load_seconds: float | None = Field(description="How long loading the extractor took.")


class StoredArticle(BaseModel):
    """An article's extraction result and what storing it did."""

    result: ExtractionResult
    ingest: IngestReport
