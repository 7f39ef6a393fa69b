"""The deal model's say on a batch of docs: each organisation pair's probabilities, one
relationship per type and pair of actors where the best sentence's probability reaches the
label's threshold, directed as that label says, with the sentence as evidence.

A sentence in a zone that reports no deal of its own (the zones ``no_evidence`` names in
``data/relation_cues.json``: safe-harbour and tender-offer paperwork, contacts) is evidence
only where the body agrees: a body sentence gives the same pair the same label with at least
``BODY_AGREEMENT`` of the threshold. A sentence whose every deal word is hedged ("plans to
acquire", "may invest") states an intention, which ANNOTATION.md counts as no deal. A label the
two actors' types rule out is never decided, as the trigger rules propose none
(``TriggerIndex.allows``: a regulator acquires nothing).

``decide`` makes these decisions from each pair's probabilities and ``PairFacts`` alone, so
that training (``ie_nlp.learn.deal_training``) fits the records' confidence on the very
decisions extraction makes; ``calibrated`` then gives each record its chance of being right
(``DealConfidence``), which the ``min_confidence`` floor reads."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
from spacy.tokens import Doc

from ie_nlp.nlp.deal_pairs import DealPair, deal_pairs, pair_features
from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.models.deal_classifier import DealClassifier, deal_label, split_label
from ie_nlp.nlp.models.deal_confidence import DealConfidence
from ie_nlp.nlp.records import RelationRecord
from ie_nlp.nlp.relation_rules import TriggerIndex
from ie_nlp.taxonomy import get_taxonomy

BODY_AGREEMENT = 0.5

DealKey = tuple[int, str, str, str]  # doc, type, and the pair's two actor ids in sorted order
_SupportKey = tuple[int, str, str, str]  # doc, label, and the two actor ids


@dataclass(frozen=True)
class PairFacts:
    """What the decisions read of a candidate pair besides its probabilities."""

    doc: int  # the doc's position in the batch
    low: str  # the pair's actor ids, sorted
    high: str
    stated: bool  # not an intention alone
    no_evidence: bool  # in a zone that reports no deal of its own
    rule_label: str | None  # the label the trigger rules give the pair, if they propose one
    # labels the two actors' types rule out, as for the rules ("allowed_types" in
    # relation_cues.json: the SEC acquires nothing, a government licenses no drug)
    ruled_out: frozenset[str] = frozenset()

    @classmethod
    def of(
        cls, doc: int, pair: DealPair, index: TriggerIndex, no_evidence: frozenset[str]
    ) -> PairFacts:
        low, high = sorted((pair.first[1].id, pair.second[1].id))
        rule = pair.rule
        rule_label = None
        taxonomy = get_taxonomy()
        if rule is not None:
            directed = taxonomy.is_directed(rule.type)
            rule_label = deal_label(rule.type, directed, rule.source is pair.first[1])
        first, second = pair.first[1], pair.second[1]
        ruled_out = set()
        for type_id in index.allowed_types:
            forward, backward = (
                index.allows(type_id, first, second),
                index.allows(type_id, second, first),
            )
            if taxonomy.is_directed(type_id):
                ruled_out |= {
                    deal_label(type_id, True, first_is_source)
                    for first_is_source, allowed in ((True, forward), (False, backward))
                    if not allowed
                }
            elif not (forward or backward):
                ruled_out.add(type_id)
        return cls(
            doc,
            low,
            high,
            not _intention(pair, index),
            bool(pair.zones & no_evidence),
            rule_label,
            frozenset(ruled_out),
        )


@dataclass(frozen=True)
class Decision:
    # the chance that at least one of the pair's sentences states the deal; once
    # ``calibrated``, the chance that the record is right
    probability: float
    row: int  # the pair (sentence) that states it best
    label: str
    by_rule: bool = False  # kept as the rules' proposal: the model did not reach its threshold


@dataclass
class PairScores:
    """A batch's pairs with their probabilities, and what the decisions read of them whatever
    the thresholds: per doc, label and pair of actors, the best probability among the body's
    sentences and the chance that at least one sentence states the deal."""

    facts: Sequence[PairFacts]
    probabilities: Mapping[str, np.ndarray]
    body: dict[_SupportKey, float]
    support: dict[_SupportKey, float]

    @classmethod
    def of(cls, facts: Sequence[PairFacts], probabilities: Mapping[str, np.ndarray]) -> PairScores:
        return cls(
            facts,
            probabilities,
            _body_support(facts, probabilities),
            _all_support(facts, probabilities),
        )


def decide(
    scores: PairScores, thresholds: Mapping[str, float], keep_rule_deals: bool
) -> dict[DealKey, Decision]:
    """The deals of the types the model decides: those it finds, and with ``keep_rule_deals``
    also those the trigger rules propose, each with the model's probability of that type and
    direction as its confidence."""
    best: dict[DealKey, tuple[float, int, str, bool]] = {}
    for label, column in scores.probabilities.items():
        type_id, _ = split_label(label)
        threshold = thresholds[label]
        for row in np.flatnonzero(column >= threshold).tolist():
            pair = scores.facts[row]
            if (
                not pair.stated
                or label in pair.ruled_out
                or not _agreed(pair, label, threshold, scores.body)
            ):
                continue
            key = (pair.doc, type_id, pair.low, pair.high)
            if key not in best or column[row] > best[key][0]:
                best[key] = (float(column[row]), row, label, False)
    if keep_rule_deals:
        _add_rule_deals(scores, thresholds, best)
    return {
        key: Decision(
            scores.support.get((key[0], label, *key[2:]), probability), row, label, by_rule
        )
        for key, (probability, row, label, by_rule) in sorted(best.items())
    }


def calibrated(
    decisions: Mapping[DealKey, Decision], confidence: DealConfidence
) -> dict[DealKey, Decision]:
    """The decisions with each record's chance of being right as its probability."""
    keys = list(decisions)
    chances = confidence.probabilities(
        [decisions[key].probability for key in keys],
        [decisions[key].by_rule for key in keys],
        [key[1] for key in keys],
    )
    return {
        key: replace(decisions[key], probability=float(chance))
        for key, chance in zip(keys, chances, strict=True)
    }


