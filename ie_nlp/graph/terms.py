"""Rising terms: noun phrases that more articles use now than in the periods before.

Terms are spaCy noun chunks of the first ``max_chars`` characters of each article (the news is
up top; footers, disclaimers and boilerplate come last), normalised: leading determiners,
pronouns, numbers, punctuation and stop words dropped, lower-cased, nouns lemmatised (so
"the cell therapies" and "cell therapy" are one term). Kept are chunks of ``min_words`` to
``max_words`` words, at least one a common noun (a proper-noun-only chunk is a name), every
word made of letters, digits and inner hyphens (no URLs, handles or list markers), and at least
``min_chars`` long. Single nouns (phase, client, ability) are mostly generic, hence
``min_words`` 2. A term counts once per article (document frequency).

Corpora grow, so a term is compared with the *rate* at which articles used it before: expected
= the mean share of articles using it over the previous ``previous_periods`` periods (those
with articles) times this period's number of articles; growth = (count + 1) / (expected + 1).
The add-one keeps a brand-new term finite and ranks 6 new mentions above 3; a period without
earlier articles has no baseline and no rising terms. A term rises when its count is at least
``min_count`` and its growth at least ``min_growth``.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Span

from ie_nlp.graph.params import RisingTermParams, get_params
from ie_nlp.graph.signal_models import RisingTerm
from ie_nlp.settings import Settings

__all__ = ["TermCounter", "rising_terms"]

# Only the tagger and parser feed noun_chunks (with the lemmatiser for normal forms).
UNUSED_COMPONENTS = ["ner"]
SKIPPED_LEADING_POS = {"DET", "PRON", "NUM", "PUNCT", "SYM", "CCONJ", "ADP"}
WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
BATCH_SIZE = 32


@lru_cache(maxsize=2)
def load_parser(model: str) -> Language:
    """The spaCy pipeline for noun chunks, loaded once per process."""
    return spacy.load(model, exclude=UNUSED_COMPONENTS)


def normal_term(chunk: Span, params: RisingTermParams) -> str | None:
    tokens = list(chunk)
    while tokens and (tokens[0].pos_ in SKIPPED_LEADING_POS or tokens[0].is_stop):
        tokens = tokens[1:]
    if any(token.is_space for token in tokens) or not any(t.pos_ == "NOUN" for t in tokens):
        return None  # a chunk across a line or paragraph break joins two phrases
    words = [token.lemma_.lower() if token.pos_ == "NOUN" else token.lower_ for token in tokens]
    spaces = [token.whitespace_ for token in tokens[:-1]] + [""]
    term = "".join(word + space for word, space in zip(words, spaces, strict=True)).strip()
    parts = term.split()
    if not params.min_words <= len(parts) <= params.max_words or len(term) < params.min_chars:
        return None
    if not all(WORD.fullmatch(part) and any(ch.isalpha() for ch in part) for part in parts):
        return None
    return term


class TermCounter:
    """The set of terms of each article text, cached by the text's hash: the API and a
    long-running process see mostly the same articles on every request."""

    def __init__(self, model: str, params: RisingTermParams) -> None:
        self.model = model
        self.params = params
        self.cache: dict[str, frozenset[str]] = {}
        # spaCy pipelines are not documented as thread-safe; API requests run in threads
        self.lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> TermCounter:
        """Noun chunks from the extraction pipeline's own spaCy model (``IE_SPACY_MODEL``)."""
        return cls(settings.spacy_model, get_params().rising_terms)

    def terms(self, texts: Sequence[str]) -> list[frozenset[str]]:
        keys = [hashlib.sha256(text.encode("utf-8")).hexdigest() for text in texts]
        with self.lock:
            missing = {
                key: text[: self.params.max_chars]
                for key, text in zip(keys, texts, strict=True)
                if key not in self.cache
            }
            if missing:
                docs = load_parser(self.model).pipe(missing.values(), batch_size=BATCH_SIZE)
                for key, doc in zip(missing, docs, strict=True):
                    found = (normal_term(chunk, self.params) for chunk in doc.noun_chunks)
                    self.cache[key] = frozenset(term for term in found if term)
            return [self.cache[key] for key in keys]


def rising_terms(
    counts: Sequence[Counter[str]], articles: Sequence[int], params: RisingTermParams
) -> list[list[RisingTerm]]:
    """For each period's term counts (with its number of articles), its rising terms, best
    first (growth, then count)."""
    result: list[list[RisingTerm]] = []
    for index, current in enumerate(counts):
        first = max(0, index - params.previous_periods)
        previous = [
            (period, total)
            for period, total in zip(counts[first:index], articles[first:index], strict=True)
            if total
        ]
        found = []
        for term, count in current.items() if previous else ():
            if count < params.min_count:
                continue
            rate = sum(period[term] / total for period, total in previous) / len(previous)
            expected = rate * articles[index]
            growth = (count + 1) / (expected + 1)
            if growth >= params.min_growth:
                found.append(
                    RisingTerm(
                        term=term, count=count, expected=round(expected, 3), growth=round(growth, 3)
                    )
                )
        found.sort(key=lambda t: (-t.growth, -t.count, t.term))
        result.append(found[: params.top])
    return result
