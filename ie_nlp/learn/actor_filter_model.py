"""Actor filter: is a name the rules found an actor in ANNOTATION.md's sense (and not a
disease, a programme, a product, a heading)? Logistic regression over the actor features;
the gazetteer's organisations are never filtered."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline, make_pipeline

from ie_nlp.learn.actor_features import actor_features
from ie_nlp.learn.sidecar import load_estimator, save_estimator
from ie_nlp.nlp.records import ActorRecord


class ActorFilterModel:
    def __init__(self, pipeline: Pipeline, metadata: dict[str, Any]) -> None:
        self.pipeline = pipeline
        self.metadata = metadata
        self.threshold = float(metadata.get("threshold", 0.5))

    @classmethod
    def fit(cls, actors: list[ActorRecord], labels: list[int]) -> ActorFilterModel:
        pipeline = make_pipeline(DictVectorizer(), LogisticRegression(max_iter=2000, C=0.5))
        pipeline.fit([actor_features(a) for a in actors], labels)
        return cls(pipeline, {"labels": [0, 1]})

    def probabilities(self, actors: list[ActorRecord]) -> list[float]:
        if not actors:
            return []
        return [
            float(p) for p in self.pipeline.predict_proba([actor_features(a) for a in actors])[:, 1]
        ]

    def save(self, path: Path, metadata: dict[str, Any]) -> None:
        save_estimator(self.pipeline, path, {**self.metadata, **metadata})

    @classmethod
    def load(cls, path: Path) -> ActorFilterModel:
        pipeline, metadata = load_estimator(path)
        return cls(pipeline, metadata)
