"""The extraction entry point: one object that loads every model once and turns input articles
into contract results."""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language

from ie_nlp.errors import ModelLoadError, TextTooLongError
from ie_nlp.schema import Actor, ExtractionResult, InputArticle, Span
from ie_nlp.settings import Settings, get_settings


class Extractor:
    """Loads the pipeline once; ``extract`` and ``extract_many`` are safe to call repeatedly."""

    def __init__(self, nlp: Language, settings: Settings) -> None:
        self.nlp = nlp
        self.settings = settings

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> Extractor:
        settings = settings or get_settings()
        try:
            nlp = spacy.load(settings.spacy_model)
        except OSError as error:
            raise ModelLoadError(f"cannot load spaCy pipeline {settings.spacy_model!r}: {error}")
        return cls(nlp, settings)

    def extract(self, article: InputArticle) -> ExtractionResult:
        return next(self.extract_many([article]))

    def extract_many(self, articles: Iterable[InputArticle]) -> Iterator[ExtractionResult]:
        for article in articles:
            text = article.text or ""
            if len(text) > self.settings.max_text_chars:
                raise TextTooLongError(f"article {article.id!r} is longer than the limit")
            started = time.perf_counter()
            doc = self.nlp(text)
            actors = [
                Actor(id=f"a{i}", name=ent.text, type="other_org" if ent.label_ == "ORG" else "person",
                      mentions=[Span(start=ent.start_char, end=ent.end_char, text=ent.text)])
                for i, ent in enumerate(doc.ents) if ent.label_ in {"ORG", "PERSON"}
            ]
            yield ExtractionResult(id=article.id, actors=actors,
                                   meta={"seconds": time.perf_counter() - started})
