"""ie-nlp: innovation-ecosystem signals from biopharma news.

The public API used by the CLI and the service::

    from ie_nlp import Extractor, InputArticle
    extractor = Extractor.from_settings()
    result = extractor.extract(InputArticle(id="a1", text="..."))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from ie_nlp.extraction import Extractor
    from ie_nlp.extraction.requests import extract_article, extract_each
    from ie_nlp.schema import SCHEMA_VERSION, ExtractionResult, InputArticle
    from ie_nlp.scrape import fetch_article
    from ie_nlp.settings import Settings, get_settings
    from ie_nlp.taxonomy import get_taxonomy

# Importing the package must stay cheap: `ie-nlp --help` and every `ie_nlp.x` submodule import
# pass through here, and Extractor alone pulls in spaCy and torch (seconds). These names are
# imported on first use instead (PEP 562).
_LAZY_EXPORTS = {
    "Extractor": "ie_nlp.extraction",
    "extract_article": "ie_nlp.extraction.requests",
    "extract_each": "ie_nlp.extraction.requests",
    "SCHEMA_VERSION": "ie_nlp.schema",
    "ExtractionResult": "ie_nlp.schema",
    "InputArticle": "ie_nlp.schema",
    "fetch_article": "ie_nlp.scrape",
    "Settings": "ie_nlp.settings",
    "get_settings": "ie_nlp.settings",
    "get_taxonomy": "ie_nlp.taxonomy",
}


def __getattr__(name: str) -> object:
    module = _LAZY_EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'ie_nlp' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY_EXPORTS))


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
