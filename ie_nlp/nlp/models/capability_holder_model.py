"""Capability holders: does the text attribute this capability category to this organisation
(or to nobody named)? Gradient-boosted trees over the features of ``capability_candidates``
(held out by article on the training gold they beat a logistic regression, record F1 0.619
against 0.581: the features interact, a subject counts for more in a two-company sentence);
the thresholds, one for named holders and one for nobody, are chosen on held-out articles
when it is trained (``learn.capability_training``)."""

from __future__ import annotations

from typing import Any

from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.pipeline import Pipeline, make_pipeline

from ie_nlp.nlp.capability_holders import HolderCandidate
from ie_nlp.nlp.models.actor_model import ActorModel


class CapabilityHolderModel(ActorModel):
    @property
    def threshold(self) -> float:
        return float(self.metadata.get("threshold", 0.5))

    @property
    def nobody_threshold(self) -> float:
        return float(self.metadata.get("nobody_threshold", 0.5))

    @staticmethod
    def new_pipeline() -> Pipeline:
        return make_pipeline(
            DictVectorizer(sparse=False),
            HistGradientBoostingClassifier(
                max_iter=300,
                learning_rate=0.05,
                max_leaf_nodes=15,
                l2_regularization=1.0,
                early_stopping=False,
                random_state=0,
            ),
        )

    @classmethod
    def fit(
        cls, features: list[dict[str, float]], labels: list[int], metadata: dict[str, Any]
    ) -> CapabilityHolderModel:
        pipeline = cls.new_pipeline()
        pipeline.fit(features, labels)
        return cls(pipeline, {"labels": [0, 1], **metadata})

    def probabilities(self, candidates: list[HolderCandidate]) -> list[float]:
        if not candidates:
            return []
        matrix = [candidate.features for candidate in candidates]
        return [float(p) for p in self.pipeline.predict_proba(matrix)[:, 1]]

    def decide(self, candidates: list[HolderCandidate]) -> list[tuple[HolderCandidate, float]]:
        """The pairs kept, with their probability: named holders above the threshold; nobody
        only for a category no named holder keeps (ANNOTATION.md), above its own threshold."""
        return kept_pairs(
            candidates, self.probabilities(candidates), self.threshold, self.nobody_threshold
        )


def kept_pairs(
    candidates: list[HolderCandidate],
    probabilities: list[float],
    threshold: float,
    nobody_threshold: float,
) -> list[tuple[HolderCandidate, float]]:
    scored = list(zip(candidates, probabilities, strict=True))
    kept = [(c, p) for c, p in scored if c.holder is not None and p >= threshold]
    held = {c.category for c, _ in kept}
    kept += [
        (c, p)
        for c, p in scored
        if c.holder is None and c.category not in held and p >= nobody_threshold
    ]
    return kept
