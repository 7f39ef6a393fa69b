"""The ``ie_terms`` component: the article's noun phrases, normalised, for the rising-term
signal (``ie_nlp.graph.signals``), which counts them per period without parsing again.

Terms are noun chunks of the first ``max_chars`` characters (the news is up top; footers,
disclaimers and boilerplate come last): leading determiners, pronouns, numbers, punctuation and
stop words dropped, lower-cased, nouns lemmatised ("the cell therapies" and "cell therapy" are
one term). Kept are chunks of ``min_words`` to ``max_words`` words, at least one a common noun
(a proper-noun-only chunk is a name), every word made of letters, digits and inner hyphens (no
URLs, handles or list markers), at least ``min_chars`` long. Single nouns (phase, client) are
mostly generic, hence ``min_words`` 2."""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span

from ie_nlp.nlp.records import register_extensions

SKIPPED_LEADING_POS = {"DET", "PRON", "NUM", "PUNCT", "SYM", "CCONJ", "ADP"}
WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


@Language.factory(
    "ie_terms",
    default_config={"max_chars": 3000, "min_words": 2, "max_words": 4, "min_chars": 5},
    requires=["token.pos", "token.lemma", "token.dep"],
    assigns=["doc._.ie_terms"],
)
class TermFinder:
    """Fills ``doc._.ie_terms``: the article's distinct terms, sorted."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        max_chars: int,
        min_words: int,
        max_words: int,
        min_chars: int,
    ) -> None:
        register_extensions()
        self.name = name
        self.max_chars = max_chars
        self.min_words, self.max_words, self.min_chars = min_words, max_words, min_chars

    def __call__(self, doc: Doc) -> Doc:
        found = (
            self.normal_term(chunk) for chunk in doc.noun_chunks if chunk.end_char <= self.max_chars
        )
        doc._.ie_terms = sorted({term for term in found if term})
        return doc

    def normal_term(self, chunk: Span) -> str | None:
        tokens = list(chunk)
        while tokens and (tokens[0].pos_ in SKIPPED_LEADING_POS or tokens[0].is_stop):
            tokens = tokens[1:]
        if any(token.is_space for token in tokens) or not any(t.pos_ == "NOUN" for t in tokens):
            return None  # a chunk across a line or paragraph break joins two phrases
        words = [t.lemma_.lower() if t.pos_ == "NOUN" else t.lower_ for t in tokens]
        spaces = [token.whitespace_ for token in tokens[:-1]] + [""]
        term = "".join(word + space for word, space in zip(words, spaces, strict=True)).strip()
        parts = term.split()
        if not self.min_words <= len(parts) <= self.max_words or len(term) < self.min_chars:
            return None
        if not all(WORD.fullmatch(part) and any(ch.isalpha() for ch in part) for part in parts):
            return None
        return term
