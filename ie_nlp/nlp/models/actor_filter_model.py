"""Actor filter: is a name the rules found an actor in ANNOTATION.md's sense (and not a
disease, a programme, a product, a heading)? Logistic regression over the actor features;
the gazetteer's organisations are never filtered."""

from __future__ import annotations

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from ie_nlp.nlp.models.actor_features import actor_features
from ie_nlp.nlp.models.actor_model import ActorModel
from ie_nlp.nlp.records import ActorRecord


class ActorFilterModel(ActorModel):
    @property
    def threshold(self) -> float:
        return float(self.metadata.get("threshold", 0.5))

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
