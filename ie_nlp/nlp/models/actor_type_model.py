"""Actor-type classifier for organisations that no rule types: logistic regression over the
words of the name, the article's description of it, and the words around its mentions."""

from __future__ import annotations

from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from ie_nlp.nlp.models.actor_features import actor_features
from ie_nlp.nlp.models.actor_model import ActorModel
from ie_nlp.nlp.records import ActorRecord


class ActorTypeModel(ActorModel):
    @classmethod
    def fit(cls, actors: list[ActorRecord], labels: list[str]) -> ActorTypeModel:
        pipeline = make_pipeline(
            DictVectorizer(), LogisticRegression(max_iter=2000, C=2.0, class_weight="balanced")
        )
        pipeline.fit([actor_features(a) for a in actors], labels)
        return cls(pipeline, {"labels": sorted(set(labels))})

    def predict(self, actors: list[ActorRecord]) -> list[tuple[str, float]]:
        probabilities = self.pipeline.predict_proba([actor_features(a) for a in actors])
        classes = self.pipeline.classes_
        return [(str(classes[row.argmax()]), float(row.max())) for row in probabilities]
