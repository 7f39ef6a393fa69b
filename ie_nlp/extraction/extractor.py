"""The extraction entry point: one object that loads every model once and turns input articles
into contract results."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.pipeline import Lemmatizer

from ie_nlp._version import __version__
from ie_nlp.errors import InvalidArticleError, TextTooLongError
from ie_nlp.extraction.memory import WindowMemory, freeze_loaded_models, pin_mmap_threshold
from ie_nlp.nlp.pipeline import load_pipeline
from ie_nlp.nlp.records import release
from ie_nlp.nlp.result import doc_to_result
from ie_nlp.nlp.text import html_to_text, prepare_text
from ie_nlp.schema import ExtractionResult, InputArticle
from ie_nlp.settings import Settings, get_settings


class Extractor:
    """Loads the pipeline once; ``extract`` and ``extract_many`` are safe to call repeatedly."""

    def __init__(self, nlp: Language, settings: Settings) -> None:
        self.nlp = nlp
        self.settings = settings
        pin_mmap_threshold()
        freeze_loaded_models()
        lemmatizers = [pipe for _, pipe in nlp.pipeline if isinstance(pipe, Lemmatizer)]
        self._memory = WindowMemory(caches=[pipe.cache for pipe in lemmatizers])

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Extractor:
        """The pipeline ``settings.pipeline`` names, with the settings' runtime overrides (the
        embedding model, torch threads, the longest text)."""
        settings = settings or get_settings()
        nlp = load_pipeline(settings.pipeline, pipeline_overrides(settings))
        nlp.max_length = settings.max_text_chars + 1
        return cls(nlp, settings)

    def article_text(self, article: InputArticle) -> tuple[str, bool]:
        """The text that offsets refer to, and whether it was derived from HTML."""
        if not article.has_content:
            raise InvalidArticleError(
                f"article {article.id!r} has a url but no text or html: fetch it first "
                "(`ie-nlp scrape URL`, or POST /v1/extract with IE_ALLOW_URL_FETCH=true)"
            )
        if article.text and article.text.strip():
            text, from_html = article.text, False
        else:
            text, from_html = html_to_text(article.html or ""), True
        if len(text) > self.settings.max_text_chars:
            raise TextTooLongError(
                f"article {article.id!r} has {len(text):,} characters; the limit is "
                f"{self.settings.max_text_chars:,} (IE_MAX_TEXT_CHARS). It was not processed."
            )
        return text, from_html

    def extract(
        self, article: InputArticle, min_confidence: float | None = None
    ) -> ExtractionResult:
        return next(self.extract_many([article], min_confidence=min_confidence))

    def extract_many(
        self,
        articles: Iterable[InputArticle],
        batch_size: int = 16,
        min_confidence: float | None = None,
    ) -> Iterator[ExtractionResult]:
        """Results in input order. Raises on the first article that is too long; callers that
        must go on past bad records validate lengths with ``article_text`` first.

        Relationships less likely than ``min_confidence`` (default ``IE_MIN_CONFIDENCE``) are
        left out. A long-running process stays flat: each window of ``batch_size`` articles runs
        in a spaCy memory zone, so the strings its texts add to the vocabulary are freed again,
        and ends with ``WindowMemory.after_window`` (``extraction/memory.py``)."""
        floor = self.settings.min_confidence if min_confidence is None else min_confidence
        stream = iter(articles)
        while window := list(islice(stream, batch_size)):
            with self.nlp.memory_zone():
                results = list(self._extract_window(window, batch_size))
            self._memory.after_window(len(window))
            for result in results:
                result.relationships = [r for r in result.relationships if r.confidence >= floor]
            yield from results

    def _extract_window(
        self, articles: list[InputArticle], batch_size: int
    ) -> Iterator[ExtractionResult]:
        prepared = ((article, *self.article_text(article)) for article in articles)
        contexts = (
            (prepare_text(text), (article, text, from_html, time.perf_counter()))
            for article, text, from_html in prepared
        )
        for doc, (article, text, from_html, started) in self.nlp.pipe(
            contexts, as_tuples=True, batch_size=batch_size
        ):
            meta = {
                "ie_nlp_version": __version__,
                "pipeline": f"{self.nlp.meta.get('name')} {self.nlp.meta.get('version')}",
                "text_chars": len(doc.text),
                "sentences": sum(1 for _ in doc.sents),
                "truncated": False,
                "seconds": round(time.perf_counter() - started, 4),
            }
            result = doc_to_result(doc, text, article.id, meta)
            release(doc)
            if from_html:
                result.text = text
            yield result


def pipeline_overrides(settings: Settings) -> dict[str, object]:
    """Config values the settings change in a loaded pipeline: resources of this process, not
    what the pipeline was trained to do."""
    overrides: dict[str, object] = {}
    for component in ("ie_capabilities", "ie_relations"):
        overrides[f"components.{component}.torch_threads"] = settings.torch_threads
        if settings.embedding_model:
            overrides[f"components.{component}.embedding_model"] = settings.embedding_model
    return overrides
