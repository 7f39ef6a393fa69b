"""Actor-type classifier for the actors the gazetteer does not know: logistic regression over
the words and word ends of the name, the type a description, a name cue or the NER's "person"
label proposes, the article's description of it, and the words around its mentions. Its types
include "person": a name the NER took for a person's may be a company's ("Sapu Nano").

A rule's type, the NER's "person" among them, stands unless the classifier disagrees with at
least ``override_threshold`` probability; the threshold is chosen at fitting for the accuracy
of the held-out types (5 folds, grouped by article). An organisation is never made a person."""

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
        if "person" not in model.metadata.get("labels", []):
            # it would overrule every person's name it is shown, never having seen one
            raise ModelLoadError(
                f"{path} was trained on organisations alone: rebuild it with `ie-nlp train`"
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
        rows = [dict(zip(classes.tolist(), row.tolist(), strict=True)) for row in held_out]
        accuracy = {
            threshold: float(
                np.mean(
                    [
                        _decide(actor, row, threshold)[0] == label
                        for actor, row, label in zip(actors, rows, labels, strict=True)
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

    def predict(self, actors: list[ActorRecord]) -> list[dict[str, float]]:
        """Per actor, each type's probability."""
        probabilities = self.pipeline.predict_proba([type_features(a) for a in actors])
        classes = [str(c) for c in self.pipeline.classes_]
        return [dict(zip(classes, row.tolist(), strict=True)) for row in probabilities]

    def decide(self, actor: ActorRecord, probabilities: dict[str, float]) -> tuple[str, float]:
        """The type the actor gets and the classifier's probability of it."""
        return _decide(actor, probabilities, self.override_threshold)


def _decide(
    actor: ActorRecord, probabilities: dict[str, float], threshold: float
) -> tuple[str, float]:
    """The classifier's best type where it is sure enough, else a rule's type; an actor the
    rules left untyped gets the classifier's best type. A person's name may turn out to be a
    company's ("Sapu Nano", which the NER took for a person's), never the other way: the
    NER's organisations and the names with an organisation cue stay organisations ("Atlantic
    Financial said it …")."""
    allowed = (
        probabilities
        if actor.kind == "person"
        else {t: p for t, p in probabilities.items() if t != "person"}
    )
    if not allowed:
        return actor.type, 0.0
    best = max(allowed, key=allowed.__getitem__)
    if allowed[best] >= threshold or actor.type_source not in RULE_SOURCES:
        return best, allowed[best]
    return actor.type, probabilities.get(actor.type, 0.0)
