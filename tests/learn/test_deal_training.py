"""ie_nlp.learn.deal_training: the threshold and calibration arithmetic the deal model's
sidecar reports, the thresholds tuned for the deals reported, and the status model, on
hand-made numbers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from ie_nlp.learn.deal_training import (
    DealExamples,
    best_threshold,
    calibration_error,
    deal_f1,
    fit_status_model,
    tune_thresholds,
)
from ie_nlp.nlp.deal_decisions import PairFacts, PairScores, decide
from ie_nlp.nlp.deal_status import NO_STATUS
from ie_nlp.nlp.models.deal_classifier import deal_label, split_label
from ie_nlp.nlp.models.deal_status_model import DealStatusModel


def test_a_perfectly_calibrated_model_has_no_calibration_error() -> None:
    # in the 0.2 bin one of five is right, in the 0.8 bin four of five
    probabilities = [0.2] * 5 + [0.8] * 5
    outcomes = [1, 0, 0, 0, 0, 1, 1, 1, 1, 0]
    assert calibration_error(probabilities, outcomes) == pytest.approx(0.0)


def test_calibration_error_weights_each_bin_by_its_share() -> None:
    # 0.9 predicted, half right: gap 0.4 on half of the predictions; the 0.1 bin is exact
    probabilities = [0.9, 0.9, 0.1, 0.1] + [0.1] * 6
    outcomes = [1, 0, 1, 0] + [0] * 6
    # bin 0.1: 8 predictions, 1 right (0.125 vs 0.1); bin 0.9: 2 predictions, 1 right
    expected = 0.8 * abs(0.1 - 0.125) + 0.2 * abs(0.9 - 0.5)
    assert calibration_error(probabilities, outcomes) == pytest.approx(expected)
    assert calibration_error(probabilities, outcomes, floor=0.5) == pytest.approx(0.4)


def test_the_best_threshold_separates_the_classes() -> None:
    probabilities = np.array([0.05, 0.1, 0.2, 0.32, 0.62, 0.7, 0.9])
    labels = np.array([0, 0, 0, 0, 1, 1, 1])
    threshold = best_threshold(probabilities, labels)
    assert threshold == pytest.approx(0.35)  # the lowest that keeps every positive alone


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


def test_thresholds_are_tuned_for_the_f1_of_the_deals_reported() -> None:
    # a right deal at 0.3 is worth the wrong one at 0.4 when two of the three gold are found
    examples = _examples([("g1", "g2"), ("g3", "g4"), ("g5", "g6")], {("g1", "g2"), ("g5", "g6")})
    probabilities = {"acquisition:fwd": np.array([0.7, 0.4, 0.3])}
    scores = PairScores.of(examples.facts, probabilities)
    thresholds, f1 = tune_thresholds(examples, scores, False, 0.0, {"acquisition:fwd": 0.5})
    assert thresholds["acquisition:fwd"] <= 0.3
    assert f1 == pytest.approx(0.8)
    # where the output floor drops it anyway, no threshold can win the deal at 0.3
    thresholds, f1 = tune_thresholds(examples, scores, False, 0.35, {"acquisition:fwd": 0.5})
    assert thresholds["acquisition:fwd"] > 0.4
    assert f1 == pytest.approx(2 / 3)
