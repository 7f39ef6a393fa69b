"""ie-nlp: innovation-ecosystem signals from biopharma news.

The public API used by the CLI and the service::

    from ie_nlp import Extractor, InputArticle
    extractor = Extractor.from_settings()
    result = extractor.extract(InputArticle(id="a1", text="..."))
"""

from __future__ import annotations

from ie_nlp._version import __version__
from ie_nlp.errors import (
    ErrorCode,
    FetchFailedError,
    IENLPError,
    InputFileError,
    InvalidArticleError,
    ModelLoadError,
    TextTooLongError,
    UrlFetchDisabledError,
    UrlForbiddenError,
)
from ie_nlp.extraction import Extractor
from ie_nlp.extraction.requests import extract_article, extract_each
from ie_nlp.schema import SCHEMA_VERSION, ExtractionResult, InputArticle
from ie_nlp.scrape import fetch_article
from ie_nlp.settings import Settings, get_settings
from ie_nlp.taxonomy import get_taxonomy

__all__ = [
    "SCHEMA_VERSION",
    "ErrorCode",
    "ExtractionResult",
    "Extractor",
    "FetchFailedError",
    "IENLPError",
    "InputArticle",
    "InputFileError",
    "InvalidArticleError",
    "ModelLoadError",
    "Settings",
    "TextTooLongError",
    "UrlFetchDisabledError",
    "UrlForbiddenError",
    "__version__",
    "extract_article",
    "extract_each",
    "fetch_article",
    "get_settings",
    "get_taxonomy",
]
