"""Request and response bodies that exist only in the API (the records themselves live in
``ie_nlp``: InputArticle, ExtractionResult)."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query
from pydantic import BaseModel, Field

from ie_nlp import ExtractionResult
from ie_nlp.store import IngestReport

# Page size and position of the store's list routes.
LimitQuery = Annotated[int, Query(ge=1, le=500, description="Items per page (1-500).")]
OffsetQuery = Annotated[int, Query(ge=0, description="Items to skip.")]


class BatchRequest(BaseModel):
    """Several input articles processed in one request."""

    # Items are kept loose (Any) on purpose: each is validated as an InputArticle on its own, so
    # one bad item is reported by index instead of failing the whole batch. The schema override
    # still documents them as InputArticle.
    articles: list[Any] = Field(
        description="Input articles (InputArticle records); at most IE_MAX_BATCH_ARTICLES.",
        json_schema_extra={"items": {"$ref": "#/components/schemas/InputArticle"}},
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