def model_deals(
    docs: Sequence[Doc],
    model: DealClassifier,
    index: TriggerIndex,
    encode: Callable[[list[str]], np.ndarray],
    lexicons: Lexicons,
    keep_rule_deals: bool,
) -> list[list[RelationRecord]]:
    """Per doc, the deals ``decide`` finds among its organisation pairs."""
    pairs = [(n, pair) for n, doc in enumerate(docs) for pair in deal_pairs(doc, index, lexicons)]
    found: list[list[RelationRecord]] = [[] for _ in docs]
    if not pairs:
        return found
    embeddings = None
    if model.uses_embeddings:
        sentences = {(n, p.sentence.start): p.sentence.text for n, p in pairs}
        keys = list(sentences)
        vectors = encode([sentences[key] for key in keys])
        row = {key: i for i, key in enumerate(keys)}
        embeddings = vectors[[row[(n, p.sentence.start)] for n, p in pairs]]
    probabilities = model.probabilities([pair_features(p, index) for _, p in pairs], embeddings)
    no_evidence = frozenset(lexicons.text_zones.get("no_evidence", ()))
    facts = [PairFacts.of(n, pair, index, no_evidence) for n, pair in pairs]
    thresholds = {label: model.threshold(label) for label in probabilities}
    scores = PairScores.of(facts, probabilities)
    decisions = calibrated(decide(scores, thresholds, keep_rule_deals), model.confidence)
    for (n, type_id, _, _), decision in decisions.items():
        found[n].append(_record(type_id, pairs[decision.row][1], decision))
    return found


def _intention(pair: DealPair, index: TriggerIndex) -> bool:
    return bool(pair.triggers) and all(index.is_hedged(pair.sentence, t) for t in pair.triggers)


def _agreed(
    pair: PairFacts, label: str, threshold: float, body: Mapping[_SupportKey, float]
) -> bool:
    """Whether a pair may be evidence: in the body, or where a body sentence agrees."""
    if not pair.no_evidence:
        return True
    return body.get((pair.doc, label, pair.low, pair.high), 0.0) >= threshold * BODY_AGREEMENT


def _all_support(
    facts: Sequence[PairFacts], probabilities: Mapping[str, np.ndarray]
) -> dict[_SupportKey, float]:
    """Per doc, label and pair, the chance that at least one of its sentences states the deal
    (noisy-or): a deal told three times is likelier than its best sentence alone says."""
    missed: dict[_SupportKey, float] = {}
    for label, column in probabilities.items():
        for pair, probability in zip(facts, column, strict=True):
            key = (pair.doc, label, pair.low, pair.high)
            missed[key] = missed.get(key, 1.0) * (1.0 - float(probability))
    return {key: 1.0 - value for key, value in missed.items()}


def _body_support(
    facts: Sequence[PairFacts], probabilities: Mapping[str, np.ndarray]
) -> dict[_SupportKey, float]:
    """Per doc, label and pair, the best probability among the body's sentences."""
    support: dict[_SupportKey, float] = {}
    for label, column in probabilities.items():
        for pair, probability in zip(facts, column, strict=True):
            if pair.no_evidence:
                continue
            key = (pair.doc, label, pair.low, pair.high)
            support[key] = max(support.get(key, 0.0), float(probability))
    return support


def _add_rule_deals(
    scores: PairScores,
    thresholds: Mapping[str, float],
    best: dict[DealKey, tuple[float, int, str, bool]],
) -> None:
    """A rule proposal the model does not reach the threshold for is kept too, with the
    model's probability; the rules are precise on plain statements the model scores low
    outside its training domain (business wires) or in short texts. In a zone with no
    evidence of its own, the body must agree as for the model's deals."""
    types = {split_label(label)[0] for label in thresholds}
    for row, pair in enumerate(scores.facts):
        label = pair.rule_label
        if label is None or split_label(label)[0] not in types:
            continue
        column = scores.probabilities.get(label)
        probability = float(column[row]) if column is not None else 0.0
        if not _agreed(pair, label, thresholds.get(label, 0.5), scores.body):
            continue
        key = (pair.doc, split_label(label)[0], pair.low, pair.high)
        if key not in best:
            best[key] = (probability, row, label, True)


def _record(type_id: str, pair: DealPair, decision: Decision) -> RelationRecord:
    _, direction = split_label(decision.label)
    first, second = pair.first[1], pair.second[1]
    source, target = (second, first) if direction == "rev" else (first, second)
    rule = pair.rule
    trigger = rule.trigger.text if rule is not None and rule.type == type_id else ""
    return RelationRecord(
        type_id,
        source,
        target,
        pair.sentence,
        round(decision.probability, 3),
        trigger,
    )
