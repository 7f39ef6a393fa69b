"""What the two actor estimators share: a scikit-learn pipeline over ``actor_features``,
saved and loaded with its metadata sidecar."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Self

from sklearn.pipeline import Pipeline

from ie_nlp.nlp.models.sidecar import load_estimator, save_estimator


class ActorModel:
    def __init__(self, pipeline: Pipeline, metadata: dict[str, Any]) -> None:
        self.pipeline = pipeline
        self.metadata = metadata

    def save(self, path: Path, metadata: dict[str, Any]) -> None:
        save_estimator(self.pipeline, path, {**self.metadata, **metadata})

    @classmethod
    def load(cls, path: Path) -> Self:
        pipeline, metadata = load_estimator(path)
        return cls(pipeline, metadata)
