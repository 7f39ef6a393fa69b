"""Training the deal model: every organisation pair the pipeline finds in the gold articles,
labelled with the gold deals between the two actors, then one calibrated model per label,
a decision threshold per label from held-out folds, the deal records' confidence, and the
calibration errors.

Each label's threshold is the best for the F1 of its own sentence pairs, on probabilities
held out by article. The records' confidence (``DealConfidence``) is then fitted on the
decisions those thresholds make (``deal_decisions.decide``), and the ``min_confidence``
floor reads it; its calibration error is measured on articles it was not fitted on. Tuning
the thresholds together for the F1 of the deals reported scored the same on articles held
out from the tuning, and moved them between builds 2.5 times as much."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
from sklearn.model_selection import (
    GroupKFold,
    StratifiedGroupKFold,
    StratifiedKFold,
    cross_val_predict,
)
from spacy.tokens import Doc

from ie_nlp.evaluation import Annotation, Counts, calibration_error, relationship_key
from ie_nlp.nlp.deal_decisions import (
    DealKey,
    Decision,
    PairFacts,
    PairScores,
    calibrated,
    decide,
)
from ie_nlp.nlp.deal_pairs import deal_pairs, pair_features
from ie_nlp.nlp.deal_status import NO_STATUS, status_features
from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.models.deal_classifier import (
    DealClassifier,
    deal_label,
    new_estimator,
    split_label,
)
from ie_nlp.nlp.models.deal_confidence import DealConfidence
from ie_nlp.nlp.models.deal_status_model import DealStatusModel, new_status_pipeline
from ie_nlp.nlp.relation_rules import TriggerIndex
from ie_nlp.taxonomy import get_taxonomy

MIN_POSITIVES = 8
HELD_OUT_FOLDS = 3
DEAL_FOLDS = 5  # grouped by article, each with its share of every label, for the thresholds
# held-out F1 this close to the best is a tie: such differences change from build to build
TIE_TOLERANCE = 0.002

_GoldDeal = tuple[int | str, ...]  # article, then the relationship's key


@dataclass
class DealExamples:
    features: list[dict[str, float]] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    labels: list[frozenset[str]] = field(default_factory=list)
    # one per gold deal of a pair: the sentence's status features and the gold status
    status_features: list[dict[str, float]] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    # per pair, what the decisions read of it and the gold actors of its two parties
    facts: list[PairFacts] = field(default_factory=list)
    parties: list[tuple[str | None, str | None]] = field(default_factory=list)
    gold_deals: set[_GoldDeal] = field(default_factory=set)
    articles: int = 0

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
        article = self.articles
        self.articles += 1
        no_evidence = frozenset(lexicons.text_zones.get("no_evidence", ()))
        for relation in gold.relationships:
            if relation.type != "affiliation":
                parties = (relation.source, relation.target)
                self.gold_deals.add(_gold_deal(article, relation.type, *parties))
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
            self.facts.append(PairFacts.of(article, pair, index, no_evidence))
            self.parties.append((first, second))


def fit_deal_model(
    examples: DealExamples,
    encode: Callable[[list[str]], np.ndarray] | None,
    keep_rule_deals: bool,
    min_confidence: float,
) -> DealClassifier:
    """The model, with thresholds and the records' confidence from held-out articles; in its
    metadata the F1 of the deals extraction would report from those articles (with
    ``keep_rule_deals`` and at ``min_confidence``) and the held-out calibration errors of
    pairs and records. ``encode`` None leaves sentence embeddings out of its features."""
    embeddings = None
    if encode is not None:
        unique = sorted(set(examples.sentences))
        vectors = encode(unique)
        row = {sentence: i for i, sentence in enumerate(unique)}
        embeddings = vectors[[row[s] for s in examples.sentences]]
    model = DealClassifier.fit(examples.features, embeddings, examples.labels, MIN_POSITIVES)
    matrix = model.matrix(examples.features, embeddings)
    articles = [pair.doc for pair in examples.facts]
    held_out: dict[str, np.ndarray] = {}
    targets: dict[str, np.ndarray] = {}
    for label in model.labels:
        targets[label] = np.array([label in found for found in examples.labels], dtype=int)
        held_out[label] = cross_val_predict(
            new_estimator(),
            matrix,
            targets[label],
            cv=StratifiedGroupKFold(DEAL_FOLDS, shuffle=True, random_state=0),
            groups=articles,
            method="predict_proba",
        )[:, 1]
    scores = PairScores.of(examples.facts, held_out)
    thresholds = pair_thresholds(held_out, targets)
    decisions = decide(scores, thresholds, keep_rule_deals)
    model.confidence = fit_confidence(decisions, examples)
    f1 = deal_f1(calibrated(decisions, model.confidence), examples, min_confidence)
    records = held_out_confidence(decisions, examples)
    pooled = (
        (np.concatenate(list(held_out.values())), np.concatenate(list(targets.values())))
        if held_out
        else None
    )
    model.metadata.update(
        thresholds=thresholds,
        examples=len(examples.features),
        held_out_deal_f1=round(f1, 4),
        held_out_calibration_error=(
            round(calibration_error(*pooled), 4) if pooled is not None else None
        ),
        held_out_calibration_error_above_0_1=(
            round(calibration_error(*pooled, floor=0.1), 4) if pooled is not None else None
        ),
        held_out_record_calibration_error=(
            round(calibration_error(*records, floor=min_confidence), 4)
            if records is not None
            else None
        ),
        held_out_records_reported=int((records[0] >= min_confidence).sum())
        if records is not None
        else None,
    )
    return model


def fit_confidence(decisions: Mapping[DealKey, Decision], examples: DealExamples) -> DealConfidence:
    """The records' confidence fitted on decisions and whether each is a gold deal."""
    keys = list(decisions)
    return DealConfidence.fit(
        [decisions[key].probability for key in keys],
        [decisions[key].by_rule for key in keys],
        [key[1] for key in keys],
        [int(_claimed(key, decisions[key], examples) in examples.gold_deals) for key in keys],
    )


