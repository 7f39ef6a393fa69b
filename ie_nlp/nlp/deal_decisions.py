"""The deal model's say on a batch of docs: each organisation pair's probabilities, one
relationship per type and pair of actors where the best sentence's probability reaches the
label's threshold, directed as that label says, with the sentence as evidence.

A sentence in a zone that reports no deal of its own (the headline, "About X", safe-harbour
and tender-offer paperwork, contacts: ``text_zones.no_evidence``) is evidence only where the
body agrees: a body sentence gives the same pair the same label with at least
``BODY_AGREEMENT`` of the threshold. A sentence whose every deal word is hedged ("plans to
acquire", "may invest") states an intention, which ANNOTATION.md counts as no deal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc

from ie_nlp.nlp.deal_pairs import DealPair, deal_pairs, pair_features
from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.models.deal_classifier import DealClassifier, deal_label, split_label
from ie_nlp.nlp.records import RelationRecord
from ie_nlp.nlp.relation_rules import TriggerIndex
from ie_nlp.taxonomy import get_taxonomy

BODY_AGREEMENT = 0.5

_Key = tuple[int, str, str, str]  # doc, label or type, and the pair's two actor ids


@dataclass
class _Best:
    probability: float
    pair: DealPair
    label: str


def model_deals(
    docs: Sequence[Doc],
    model: DealClassifier,
    index: TriggerIndex,
    encode: Callable[[list[str]], np.ndarray],
    lexicons: Lexicons,
    keep_rule_deals: bool,
) -> list[list[RelationRecord]]:
    """Per doc, the deals of the types the model decides: those it finds, and with
    ``keep_rule_deals`` also those the trigger rules propose, each with the model's
    probability of that type and direction as its confidence."""
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
    features = [pair_features(p, index) for _, p in pairs]
    probabilities = model.probabilities(features, embeddings)
    no_evidence = frozenset(lexicons.text_zones.get("no_evidence", ()))
    body = _body_support(pairs, probabilities, no_evidence)
    stated = [not _intention(pair, index) for _, pair in pairs]
    best: dict[_Key, _Best] = {}
    for label, column in probabilities.items():
        type_id, _ = split_label(label)
        threshold = model.threshold(label)
        for (n, pair), probability, is_stated in zip(pairs, column, stated, strict=True):
            if probability < threshold or not is_stated:
                continue
            low, high = _ids(pair)
            if pair.zones & no_evidence and body.get((n, label, low, high), 0.0) < (
                threshold * BODY_AGREEMENT
            ):
                continue
            key = (n, type_id, low, high)
            if key not in best or probability > best[key].probability:
                best[key] = _Best(float(probability), pair, label)
    if keep_rule_deals:
        _add_rule_deals(pairs, probabilities, model, best, body, no_evidence)
    support = _all_support(pairs, probabilities)
    for (n, type_id, low, high), choice in sorted(best.items(), key=lambda kv: kv[0]):
        choice.probability = support.get((n, choice.label, low, high), choice.probability)
        found[n].append(_record(type_id, choice))
    return found


def _intention(pair: DealPair, index: TriggerIndex) -> bool:
    return bool(pair.triggers) and all(index.is_hedged(pair.sentence, t) for t in pair.triggers)


def _ids(pair: DealPair) -> tuple[str, str]:
    low, high = sorted((pair.first[1].id, pair.second[1].id))
    return low, high


def _all_support(
    pairs: Sequence[tuple[int, DealPair]], probabilities: dict[str, np.ndarray]
) -> dict[_Key, float]:
    """Per doc, label and pair, the chance that at least one of its sentences states the deal
    (noisy-or): a deal told three times is likelier than its best sentence alone says."""
    missed: dict[_Key, float] = {}
    for label, column in probabilities.items():
        for (n, pair), probability in zip(pairs, column, strict=True):
            key = (n, label, *_ids(pair))
            missed[key] = missed.get(key, 1.0) * (1.0 - float(probability))
    return {key: 1.0 - value for key, value in missed.items()}


def _body_support(
    pairs: Sequence[tuple[int, DealPair]],
    probabilities: dict[str, np.ndarray],
    no_evidence: frozenset[str],
) -> dict[_Key, float]:
    """Per doc, label and pair, the best probability among the body's sentences."""
    support: dict[_Key, float] = {}
    for label, column in probabilities.items():
        for (n, pair), probability in zip(pairs, column, strict=True):
            if pair.zones & no_evidence:
                continue
            key = (n, label, *_ids(pair))
            support[key] = max(support.get(key, 0.0), float(probability))
    return support


def _add_rule_deals(
    pairs: Sequence[tuple[int, DealPair]],
    probabilities: dict[str, np.ndarray],
    model: DealClassifier,
    best: dict[_Key, _Best],
    body: dict[_Key, float],
    no_evidence: frozenset[str],
) -> None:
    """A rule proposal the model does not reach the threshold for is kept too, with the
    model's probability; the rules are precise on plain statements the model scores low
    outside its training domain (business wires) or in short texts. In a zone with no
    evidence of its own, the body must agree as for the model's deals."""
    taxonomy = get_taxonomy()
    for row, (n, pair) in enumerate(pairs):
        rule = pair.rule
        if rule is None or rule.type not in model.types:
            continue
        first_is_source = rule.source is pair.first[1]
        label = deal_label(rule.type, taxonomy.is_directed(rule.type), first_is_source)
        probability = float(probabilities[label][row]) if label in probabilities else 0.0
        low, high = _ids(pair)
        if pair.zones & no_evidence and body.get((n, label, low, high), 0.0) < (
            model.threshold(label) * BODY_AGREEMENT
        ):
            continue
        key = (n, rule.type, low, high)
        if key not in best:
            best[key] = _Best(probability, pair, label)


def _record(type_id: str, choice: _Best) -> RelationRecord:
    _, direction = split_label(choice.label)
    first, second = choice.pair.first[1], choice.pair.second[1]
    source, target = (second, first) if direction == "rev" else (first, second)
    rule = choice.pair.rule
    trigger = rule.trigger.text if rule is not None and rule.type == type_id else ""
    sentence = choice.pair.sentence
    return RelationRecord(
        type_id,
        source,
        target,
        sentence,
        round(choice.probability, 3),
        trigger,
    )
