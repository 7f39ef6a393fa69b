"""Extraction as the API and the CLI ask for it: an article that has only a ``url`` is fetched
first (when ``IE_ALLOW_URL_FETCH`` allows it), and in a batch each article succeeds or fails on
its own, so one bad article never costs the others their results."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from typing import Any

from ie_nlp.errors import IENLPError, InternalError
from ie_nlp.extraction.extractor import Extractor
from ie_nlp.schema import ExtractionResult, InputArticle
from ie_nlp.scrape import fetch_article
from ie_nlp.settings import Settings

logger = logging.getLogger(__name__)

# Fields of the request that win over what the fetched page says about itself.
KEPT_FIELDS = ("title", "published", "source", "language")


def fetched_article(article: InputArticle, settings: Settings) -> InputArticle:
    """The article behind ``article.url`` (blocking), under the request's ``id`` and with the
    metadata the request gave winning over the page's."""
    assert article.url is not None
    fetched = fetch_article(article.url, settings)
    update: dict[str, Any] = {"id": article.id}
    update.update({name: getattr(article, name) for name in KEPT_FIELDS if getattr(article, name)})
    return fetched.model_copy(update=update)


def extract_article(
    extractor: Extractor,
    article: InputArticle,
    settings: Settings,
    min_confidence: float | None = None,
) -> ExtractionResult:
    """Extract one article, fetching it first when it has only a ``url``. Offsets of a fetched
    article refer to text the client never had, so the result then always carries ``text``."""
    if article.has_content or not article.url:
        return extractor.extract(article, min_confidence)
    fetched = fetched_article(article, settings)
    result = extractor.extract(fetched, min_confidence)
    if result.text is None:
        result.text = fetched.text
    return result


def extract_each(
    extractor: Extractor,
    articles: Iterable[InputArticle],
    settings: Settings,
    min_confidence: float | None = None,
) -> Iterator[ExtractionResult | IENLPError]:
    """Each article's result or the coded error that refused it, in order. One article at a
    time, not ``extract_many``: a failure inside that generator would end it and lose every
    later article. An unexpected exception is logged and reported as ``internal_error``."""
    for article in articles:
        try:
            yield extract_article(extractor, article, settings, min_confidence)
        except IENLPError as error:
            yield error
        except Exception:
            logger.exception("extraction failed for article %r", article.id)
            yield InternalError("The server failed to process this article; the error is logged.")
