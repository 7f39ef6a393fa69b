"""``POST /v1/articles``: extract one article and keep its result in the ecosystem store."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Response

from ie_nlp import ExtractionResult, InputArticle
from ie_nlp.store import Store
from service.deps import ExtractorDep, RunnerDep, SettingsDep, StoreDep, require_json
from service.models import StoredArticle
from service.problems import problem_responses
from service.routers.extract import ARTICLE_EXAMPLES, ERRORS

router = APIRouter(prefix="/v1/articles", tags=["store"], dependencies=[Depends(require_json)])


@router.post(
    "",
    status_code=201,
    response_model=StoredArticle,
    summary="Extract one article and store the result",
    responses={
        200: {"model": StoredArticle, "description": "Already stored: unchanged or replaced."},
        **problem_responses(*ERRORS),
    },
)
async def store_article(
    article: Annotated[InputArticle, Body(openapi_examples=ARTICLE_EXAMPLES)],
    response: Response,
    extractor: ExtractorDep,
    runner: RunnerDep,
    settings: SettingsDep,
    store: StoreDep,
) -> StoredArticle:
    """Body and extraction as in `POST /v1/extract`; the result is then stored with the
    article's `title`, `url`, `published`, `source` and text, and its actors resolved across
    the stored articles.

    201 when the article id is new; 200 when it was stored before: `ingest.status` is
    `unchanged` (same content, nothing written) or `replaced` (its earlier result replaced).
    Errors as in `POST /v1/extract`, plus 503 `store_unavailable` (the database cannot be
    reached or migrated).
    """
    result = await runner.extract(extractor, article, settings)
    stored = await runner.run(lambda: store_result(store, article, result))
    if stored.ingest.status != "new":
        response.status_code = 200
    return stored


def store_result(store: Store, article: InputArticle, result: ExtractionResult) -> StoredArticle:
    # A fetched article's text only exists in the result.
    metadata = article if article.has_content else article.model_copy(update={"text": result.text})
    return StoredArticle(result=result, ingest=store.ingest(result, metadata))
