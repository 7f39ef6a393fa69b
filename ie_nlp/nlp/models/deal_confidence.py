"""The confidence of a deal record: the probability that the deal is right, fitted on the
decisions extraction makes from held-out probabilities.

A pair's label probabilities are calibrated sentence by sentence, but a deal record is a
decision over them: the chance that at least one sentence states it (noisy-or, which counts
a deal told in three similar sentences as three witnesses), kept by the model or proposed by
the trigger rules below the model's threshold, of one type or another. Each of these moves the
record's chance of being right away from the noisy-or figure (rule proposals the model doubts
were right one time in eight on held-out training articles), so a logistic regression over the
noisy-or's log-odds, whether the rules alone keep the record, and its type maps them to a
probability (Platt scaling with covariates)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

_EDGE = 1e-4  # keeps the log-odds of a 0 or 1 noisy-or finite


class DealConfidence:
    """``probabilities(support, by_rule, types)``: each deal record's chance of being right."""

    def __init__(
        self, vectorizer: DictVectorizer | None, model: LogisticRegression | None, rate: float
    ) -> None:
        self.vectorizer = vectorizer
        self.model = model
        self.rate = rate  # the share of right records, where they were all right or all wrong

    @staticmethod
    def _features(
        support: Sequence[float], by_rule: Sequence[bool], types: Sequence[str]
    ) -> list[dict[str, float]]:
        clipped = np.clip(np.asarray(support, dtype=float), _EDGE, 1 - _EDGE)
        log_odds = np.log(clipped / (1 - clipped))
        return [
            {"log_odds": float(value), "by_rule": float(rule), f"type={type_id}": 1.0}
            for value, rule, type_id in zip(log_odds, by_rule, types, strict=True)
        ]

    @classmethod
    def fit(
        cls,
        support: Sequence[float],
        by_rule: Sequence[bool],
        types: Sequence[str],
        right: Sequence[int],
    ) -> DealConfidence:
        """Fitted on decisions with their outcome (1 for a deal in the gold). With one outcome
        only, every record gets that outcome's rate: the fit a logistic regression tends to."""
        outcomes = np.asarray(right, dtype=int)
        if len(set(outcomes.tolist())) < 2:
            return cls(None, None, float(outcomes.mean()) if len(outcomes) else 0.0)
        vectorizer = DictVectorizer()
        matrix = vectorizer.fit_transform(cls._features(support, by_rule, types))
        model = LogisticRegression(max_iter=1000).fit(matrix, outcomes)
        return cls(vectorizer, model, float(outcomes.mean()))

    def probabilities(
        self, support: Sequence[float], by_rule: Sequence[bool], types: Sequence[str]
    ) -> np.ndarray:
        if self.vectorizer is None or self.model is None:
            return np.full(len(support), self.rate)
        if not len(support):
            return np.zeros(0)
        matrix = self.vectorizer.transform(self._features(support, by_rule, types))
        return np.asarray(self.model.predict_proba(matrix)[:, 1])
