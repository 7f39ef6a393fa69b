"""ie_nlp.learn.deal_training: the threshold arithmetic the deal model's sidecar reports, each
label's threshold, the F1 of the deals reported, the records' confidence, and the status
model, on hand-made numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ie_nlp.evaluation import calibration_error
from ie_nlp.learn.deal_training import (
    DealExamples,
    best_threshold,
    deal_f1,
    fit_confidence,
    fit_status_model,
    held_out_confidence,
    lowest_near_best,
    pair_thresholds,
)
from ie_nlp.nlp.deal_decisions import (
    DealKey,
    Decision,
    PairFacts,
    PairScores,
    calibrated,
    decide,
)
from ie_nlp.nlp.deal_status import NO_STATUS
from ie_nlp.nlp.models.deal_classifier import deal_label, split_label
from ie_nlp.nlp.models.deal_status_model import DealStatusModel


def test_the_best_threshold_separates_the_classes() -> None:
    probabilities = np.array([0.05, 0.1, 0.2, 0.32, 0.62, 0.7, 0.9])
    labels = np.array([0, 0, 0, 0, 1, 1, 1])
    threshold = best_threshold(probabilities, labels)
    assert threshold == pytest.approx(0.35)  # the lowest that keeps every positive alone


def test_a_threshold_within_the_tie_tolerance_of_the_best_gives_way_to_a_lower_one() -> None:
    # the actor filter's held-out curve of one build: its top is flat to 0.001
    curve = {0.25: 0.8305, 0.3: 0.8333, 0.35: 0.8334, 0.4: 0.8342, 0.45: 0.8326}
    assert lowest_near_best(curve) == 0.3
    assert lowest_near_best({0.2: 0.50, 0.5: 0.60}) == 0.5
    assert lowest_near_best({(0.3, 0.2): 0.636, (0.3, 0.1): 0.6355, (0.45, 0.3): 0.6364}) == (
        0.3,
        0.1,
    )


def test_settled_misses_make_the_best_threshold_favour_recall() -> None:
    probabilities = np.array([0.32, 0.32, 0.32, 0.32, 0.9])
    labels = np.array([1, 0, 0, 0, 1])
    # judged alone, keeping the doubtful four costs more precision than it gains recall
    assert best_threshold(probabilities, labels) == pytest.approx(0.35)
    # where most of the gold is missed anyway, one more true positive is worth three errors
    assert best_threshold(probabilities, labels, settled=(2, 0, 10)) == pytest.approx(0.1)


def test_labels_carry_the_direction_of_directed_types_only() -> None:
    assert deal_label("acquisition", directed=True, first_is_source=False) == "acquisition:rev"
    assert deal_label("partnership", directed=False, first_is_source=False) == "partnership"
    assert split_label("licensing:fwd") == ("licensing", "fwd")
    assert split_label("merger") == ("merger", None)


def test_the_status_model_learns_tense_and_reports_its_held_out_accuracy(
    tmp_path: Path,
) -> None:
    examples = DealExamples()
    for n in range(12):
        for features, status in (
            ({"aux=has>complete": 1.0, f"word=x{n}": 1.0}, "completed"),
            ({"aux=will>acquire": 1.0, f"word=y{n}": 1.0}, "announced"),
            ({"word=partner": 1.0, f"word=z{n}": 1.0}, NO_STATUS),
        ):
            examples.status_features.append(features)
            examples.statuses.append(status)
    model = fit_status_model(examples)
    assert model.metadata["held_out_accuracy"] == 1.0
    assert model.metadata["commonest_label_accuracy"] == pytest.approx(1 / 3, abs=0.01)
    assert model.metadata["label_counts"] == {"announced": 12, "completed": 12, NO_STATUS: 12}
    model.save(tmp_path / "status.joblib", {"training_data_sha256": "abc"})
    loaded = DealStatusModel.load(tmp_path / "status.joblib")
    assert loaded.statuses(
        [{"aux=has>complete": 1.0}, {"aux=will>acquire": 1.0}, {"word=partner": 1.0}]
    ) == ["completed", "announced", None]
    assert loaded.metadata["training_data_sha256"] == "abc"


def _examples(
    parties: list[tuple[str | None, str | None]], gold: set[tuple[str, str]]
) -> DealExamples:
    """One article; pair ``n`` joins actors a{2n} and a{2n+1}, the gold actors ``parties[n]``;
    ``gold`` holds the (source, target) of its gold acquisitions."""
    examples = DealExamples()
    for n, (first, second) in enumerate(parties):
        examples.facts.append(PairFacts(0, f"a{2 * n}", f"a{2 * n + 1}", True, False, None))
        examples.parties.append((first, second))
    examples.gold_deals = {(0, "acquisition", source, target) for source, target in gold}
    return examples


def test_decided_deals_are_scored_against_every_gold_deal() -> None:
    examples = _examples([("g1", "g2"), ("g4", "g3"), (None, "g6")], {("g1", "g2"), ("g3", "g4")})
    examples.gold_deals.add((0, "acquisition", "g7", "g8"))  # no pair reaches it
    probabilities = {
        "acquisition:fwd": np.array([0.9, 0.0, 0.8]),
        "acquisition:rev": np.array([0.0, 0.9, 0.0]),
    }
    decisions = decide(
        PairScores.of(examples.facts, probabilities),
        {"acquisition:fwd": 0.5, "acquisition:rev": 0.5},
        False,
    )
    # right: g1 → g2 and, read against mention order, g3 → g4; wrong: the unmatched party's
    assert deal_f1(decisions, examples, min_confidence=0.0) == pytest.approx(2 * 2 / (3 + 3))
    # below the output floor a deal is not reported at all
    assert deal_f1(decisions, examples, min_confidence=0.85) == pytest.approx(2 * 2 / (2 + 3))


def test_each_label_takes_the_best_threshold_for_its_own_pairs() -> None:
    probabilities = {
        "acquisition:fwd": np.array([0.9, 0.7, 0.27, 0.2]),
        "licensing:fwd": np.array([0.9, 0.5, 0.42, 0.17]),
    }
    targets = {"acquisition:fwd": np.array([1, 1, 0, 0]), "licensing:fwd": np.array([1, 0, 1, 0])}
    thresholds = pair_thresholds(probabilities, targets)
    assert 0.27 < thresholds["acquisition:fwd"] <= 0.7  # both right, neither wrong
    assert 0.17 < thresholds["licensing:fwd"] <= 0.42  # both right, one wrong: F1 0.8


def _decisions(
    outcomes: list[tuple[float, bool, bool]],
) -> tuple[dict[DealKey, Decision], DealExamples]:
    """One decision per (noisy-or, by_rule, right), each in an article of its own."""
    examples = DealExamples()
    decisions: dict[DealKey, Decision] = {}
    for n, (probability, by_rule, right) in enumerate(outcomes):
        examples.parties.append((f"g{n}", f"h{n}"))
        if right:
            examples.gold_deals.add((n, "acquisition", f"g{n}", f"h{n}"))
        decisions[(n, "acquisition", f"a{n}", f"b{n}")] = Decision(
            probability, n, "acquisition:fwd", by_rule
        )
    return decisions, examples


def test_a_record_confidence_is_its_chance_of_being_right() -> None:
    # the model's records at 0.9 are right three times in four; the rules' proposals at the
    # same noisy-or, once in four
    rows = [(0.9, False, n < 150) for n in range(200)] + [(0.9, True, n < 50) for n in range(200)]
    decisions, examples = _decisions(rows)
    confidence = fit_confidence(decisions, examples)
    reported = calibrated(decisions, confidence)
    assert reported[(0, "acquisition", "a0", "b0")].probability == pytest.approx(0.75, abs=0.03)
    assert reported[(200, "acquisition", "a200", "b200")].probability == pytest.approx(
        0.25, abs=0.03
    )
    assert reported[(200, "acquisition", "a200", "b200")].by_rule  # only the probability moves
    held_out = held_out_confidence(decisions, examples)
    assert held_out is not None
    confidences, outcomes = held_out
    assert outcomes.sum() == 200
    assert calibration_error(confidences, outcomes) < 0.1


def test_records_that_are_all_right_are_certain() -> None:
    decisions, examples = _decisions([(0.4, False, True), (0.6, True, True)])
    reported = calibrated(decisions, fit_confidence(decisions, examples))
    assert [d.probability for d in reported.values()] == [1.0, 1.0]
    assert held_out_confidence(decisions, examples) is None  # two articles cannot fill the folds
