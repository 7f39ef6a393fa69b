"""ie-nlp: innovation-ecosystem signals from biopharma news.

The public API used by the CLI and the service::

    from ie_nlp import Extractor, InputArticle
    extractor = Extractor.from_settings()
    result = extractor.extract(InputArticle(id="a1", text="..."))
"""

from __future__ import annotations

__version__ = "0.1.0"

from ie_nlp.errors import (  # noqa: E402
    IENLPError,
    InputFileError,
    InvalidArticleError,
    ModelLoadError,
    TextTooLongError,
)
from ie_nlp.extractor import Extractor  # noqa: E402
from ie_nlp.schema import SCHEMA_VERSION, ExtractionResult, InputArticle  # noqa: E402
from ie_nlp.settings import Settings, get_settings  # noqa: E402
from ie_nlp.taxonomy import get_taxonomy  # noqa: E402

__all__ = [
    "SCHEMA_VERSION",
    "ExtractionResult",
    "Extractor",
    "IENLPError",
    "InputArticle",
    "InputFileError",
    "InvalidArticleError",
    "ModelLoadError",
    "Settings",
    "TextTooLongError",
    "__version__",
    "get_settings",
    "get_taxonomy",
]
