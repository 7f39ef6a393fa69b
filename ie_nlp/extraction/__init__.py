"""Extraction as a service of the library: input articles in, contract results out, for one
article (``Extractor``), a request (``extract_request``: URL fetch, metadata merge) or a bulk
run over files (``extract_files``, or ``ray_engine.extract_with_ray`` on a cluster)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ie_nlp.extraction.extractor import Extractor

__all__ = ["Extractor"]


def __getattr__(name: str) -> object:
    # Extractor pulls in spaCy and torch (seconds): only the processes that extract pay for
    # it, not a Ray driver or read task that imports a light module of this package.
    if name == "Extractor":
        from ie_nlp.extraction.extractor import Extractor

        return Extractor
    raise AttributeError(f"module 'ie_nlp.extraction' has no attribute {name!r}")
