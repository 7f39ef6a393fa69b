"""``POST /v1/extract`` and ``POST /v1/extract/batch``: articles in, contract results out."""

from __future__ import annotations

import logging
from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends
from pydantic import ValidationError

from ie_nlp import ExtractionResult, Extractor, IENLPError, InputArticle, Settings, fetch_article
from service.deps import ExtractorDep, RunnerDep, SettingsDep, require_json
from service.models import BatchItemError, BatchRequest, BatchResponse
from service.problems import ProblemError, describe_field_errors, field_errors, problem_responses

logger = logging.getLogger(__name__)

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

# Fields of the request that win over what the fetched page says about itself.
KEPT_FIELDS = ("title", "published", "source", "language")


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
    `model_unavailable`.
    """
    return await runner.run(lambda: extract_article(extractor, article, settings))


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
) -> BatchResponse:
    """Body: `{"articles": [...]}` with at most IE_MAX_BATCH_ARTICLES input articles.

    Always 200 once the batch itself is acceptable: `results` holds the results of the articles
    that succeeded, in request order; `errors` holds one entry per failed article with its
    `index`, `id`, `code` (`invalid_fields`, `text_too_long`, `invalid_article`,
    `url_fetch_disabled`, `url_forbidden`, `fetch_failed`, `internal_error`) and `message`.
    Items with only a `url` are fetched as in `POST /v1/extract`, one after another.

    Too many articles is 422 `batch_too_large` (not 413, which is reserved for the byte limit):
    the body is well-formed and within size, its content breaks a rule, so split the batch.
    """
    limit = settings.max_batch_articles
    if len(batch.articles) > limit:
        raise ProblemError(
            422,
            "batch_too_large",
            f"The batch has {len(batch.articles)} articles; the limit is {limit} "
            "(IE_MAX_BATCH_ARTICLES). Split it into smaller batches.",
        )
    return await runner.run(lambda: run_batch(extractor, batch.articles, settings))


def fetched_article(article: InputArticle, settings: Settings) -> InputArticle:
    """The article behind ``article.url`` (blocking: call it off the event loop), under the
    request's ``id`` and with the metadata the request gave winning over the page's."""
    assert article.url is not None
    fetched = fetch_article(article.url, settings)
    update: dict[str, Any] = {"id": article.id}
    update.update({name: getattr(article, name) for name in KEPT_FIELDS if getattr(article, name)})
    return fetched.model_copy(update=update)


def extract_article(
    extractor: Extractor, article: InputArticle, settings: Settings
) -> ExtractionResult:
    """Extract one article, fetching it first when it has only a ``url``. Offsets of a fetched
    article refer to text the client never had, so the result then always carries ``text``."""
    if article.has_content or not article.url:
        return extractor.extract(article)
    fetched = fetched_article(article, settings)
    result = extractor.extract(fetched)
    if result.text is None:
        result.text = fetched.text
    return result


def run_batch(extractor: Extractor, items: list[Any], settings: Settings) -> BatchResponse:
    """One article at a time, not ``extract_many``: a failure inside that generator would end it
    and lose every later article."""
    results: list[ExtractionResult] = []
    errors: list[BatchItemError] = []
    for index, item in enumerate(items):
        item_id = item.get("id") if isinstance(item, dict) else None
        item_id = item_id if isinstance(item_id, str) else None
        try:
            article = InputArticle.model_validate(item)
        except ValidationError as error:
            details = field_errors(error.errors())
            errors.append(
                BatchItemError(
                    index=index,
                    id=item_id,
                    code="invalid_fields",
                    message=describe_field_errors(details, root="article"),
                )
            )
            continue
        try:
            results.append(extract_article(extractor, article, settings))
        except IENLPError as error:
            errors.append(
                BatchItemError(index=index, id=item_id, code=error.code, message=error.message)
            )
        except Exception:
            # One article that trips a pipeline bug must not cost the others their results;
            # the traceback goes to the log, the client gets the generic code.
            logger.exception("extraction failed for batch item %d (id %r)", index, item_id)
            errors.append(
                BatchItemError(
                    index=index,
                    id=item_id,
                    code="internal_error",
                    message="The server failed to process this article; the error is logged.",
                )
            )
    return BatchResponse(results=results, errors=errors)
