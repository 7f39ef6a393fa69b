"""Capabilities stated in other words than the lexicon's ("engineered immune cells that hunt
tumours"): sentence embeddings compared with each category's description and core terms."""

from __future__ import annotations

import numpy as np
from spacy.tokens import Span

from ie_nlp.embedder import Embedder
from ie_nlp.taxonomy import get_taxonomy

PROTOTYPE_TERMS = 6
# Sentences worth embedding talk about what an organisation makes or develops.
CUE_LEMMAS = frozenset(
    {
        "develop",
        "therapy",
        "therapeutic",
        "treatment",
        "drug",
        "medicine",
        "platform",
        "technology",
        "product",
        "candidate",
        "manufacture",
        "service",
        "device",
        "test",
        "vaccine",
        "antibody",
        "molecule",
        "cell",
        "gene",
        "diagnostic",
        "software",
        "pipeline",
    }
)


def is_paraphrase_candidate(sentence: Span) -> bool:
    return any(token.lemma_.lower() in CUE_LEMMAS for token in sentence)


class ParaphraseDetector:
    """Nearest capability category of a sentence, when similar enough."""

    def __init__(self, embedder: Embedder, terms: dict[str, list[str]], threshold: float) -> None:
        self.embedder = embedder
        self.threshold = threshold
        taxonomy = get_taxonomy()
        self.categories: list[str] = []
        texts: list[str] = []
        for category, info in taxonomy.capability_categories.items():
            for text in [info.description, *terms.get(category, [])[:PROTOTYPE_TERMS]]:
                self.categories.append(category)
                texts.append(text)
        self.prototypes = embedder.encode(texts)

    def classify(self, sentences: list[str]) -> list[tuple[str, float] | None]:
        if not sentences:
            return []
        similarities = self.embedder.encode(sentences) @ self.prototypes.T
        best = np.argmax(similarities, axis=1)
        return [
            (self.categories[column], float(row[column])) if row[column] >= self.threshold else None
            for row, column in zip(similarities, best, strict=True)
        ]
