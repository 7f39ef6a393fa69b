"""Relationship classifier: is a proposed relationship stated by its sentence? Logistic
regression over the sentence embedding, the proposed type, the trigger, the actor types, and
how the sentence joins the two names: the words between them, the dependency path, who else
stands between."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from ie_nlp.nlp.dependency_paths import dependency_path, mention_root
from ie_nlp.nlp.models.sidecar import load_estimator, save_estimator
from ie_nlp.nlp.records import RelationRecord, actor_at

MAX_BETWEEN_WORDS = 8


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
        **_link_features(record),
        f"type={record.type}": 1.0,
        f"trigger={record.trigger.lower()}": 1.0,
        f"pair={record.source.type}>{record.target.type}": 1.0,
        f"type_src={record.type}:{record.source.type}": 1.0,
        f"type_tgt={record.type}:{record.target.type}": 1.0,
        "gap": min(gap, 40) / 40.0,
        "sentence_len": min(len(sentence), 80) / 80.0,
        "has_role": 1.0 if record.attributes.get("role") else 0.0,
    }


def _link_features(record: RelationRecord) -> dict[str, float]:
    """How the sentence joins the nearest mentions of the two actors, prefixed by the type."""
    sentence = record.evidence
    inside = [
        [m for m in actor.mentions if sentence.start <= m.start < sentence.end]
        for actor in (record.source, record.target)
    ]
    if not inside[0] or not inside[1]:
        return {f"{record.type}:outside": 1.0}
    source, target = min(
        ((s, t) for s in inside[0] for t in inside[1]),
        key=lambda pair: abs(pair[0].start - pair[1].start),
    )
    first, second = sorted((source, target), key=lambda m: m.start)
    doc = sentence.doc
    named = actor_at(doc)
    parties = {id(record.source), id(record.target)}
    prefix = record.type
    features = {f"{prefix}:source_first": float(first is source)}
    between = doc[first.end : second.start]
    others = {id(named[t.i]): named[t.i] for t in between if t.i in named}
    for actor in others.values():
        if id(actor) not in parties:
            features[f"{prefix}:{actor.kind}_between"] = 1.0
    words = [t for t in between if t.is_alpha and t.i not in named]
    for token in words[:MAX_BETWEEN_WORDS]:
        features[f"{prefix}:between={token.lemma_.lower()}"] = 1.0
    path, top = dependency_path(mention_root(doc, first.start), mention_root(doc, second.start))
    if top is not None:
        features[f"{prefix}:path={path}"] = 1.0
        features[f"{prefix}:lca={top.lemma_.lower()}"] = 1.0
    return features


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