def held_out_confidence(
    decisions: Mapping[DealKey, Decision], examples: DealExamples
) -> tuple[np.ndarray, np.ndarray] | None:
    """Each decision's confidence from a fit on the other articles' decisions (``DEAL_FOLDS``
    folds), and whether it is right; None with fewer articles than folds."""
    keys = list(decisions)
    articles = [key[0] for key in keys]
    if len(set(articles)) < DEAL_FOLDS:
        return None
    confidences, outcomes = [], []
    for fitted_on, held in GroupKFold(DEAL_FOLDS).split(keys, groups=articles):
        confidence = fit_confidence({keys[i]: decisions[keys[i]] for i in fitted_on}, examples)
        for key, decision in calibrated(
            {keys[i]: decisions[keys[i]] for i in held}, confidence
        ).items():
            confidences.append(decision.probability)
            outcomes.append(int(_claimed(key, decision, examples) in examples.gold_deals))
    return np.array(confidences), np.array(outcomes)


def pair_thresholds(
    probabilities: dict[str, np.ndarray], targets: dict[str, np.ndarray]
) -> dict[str, float]:
    """Per label, the threshold with the best F1 of its sentence pairs."""
    return {label: best_threshold(probabilities[label], targets[label]) for label in targets}


def deal_f1(
    decisions: dict[DealKey, Decision], examples: DealExamples, min_confidence: float
) -> float:
    """F1 of the decided deals at or above ``min_confidence`` against the gold deals; a deal
    with a party that is no gold actor is wrong."""
    found = {
        _claimed(key, decision, examples)
        for key, decision in decisions.items()
        if decision.probability >= min_confidence
    }
    right = len(found & examples.gold_deals)
    return Counts(right, len(found) - right, len(examples.gold_deals) - right).f1


def _claimed(key: DealKey, decision: Decision, examples: DealExamples) -> _GoldDeal:
    """The gold deal a decision claims; one with a party that is no gold actor claims one
    that cannot be in the gold."""
    article, type_id = key[0], key[1]
    first, second = examples.parties[decision.row]
    if first is None or second is None:
        return (article, decision.row, type_id)
    if split_label(decision.label)[1] == "rev":
        first, second = second, first
    return _gold_deal(article, type_id, first, second)


def _gold_deal(article: int, type_id: str, source: str, target: str) -> _GoldDeal:
    return (article, *relationship_key(type_id, source, target))


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
    """The threshold from ``low`` to 0.8 with the best held-out F1; near a tie the lowest
    (``lowest_near_best``).

    ``settled`` counts the true positives, false positives and false negatives that the
    threshold does not decide (records the model never judges, gold it never sees), so that
    the F1 chosen is that of the whole output, not of the judged part alone: a filter that
    judges only doubtful names is otherwise tuned as if they were all there is."""
    settled_tp, settled_fp, settled_fn = settled
    positives = int(labels.sum())
    scores: dict[float, float] = {}
    for threshold in np.arange(low, 0.81, 0.05):
        kept = probabilities >= threshold
        judged_tp = int((kept & (labels == 1)).sum())
        true_positives = settled_tp + judged_tp
        false_positives = settled_fp + int(kept.sum()) - judged_tp
        false_negatives = settled_fn + positives - judged_tp
        denominator = 2 * true_positives + false_positives + false_negatives
        scores[float(round(threshold, 2))] = (
            2 * true_positives / denominator if true_positives else 0.0
        )
    return lowest_near_best(scores)


Choice = TypeVar("Choice", float, tuple[float, float])


def lowest_near_best(scores: Mapping[Choice, float]) -> Choice:
    """The lowest threshold (or pair of thresholds) whose held-out F1 is within
    ``TIE_TOLERANCE`` of the best. The tops of these curves are flat: the actor filter's F1
    was 0.8333 at 0.3 and 0.8342 at 0.4, and the highest point moved between 0.3 and 0.4 from
    build to build; nested on the deal labels, the band changed no F1 (0.458)."""
    best = max(scores.values())
    return min(choice for choice, score in scores.items() if score >= best - TIE_TOLERANCE)
