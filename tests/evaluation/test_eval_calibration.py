"""ie_nlp.evaluation.calibration: the expected calibration error, the error chance alone
gives as many records, and the deal confidences the scoring collects."""

from __future__ import annotations

from typing import Any

import pytest

from ie_nlp.evaluation import (
    CalibrationScores,
    annotation_from_gold,
    annotation_from_system,
    calibration_error,
    chance_error,
    evaluate,
    score_article,
)


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


def test_certain_confidences_leave_nothing_to_chance() -> None:
    assert chance_error([0.0, 1.0, 1.0]) == (0.0, 0.0)


def test_chance_error_shrinks_as_records_grow() -> None:
    few, few_p90 = chance_error([0.5] * 25)
    many, _ = chance_error([0.5] * 2500)
    # one bin of n records at 0.5: the mean gap is about 0.8 * 0.5 / sqrt(n)
    assert few == pytest.approx(0.08, abs=0.015)
    assert few_p90 > few
    assert many == pytest.approx(0.008, abs=0.002)
    assert chance_error([0.5] * 25) == (few, few_p90)  # the draws are seeded


def _annotations(confidences: list[float | None]) -> tuple[Any, Any]:
    actors = [{"name": "Alpha", "type": "biotech"}, {"name": "Beta", "type": "biotech"}]
    gold = annotation_from_gold(
        {
            "id": "a",
            "actors": actors,
            "relationships": [{"type": "acquisition", "source": "Alpha", "target": "Beta"}],
        }
    )
    kinds = ["acquisition", "acquisition", "licensing", "affiliation"]
    system = annotation_from_system(
        {
            "id": "a",
            "actors": [{"id": f"s{n}", **actor} for n, actor in enumerate(actors)],
            "relationships": [
                {"type": kind, "source": "s0", "target": "s1", "confidence": confidence}
                for kind, confidence in zip(kinds, confidences, strict=False)
            ],
        }
    )
    return gold, system


def test_each_distinct_deal_reports_its_confidence_and_whether_it_is_right() -> None:
    # the acquisition twice (counted once, at its first confidence), a wrong licence, and an
    # affiliation, which is no deal
    gold, system = _annotations([0.9, 0.4, 0.3, 0.8])
    scores = score_article(system, gold).deal_confidence
    assert scores.confidences == [0.9, 0.3]
    assert scores.right == [1, 0]


def test_the_report_reads_the_calibration_against_chance() -> None:
    gold, system = _annotations([0.9, 0.9, 0.3])
    report = evaluate([gold], [system]).as_dict()["deal_calibration"]
    assert report["records"] == 2 and report["right"] == 1
    assert report["expected_calibration_error"] == pytest.approx(0.5 * 0.1 + 0.5 * 0.3)
    assert 0.0 < report["chance_error"] <= report["chance_error_p90"]
    assert (
        "deal confidence: 2 records, 1 right, ECE 0.200"
        in evaluate([gold], [system]).format_table()
    )


def test_a_result_without_confidences_has_no_calibration_records() -> None:
    gold, system = _annotations([None, None])
    assert score_article(system, gold).deal_confidence == CalibrationScores()


def test_a_confidence_that_is_no_number_is_a_bad_record() -> None:
    with pytest.raises(ValueError, match="'confidence' must be a number"):
        _annotations(["high"])  # type: ignore[list-item]
