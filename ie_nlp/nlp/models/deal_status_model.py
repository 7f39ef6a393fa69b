"""The deal status model: a multinomial logistic regression from a deal sentence's status
features (``ie_nlp.nlp.deal_status``) to announced, completed, extended, terminated or none."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sklearn.dummy import DummyClassifier
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from ie_nlp.nlp.deal_status import NO_STATUS
from ie_nlp.nlp.models.sidecar import load_estimator, save_estimator


def new_status_pipeline(labels: Sequence[str]) -> Pipeline:
    """The regression; where the gold gives one status or none at all (a small gold set
    without deal terms), a model that always answers that status."""
    if len(set(labels)) < 2:
        return make_pipeline(DictVectorizer(), DummyClassifier(strategy="most_frequent"))
    return make_pipeline(DictVectorizer(), LogisticRegression(max_iter=3000, C=0.5))


class DealStatusModel:
    def __init__(self, pipeline: Pipeline, metadata: dict[str, Any]) -> None:
        self.pipeline = pipeline
        self.metadata = metadata

    @classmethod
    def fit(cls, features: Sequence[dict[str, float]], labels: Sequence[str]) -> DealStatusModel:
        if not labels:
            features, labels = [{}], [NO_STATUS]
        pipeline = new_status_pipeline(labels).fit(list(features), list(labels))
        return cls(pipeline, {"labels": sorted(set(labels))})

    def statuses(self, features: Sequence[dict[str, float]]) -> list[str | None]:
        """Each deal's status; None where the sentence states none."""
        if not features:
            return []
        return [
            None if label == NO_STATUS else str(label)
            for label in self.pipeline.predict(list(features))
        ]

    def save(self, path: Path, metadata: dict[str, Any]) -> None:
        save_estimator(self.pipeline, path, {**self.metadata, **metadata})

    @classmethod
    def load(cls, path: Path) -> DealStatusModel:
        pipeline, metadata = load_estimator(path)
        return cls(pipeline, metadata)
