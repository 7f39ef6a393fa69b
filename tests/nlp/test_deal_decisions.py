"""ie_nlp.nlp.deal_decisions: which deals the pairs' probabilities make, on hand-made pairs
(the same decisions ``ie-nlp train`` fits the records' confidence on)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from spacy.language import Language

from ie_nlp.nlp.deal_decisions import DealKey, Decision, PairFacts, PairScores, decide
from ie_nlp.nlp.deal_pairs import DealPair
from ie_nlp.nlp.records import ActorRecord

THRESHOLDS = {"acquisition:fwd": 0.5, "acquisition:rev": 0.5}


def _pair(
    low: str = "a1",
    high: str = "a2",
    stated: bool = True,
    no_evidence: bool = False,
    rule_label: str | None = None,
) -> PairFacts:
    return PairFacts(0, low, high, stated, no_evidence, rule_label)


def _decided(
    facts: list[PairFacts], forward: list[float], keep_rule_deals: bool = False
) -> dict[DealKey, Decision]:
    probabilities = {
        "acquisition:fwd": np.array(forward),
        "acquisition:rev": np.zeros(len(forward)),
    }
    return decide(PairScores.of(facts, probabilities), THRESHOLDS, keep_rule_deals)


def test_a_deal_told_twice_is_likelier_than_its_best_sentence() -> None:
    decided = _decided([_pair(), _pair()], [0.8, 0.5])
    decision = decided[(0, "acquisition", "a1", "a2")]
    assert decision.row == 0 and decision.label == "acquisition:fwd"
    assert decision.probability == pytest.approx(1 - 0.2 * 0.5)


def test_an_intention_is_no_deal() -> None:
    assert _decided([_pair(stated=False)], [0.9]) == {}


def test_paperwork_is_evidence_only_where_the_body_agrees() -> None:
    assert _decided([_pair(no_evidence=True)], [0.9]) == {}
    # a body sentence at half the threshold agrees, though it is no evidence by itself
    decided = _decided([_pair(no_evidence=True), _pair()], [0.9, 0.25])
    assert decided[(0, "acquisition", "a1", "a2")].row == 0


def test_a_rule_proposal_is_kept_below_the_threshold_only_when_asked() -> None:
    facts = [_pair(rule_label="acquisition:fwd")]
    assert _decided(facts, [0.1]) == {}
    decision = _decided(facts, [0.1], keep_rule_deals=True)[(0, "acquisition", "a1", "a2")]
    assert decision.probability == pytest.approx(0.1)
    assert decision.by_rule  # the records' confidence tells such proposals apart
    assert not _decided(facts, [0.9], keep_rule_deals=True)[(0, "acquisition", "a1", "a2")].by_rule


def test_a_label_the_actor_types_rule_out_is_never_decided() -> None:
    ruled_out = PairFacts(0, "a1", "a2", True, False, None, frozenset({"acquisition:fwd"}))
    assert _decided([ruled_out], [0.9]) == {}
    assert _decided([_pair()], [0.9])  # the same pair without the types' say


def test_the_actor_types_rule_out_what_the_rules_would_not_propose(nlp: Language) -> None:
    doc = nlp.make_doc("The SEC filed, and Merck signed.")
    regulator = ActorRecord("a1", "org", [doc[1:2]], "SEC", "public_body", "gazetteer")
    company = ActorRecord("a2", "org", [doc[5:6]], "Merck", "large_pharma", "gazetteer")
    guessed = ActorRecord("a3", "org", [doc[5:6]], "Merck", "public_body", "classifier")
    relations: Any = nlp.get_pipe("ie_relations")

    def ruled_out(first: ActorRecord, second: ActorRecord) -> frozenset[str]:
        pair = DealPair(doc[:], 0, (1, first), (5, second), False, None, [])
        return PairFacts.of(0, pair, relations.triggers, frozenset()).ruled_out

    # a regulator acquires nothing; a pharma company may acquire, and a regulator not be bought
    assert {"acquisition:fwd", "acquisition:rev", "licensing:fwd"} <= ruled_out(regulator, company)
    assert "supply:rev" not in ruled_out(regulator, company)  # the company supplies it
    # nor is a regulator bought; a type the classifier guessed vetoes nothing
    assert "acquisition:fwd" in ruled_out(company, regulator)
    assert ruled_out(company, guessed) & {"acquisition:fwd", "acquisition:rev"} == set()
