"""Extraction as a service of the library: input articles in, contract results out, for one
article (``Extractor``), a request (``extract_request``: URL fetch, metadata merge) or a bulk
run over files (``extract_files``)."""

from __future__ import annotations

from ie_nlp.extraction.extractor import Extractor

__all__ = ["Extractor"]
