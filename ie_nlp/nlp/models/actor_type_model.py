"""Actor-type classifier for the organisations the gazetteer does not know: logistic regression
over the words and word ends of the name, the type a description or a name cue proposes, the
article's description of it, and the words around its mentions.

A rule's type stands unless the classifier disagrees with at least ``override_threshold``
probability; the threshold is chosen at fitting for the accuracy of the held-out types
(5 folds, grouped by article)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, cross_val_predict
from sklearn.pipeline import Pipeline, make_pipeline

from ie_nlp.errors import ModelLoadError
from ie_nlp.nlp.models.actor_features import RULE_SOURCES, actor_features, name_affixes
from ie_nlp.nlp.models.actor_model import ActorModel
from ie_nlp.nlp.records import ActorRecord

OVERRIDE_GRID = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)
HELD_OUT_FOLDS = 5


def type_features(actor: ActorRecord) -> dict[str, float]:
    return {**actor_features(actor), **name_affixes(actor.name)}


def _new_pipeline() -> Pipeline:
    return make_pipeline(DictVectorizer(), LogisticRegression(max_iter=2000, C=2.0))


class ActorTypeModel(ActorModel):
    @classmethod
    def load(cls, path: Path) -> ActorTypeModel:
        model = super().load(path)
        if "override_threshold" not in model.metadata:
            raise ModelLoadError(
                f"{path} was trained before rule types became features: rebuild it with "
                "`ie-nlp train`"
            )
        return model

    @property
    def override_threshold(self) -> float:
        """The classifier's probability at which it overrules a description or a name cue."""
        return float(self.metadata["override_threshold"])

    @classmethod
    def fit(cls, actors: list[ActorRecord], labels: list[str]) -> ActorTypeModel:
        features = [type_features(a) for a in actors]
        articles = [id(a.mentions[0].doc) for a in actors]
        held_out = cross_val_predict(
            _new_pipeline(),
            features,
            labels,
            groups=articles,
            cv=GroupKFold(HELD_OUT_FOLDS),
            method="predict_proba",
        )
        classes = np.array(sorted(set(labels)))
        guesses = [(str(classes[row.argmax()]), float(row.max())) for row in held_out]
        accuracy = {
            threshold: float(
                np.mean(
                    [
                        _decide(actor, guess, threshold) == label
                        for actor, guess, label in zip(actors, guesses, labels, strict=True)
                    ]
                )
            )
            for threshold in OVERRIDE_GRID
        }
        best = max(OVERRIDE_GRID, key=lambda t: (accuracy[t], -t))
        pipeline = _new_pipeline()
        pipeline.fit(features, labels)
        return cls(
            pipeline,
            {
                "labels": classes.tolist(),
                "override_threshold": best,
                "held_out_accuracy": round(accuracy[best], 4),
                "held_out_accuracy_rules_standing": round(accuracy[OVERRIDE_GRID[-1]], 4),
            },
        )

    def predict(self, actors: list[ActorRecord]) -> list[tuple[str, float]]:
        probabilities = self.pipeline.predict_proba([type_features(a) for a in actors])
        classes = self.pipeline.classes_
        return [(str(classes[row.argmax()]), float(row.max())) for row in probabilities]

    def decide(self, actor: ActorRecord, guess: tuple[str, float]) -> str:
        """The type the actor gets: the classifier's ``guess`` or the rule's."""
        return _decide(actor, guess, self.override_threshold)


def _decide(actor: ActorRecord, guess: tuple[str, float], threshold: float) -> str:
    type_id, probability = guess
    if actor.type_source in RULE_SOURCES and type_id != actor.type and probability < threshold:
        return actor.type
    return type_id
