"""``POST /v1/extract`` and ``POST /v1/extract/batch``: articles in, contract results out."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Query
from pydantic import ValidationError

from ie_nlp import ErrorCode, ExtractionResult, IENLPError, InputArticle, Settings
from service.deps import ExtractorDep, RunnerDep, SettingsDep, require_json
from service.models import BatchItemError, BatchRequest, BatchResponse
from service.problems import ProblemError, describe_field_errors, field_errors, problem_responses
from service.state import Extraction, ExtractionRunner

router = APIRouter(prefix="/v1/extract", tags=["extract"], dependencies=[Depends(require_json)])

PFIZER = "Pfizer today announced that it completed its acquisition of Seagen Inc. for $43 billion."

ARTICLE_EXAMPLES: dict[str, dict[str, Any]] = {
    "text": {
        "summary": "Plain-text article",
        "value": InputArticle.model_json_schema()["examples"][0],
    },
    "html": {
        "summary": "HTML article (offsets then refer to the returned `text`)",
        "value": {"id": "demo-2", "html": f"<html><body><h1>Deal closed</h1><p>{PFIZER}</p>"},
    },
    "url": {
        "summary": "URL only (needs IE_ALLOW_URL_FETCH=true; the result then carries `text`)",
        "value": {"id": "demo-3", "url": "https://www.example.com/news/deal-closed"},
    },
}

BATCH_EXAMPLES: dict[str, dict[str, Any]] = {
    "batch": {
        "summary": "Two good articles and one without text",
        "description": "The second item is reported in `errors` with index 1; the others "
        "are still extracted.",
        "value": {
            "articles": [
                {"id": "b-1", "text": PFIZER},
                {"id": "b-2"},
                {"id": "b-3", "text": "Moderna and Merck expand their mRNA cancer-vaccine pact."},
            ]
        },
    }
}

ERRORS = (400, 403, 413, 415, 422, 500, 502, 503)

MinConfidenceQuery = Annotated[
    float | None,
    Query(
        ge=0.0,
        le=1.0,
        description="Leave out relationships whose confidence is below this (default: the "
        "server's IE_MIN_CONFIDENCE). Deal confidences are calibrated probabilities.",
    ),
]


@router.post(
    "",
    response_model=ExtractionResult,
    summary="Extract actors, capabilities and relationships from one article",
    responses=problem_responses(*ERRORS),
)
async def extract_one(
    article: Annotated[InputArticle, Body(openapi_examples=ARTICLE_EXAMPLES)],
    extractor: ExtractorDep,
    runner: RunnerDep,
    settings: SettingsDep,
    min_confidence: MinConfidenceQuery = None,
) -> ExtractionResult:
    """Body: one input article (CONTRACT.md) with `text` or `html`, or only a `url` that the
    service fetches (when IE_ALLOW_URL_FETCH=true); answer: its extraction result. Offsets index
    the article `text`, or the result's `text` when `html` or only a `url` was given. A fetched
    article keeps the request's `id` and any `title`, `published`, `source` given with it.

    Errors: 400 `malformed_json`, 403 `url_fetch_disabled` (URL fetching is off) /
    `url_forbidden` (not http(s), or a private, loopback or link-local address while
    IE_ALLOW_PRIVATE_ADDRESSES is off), 413 `payload_too_large` (body over IE_MAX_REQUEST_BYTES),
    415 `unsupported_media_type`, 422 `invalid_fields` / `invalid_article` / `text_too_long`
    (over IE_MAX_TEXT_CHARS, never truncated), 502 `fetch_failed` (the page could not be
    fetched, robots.txt disallows it, or it holds no article text), 503 `not_ready` /
    `model_unavailable` / `worker_lost` (an extraction process died; retry after Retry-After).
    """
    return await runner.extract(extractor, article, settings, min_confidence)


@router.post(
    "/batch",
    response_model=BatchResponse,
    summary="Extract from several articles; bad items are reported, not fatal",
    responses=problem_responses(*ERRORS),
)
async def extract_batch(
    batch: Annotated[BatchRequest, Body(openapi_examples=BATCH_EXAMPLES)],
    extractor: ExtractorDep,
    runner: RunnerDep,
    settings: SettingsDep,
    min_confidence: MinConfidenceQuery = None,
) -> BatchResponse:
    """Body: `{"articles": [...]}` with at most IE_MAX_BATCH_ARTICLES input articles.

    Always 200 once the batch itself is acceptable: `results` holds the results of the articles
    that succeeded, in request order; `errors` holds one entry per failed article with its
    `index`, `id`, `code` (`invalid_fields`, `text_too_long`, `invalid_article`,
    `url_fetch_disabled`, `url_forbidden`, `fetch_failed`, `internal_error`) and `message`.
    Items with only a `url` are fetched as in `POST /v1/extract`. With IE_WORKERS > 1 the
    articles are spread over the extraction processes; one of them dying is a 503 `worker_lost`
    for the whole batch.

    Too many articles is 422 `batch_too_large` (not 413, which is reserved for the byte limit):
    the body is well-formed and within size, its content breaks a rule, so split the batch.
    """
    limit = settings.max_batch_articles
    if len(batch.articles) > limit:
        raise ProblemError(
            422,
            ErrorCode.BATCH_TOO_LARGE,
            f"The batch has {len(batch.articles)} articles; the limit is {limit} "
            "(IE_MAX_BATCH_ARTICLES). Split it into smaller batches.",
        )
    return await run_batch(runner, extractor, batch.articles, settings, min_confidence)


async def run_batch(
    runner: ExtractionRunner,
    extractor: Extraction,
    items: list[Any],
    settings: Settings,
    min_confidence: float | None,
) -> BatchResponse:
    """Items that are no input article are reported here; the others go to the library's
    ``extract_each`` (spread over the worker processes, if any), which reports each refused
    article with its code."""
    errors: list[BatchItemError] = []
    valid: list[tuple[int, str | None, InputArticle]] = []
    for index, item in enumerate(items):
        item_id = item.get("id") if isinstance(item, dict) else None
        item_id = item_id if isinstance(item_id, str) else None
        try:
            valid.append((index, item_id, InputArticle.model_validate(item)))
        except ValidationError as error:
            message = describe_field_errors(field_errors(error.errors()), root="article")
            errors.append(
                BatchItemError(
                    index=index, id=item_id, code=ErrorCode.INVALID_FIELDS, message=message
                )
            )
    results: list[ExtractionResult] = []
    articles = [article for _, _, article in valid]
    outcomes = await runner.extract_each(extractor, articles, settings, min_confidence)
    for (index, item_id, _), outcome in zip(valid, outcomes, strict=True):
        if isinstance(outcome, IENLPError):
            errors.append(
                BatchItemError(index=index, id=item_id, code=outcome.code, message=outcome.message)
            )
        else:
            results.append(outcome)
    errors.sort(key=lambda error: error.index)
    return BatchResponse(results=results, errors=errors)
