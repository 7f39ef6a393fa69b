"""Relationship classifier: is a rule-proposed relationship stated by its sentence? Logistic
regression over the sentence embedding, the proposed type, the trigger and the actor types."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from ie_nlp.nlp.models.sidecar import load_estimator, save_estimator
from ie_nlp.nlp.records import RelationRecord


def symbolic_features(record: RelationRecord) -> dict[str, float]:
    sentence = record.evidence
    positions = [
        m.start for m in record.source.mentions if sentence.start <= m.start < sentence.end
    ]
    positions += [
        m.start for m in record.target.mentions if sentence.start <= m.start < sentence.end
    ]
    gap = (max(positions) - min(positions)) if len(positions) >= 2 else 30
    return {
        f"type={record.type}": 1.0,
        f"trigger={record.trigger.lower()}": 1.0,
        f"pair={record.source.type}>{record.target.type}": 1.0,
        f"type_src={record.type}:{record.source.type}": 1.0,
        f"type_tgt={record.type}:{record.target.type}": 1.0,
        "gap": min(gap, 40) / 40.0,
        "sentence_len": min(len(sentence), 80) / 80.0,
        "has_role": 1.0 if record.attributes.get("role") else 0.0,
    }


class RelationScorer:
    def __init__(
        self, vectorizer: DictVectorizer, classifier: LogisticRegression, metadata: dict[str, Any]
    ) -> None:
        self.vectorizer = vectorizer
        self.classifier = classifier
        self.metadata = metadata

    def _matrix(self, records: list[RelationRecord], embeddings: np.ndarray) -> sparse.csr_matrix:
        symbolic = self.vectorizer.transform([symbolic_features(r) for r in records])
        return sparse.hstack([symbolic, sparse.csr_matrix(embeddings)], format="csr")

    @classmethod
    def fit(
        cls, records: list[RelationRecord], embeddings: np.ndarray, labels: list[int]
    ) -> RelationScorer:
        vectorizer = DictVectorizer()
        vectorizer.fit([symbolic_features(r) for r in records])
        classifier = LogisticRegression(max_iter=3000, C=1.0)
        scorer = cls(vectorizer, classifier, {"labels": [0, 1]})
        classifier.fit(scorer._matrix(records, embeddings), labels)
        return scorer

    def scored_types(self) -> frozenset[str]:
        """Types with enough training examples for the classifier to judge them; the others
        keep the rules' confidence."""
        return frozenset(self.metadata.get("scored_types", []))

    def score(self, records: list[RelationRecord], embeddings: np.ndarray) -> np.ndarray:
        return self.classifier.predict_proba(self._matrix(records, embeddings))[:, 1]

    def save(self, path: Path, metadata: dict[str, Any]) -> None:
        save_estimator(
            {"vectorizer": self.vectorizer, "classifier": self.classifier},
            path,
            {**self.metadata, **metadata},
        )

    @classmethod
    def load(cls, path: Path) -> RelationScorer:
        parts, metadata = load_estimator(path)
        return cls(parts["vectorizer"], parts["classifier"], metadata)
