"""The learned deal model: for a pair of organisations in a sentence, the probability of each
deal label — a type and, for directed types, a direction relative to mention order
("acquisition:fwd": the first named acquires the second; "research_collaboration": undirected).

One logistic regression per label (a pair may hold two deals: a licence and a collaboration)
over the pair's sparse features (``ie_nlp.nlp.deal_pairs``), optionally with its sentence's
embedding, calibrated with Platt scaling on cross-validation folds so that a probability means
one. A deal record's own confidence, over the decisions made from these probabilities, is
``confidence``'s (``DealConfidence``), fitted by ``ie-nlp train`` on held-out articles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse
from scipy.special import expit
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

from ie_nlp.errors import ModelLoadError
from ie_nlp.nlp.models.deal_confidence import DealConfidence
from ie_nlp.nlp.models.sidecar import load_estimator, save_estimator

CALIBRATION_FOLDS = 3


def deal_label(type_id: str, directed: bool, first_is_source: bool) -> str:
    if not directed:
        return type_id
    return f"{type_id}:{'fwd' if first_is_source else 'rev'}"


def split_label(label: str) -> tuple[str, str | None]:
    """``("acquisition", "fwd")`` for "acquisition:fwd"; ``(type, None)`` when undirected."""
    type_id, _, direction = label.partition(":")
    return type_id, direction or None


def new_estimator(c: float = 1.0) -> CalibratedClassifierCV:
    return CalibratedClassifierCV(
        LogisticRegression(max_iter=3000, C=c), method="sigmoid", cv=CALIBRATION_FOLDS
    )


@dataclass(frozen=True)
class _Stack:
    """Every label's fold models side by side: a column of weights, an intercept and the
    Platt parameters per fold, and each label's columns."""

    models: tuple[tuple[str, CalibratedClassifierCV], ...]  # what it was made of
    columns: dict[str, tuple[int, int]]
    weights: np.ndarray
    intercepts: np.ndarray
    slopes: np.ndarray
    offsets: np.ndarray

    @classmethod
    def of(cls, models: dict[str, CalibratedClassifierCV]) -> _Stack:
        folds = [
            (label, fold)
            for label, model in models.items()
            for fold in model.calibrated_classifiers_
        ]
        columns: dict[str, tuple[int, int]] = {}
        for column, (label, _) in enumerate(folds):
            columns[label] = (columns.get(label, (column, column))[0], column + 1)
        return cls(
            tuple(models.items()),
            columns,
            np.column_stack([fold.estimator.coef_[0] for _, fold in folds]),
            np.array([fold.estimator.intercept_[0] for _, fold in folds]),
            np.array([fold.calibrators[0].a_ for _, fold in folds]),
            np.array([fold.calibrators[0].b_ for _, fold in folds]),
        )

    def made_of(self, models: dict[str, CalibratedClassifierCV]) -> bool:
        return len(self.models) == len(models) and all(
            label == now_label and model is now_model
            for (label, model), (now_label, now_model) in zip(
                self.models, models.items(), strict=True
            )
        )


class DealClassifier:
    def __init__(
        self,
        vectorizer: DictVectorizer,
        models: dict[str, CalibratedClassifierCV],
        metadata: dict[str, Any],
        confidence: DealConfidence | None = None,
    ) -> None:
        self.vectorizer = vectorizer
        self.models = models
        self.metadata = metadata
        self._confidence = confidence
        self._stack: _Stack | None = None

    @property
    def confidence(self) -> DealConfidence:
        """The deal records' calibration; a model saved without one does not load."""
        if self._confidence is None:
            raise ModelLoadError("the deal model has no record confidence: run `ie-nlp train`")
        return self._confidence

    @confidence.setter
    def confidence(self, confidence: DealConfidence) -> None:
        self._confidence = confidence

    @property
    def labels(self) -> list[str]:
        return list(self.models)

    @property
    def types(self) -> frozenset[str]:
        """The deal types the model decides; the rules keep the others."""
        return frozenset(split_label(label)[0] for label in self.models)

    def threshold(self, label: str) -> float:
        """The probability from which a pair gets the label (chosen on held-out folds)."""
        return float(self.metadata.get("thresholds", {}).get(label, 0.5))

    @property
    def uses_embeddings(self) -> bool:
        """Whether the sentence embedding is a feature (else the pair's sparse features only)."""
        return bool(self.metadata.get("sentence_embedding", True))

    def matrix(self, features: Sequence[dict[str, float]], embeddings: np.ndarray | None) -> Any:
        symbolic = self.vectorizer.transform(features)
        if not self.uses_embeddings:
            return symbolic.tocsr()
        assert embeddings is not None
        return sparse.hstack([symbolic, sparse.csr_matrix(embeddings)], format="csr")

    @classmethod
    def fit(
        cls,
        features: Sequence[dict[str, float]],
        embeddings: np.ndarray | None,
        labels: Sequence[frozenset[str]],
        min_positives: int,
    ) -> DealClassifier:
        """One calibrated model per label with at least ``min_positives`` positive pairs;
        ``embeddings`` None leaves the sentence embedding out of the features."""
        vectorizer = DictVectorizer()
        vectorizer.fit(features)
        classifier = cls(vectorizer, {}, {"sentence_embedding": embeddings is not None})
        matrix = classifier.matrix(features, embeddings)
        counts: dict[str, int] = {}
        for found in labels:
            for label in found:
                counts[label] = counts.get(label, 0) + 1
        for label in sorted(counts):
            if counts[label] >= min_positives:
                target = np.array([label in found for found in labels], dtype=int)
                classifier.models[label] = new_estimator().fit(matrix, target)
        classifier.metadata["positives"] = dict(sorted(counts.items()))
        return classifier

    def probabilities(
        self, features: Sequence[dict[str, float]], embeddings: np.ndarray | None
    ) -> dict[str, np.ndarray]:
        """Per label, each pair's probability: what each label's ``predict_proba`` gives,
        computed for all labels and folds in one product (sklearn's own loop over 17 labels ×
        3 folds spent about 20 ms an article in its per-call checks)."""
        if not features:
            return {label: np.zeros(0) for label in self.models}
        stack = self._stacked()
        scores = self.matrix(features, embeddings) @ stack.weights + stack.intercepts
        # each fold's Platt sigmoid, then the mean of a label's folds, as CalibratedClassifierCV
        folds = expit(-(stack.slopes * scores + stack.offsets))
        return {
            label: folds[:, start:stop].mean(axis=1)
            for label, (start, stop) in stack.columns.items()
        }

    def _stacked(self) -> _Stack:
        if self._stack is None or not self._stack.made_of(self.models):
            self._stack = _Stack.of(self.models)
        return self._stack

    def save(self, path: Path, metadata: dict[str, Any]) -> None:
        save_estimator(
            {"vectorizer": self.vectorizer, "models": self.models, "confidence": self.confidence},
            path,
            {**self.metadata, **metadata, "labels": self.labels},
        )

    @classmethod
    def load(cls, path: Path) -> DealClassifier:
        parts, metadata = load_estimator(path)
        if "confidence" not in parts:
            raise ModelLoadError(
                f"{path} has no deal record confidence (built before it): run `ie-nlp train`"
            )
        return cls(parts["vectorizer"], parts["models"], metadata, parts["confidence"])
