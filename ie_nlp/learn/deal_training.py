"""Training the deal model: every organisation pair the pipeline finds in the gold articles,
labelled with the gold deals between the two actors, then one calibrated model per label,
a decision threshold per label from held-out folds, and the calibration error."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from spacy.tokens import Doc

from ie_nlp.evaluation import Annotation
from ie_nlp.nlp.deal_pairs import deal_pairs, pair_features
from ie_nlp.nlp.deal_status import NO_STATUS, status_features
from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.models.deal_classifier import DealClassifier, deal_label, new_estimator
from ie_nlp.nlp.models.deal_status_model import DealStatusModel, new_status_pipeline
from ie_nlp.nlp.relation_rules import TriggerIndex
from ie_nlp.taxonomy import get_taxonomy

MIN_POSITIVES = 8
HELD_OUT_FOLDS = 3
CALIBRATION_BINS = 10


@dataclass
class DealExamples:
    features: list[dict[str, float]] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    labels: list[frozenset[str]] = field(default_factory=list)
    # one per gold deal of a pair: the sentence's status features and the gold status
    status_features: list[dict[str, float]] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)

    def add_doc(
        self,
        doc: Doc,
        gold: Annotation,
        to_gold: Mapping[str, str],
        index: TriggerIndex,
        lexicons: Lexicons,
    ) -> None:
        """The doc's pairs, each labelled with the gold deals between its two actors."""
        taxonomy = get_taxonomy()
        for pair in deal_pairs(doc, index, lexicons):
            first, second = to_gold.get(pair.first[1].id), to_gold.get(pair.second[1].id)
            found = set()
            if first is not None and second is not None and first != second:
                for relation in gold.relationships:
                    if relation.type != "affiliation" and {relation.source, relation.target} == {
                        first,
                        second,
                    }:
                        directed = taxonomy.is_directed(relation.type)
                        found.add(deal_label(relation.type, directed, relation.source == first))
                        self.status_features.append(status_features(pair.sentence, relation.type))
                        self.statuses.append(relation.attributes.get("status", NO_STATUS))
            self.features.append(pair_features(pair, index))
            self.sentences.append(pair.sentence.text)
            self.labels.append(frozenset(found))


def fit_deal_model(
    examples: DealExamples, encode: Callable[[list[str]], np.ndarray] | None
) -> DealClassifier:
    """The model, with per-label thresholds and the held-out calibration error in its
    metadata; ``encode`` None leaves sentence embeddings out of its features."""
    embeddings = None
    if encode is not None:
        unique = sorted(set(examples.sentences))
        vectors = encode(unique)
        row = {sentence: i for i, sentence in enumerate(unique)}
        embeddings = vectors[[row[s] for s in examples.sentences]]
    model = DealClassifier.fit(examples.features, embeddings, examples.labels, MIN_POSITIVES)
    matrix = model.matrix(examples.features, embeddings)
    thresholds: dict[str, float] = {}
    held_out: list[np.ndarray] = []
    truths: list[np.ndarray] = []
    folds = StratifiedKFold(HELD_OUT_FOLDS, shuffle=True, random_state=0)
    for label in model.labels:
        target = np.array([label in found for found in examples.labels], dtype=int)
        probabilities = cross_val_predict(
            new_estimator(), matrix, target, cv=folds, method="predict_proba"
        )[:, 1]
        thresholds[label] = best_threshold(probabilities, target)
        held_out.append(probabilities)
        truths.append(target)
    pooled = (np.concatenate(held_out), np.concatenate(truths)) if held_out else None
    model.metadata.update(
        thresholds=thresholds,
        examples=len(examples.features),
        held_out_calibration_error=(
            round(calibration_error(*pooled), 4) if pooled is not None else None
        ),
        held_out_calibration_error_above_0_1=(
            round(calibration_error(*pooled, floor=0.1), 4) if pooled is not None else None
        ),
    )
    return model


def fit_status_model(examples: DealExamples) -> DealStatusModel:
    """The status model, with its accuracy on held-out folds (and that of always answering
    the commonest status, for comparison) in its metadata."""
    model = DealStatusModel.fit(examples.status_features, examples.statuses)
    truth = np.array(examples.statuses)
    counts = {label: int((truth == label).sum()) for label in sorted(set(examples.statuses))}
    model.metadata.update(examples=len(truth), label_counts=counts)
    if len(counts) < 2:
        return model  # nothing to hold out
    folds = StratifiedKFold(HELD_OUT_FOLDS, shuffle=True, random_state=0)
    predicted = cross_val_predict(
        new_status_pipeline(examples.statuses), examples.status_features, truth, cv=folds
    )
    model.metadata.update(
        held_out_accuracy=round(float((predicted == truth).mean()), 4),
        commonest_label_accuracy=round(max(counts.values()) / len(truth), 4),
    )
    return model


def best_threshold(
    probabilities: np.ndarray,
    labels: np.ndarray,
    low: float = 0.1,
    settled: tuple[int, int, int] = (0, 0, 0),
) -> float:
    """The threshold from ``low`` to 0.8 with the best held-out F1; on a tie the lowest.

    ``settled`` counts the true positives, false positives and false negatives that the
    threshold does not decide (records the model never judges, gold it never sees), so that
    the F1 chosen is that of the whole output, not of the judged part alone: a filter that
    judges only doubtful names is otherwise tuned as if they were all there is."""
    settled_tp, settled_fp, settled_fn = settled
    positives = int(labels.sum())
    best = (0.0, -0.5)
    for threshold in np.arange(low, 0.81, 0.05):
        kept = probabilities >= threshold
        judged_tp = int((kept & (labels == 1)).sum())
        true_positives = settled_tp + judged_tp
        false_positives = settled_fp + int(kept.sum()) - judged_tp
        false_negatives = settled_fn + positives - judged_tp
        denominator = 2 * true_positives + false_positives + false_negatives
        f1 = 2 * true_positives / denominator if true_positives else 0.0
        best = max(best, (round(f1, 3), -float(round(threshold, 2))))
    return -best[1]


def calibration_error(
    probabilities: Sequence[float] | np.ndarray,
    outcomes: Sequence[int] | np.ndarray,
    floor: float = 0.0,
) -> float:
    """Expected calibration error over equal-width bins of the predictions at or above
    ``floor``: the mean gap between predicted probability and observed rate, weighted by
    the bin's share of the predictions."""
    p, y = np.asarray(probabilities, dtype=float), np.asarray(outcomes, dtype=float)
    keep = p >= floor
    p, y = p[keep], y[keep]
    if not len(p):
        return 0.0
    bins = np.minimum((p * CALIBRATION_BINS).astype(int), CALIBRATION_BINS - 1)
    error = 0.0
    for b in range(CALIBRATION_BINS):
        members = bins == b
        if members.any():
            error += members.mean() * abs(p[members].mean() - y[members].mean())
    return float(error)
