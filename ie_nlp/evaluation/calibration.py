"""Whether confidences mean probabilities: the expected calibration error (ECE) of the deals a
system reports, and the ECE that chance alone gives that many records.

ECE is the mean gap, over equal-width bins of the confidences, between a bin's mean confidence
and the share of its records that are right, weighted by the bin's share of the records. On a
hundred records it is noisy: a perfectly calibrated system whose records were drawn by its own
confidences still shows a gap in every sparse bin. ``chance_error`` estimates that floor by
drawing the outcomes from the confidences themselves, so that a measured ECE can be read
against what the same records would show if every confidence were exact."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

__all__ = ["CALIBRATION_BINS", "CalibrationScores", "calibration_error", "chance_error"]

CALIBRATION_BINS = 10
CHANCE_DRAWS = 1000


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


def chance_error(probabilities: Sequence[float] | np.ndarray, seed: int = 0) -> tuple[float, float]:
    """The mean and 90th percentile of the ECE that exact confidences would show on these
    records, each right with the probability its confidence states (``CHANCE_DRAWS`` draws)."""
    p = np.asarray(probabilities, dtype=float)
    if not len(p):
        return 0.0, 0.0
    draws = np.random.default_rng(seed).random((CHANCE_DRAWS, len(p))) < p
    errors = np.array([calibration_error(p, outcomes.astype(int)) for outcomes in draws])
    return float(errors.mean()), float(np.percentile(errors, 90))


@dataclass
class CalibrationScores:
    """Reported records' confidences and whether each was right."""

    confidences: list[float] = field(default_factory=list)
    right: list[int] = field(default_factory=list)

    def add_record(self, confidence: float, right: bool) -> None:
        self.confidences.append(confidence)
        self.right.append(int(right))

    def add(self, other: CalibrationScores) -> None:
        self.confidences.extend(other.confidences)
        self.right.extend(other.right)

    def as_dict(self) -> dict[str, Any]:
        chance, chance_p90 = chance_error(self.confidences)
        return {
            "records": len(self.confidences),
            "right": sum(self.right),
            "mean_confidence": round(float(np.mean(self.confidences)), 4)
            if self.confidences
            else None,
            "expected_calibration_error": round(calibration_error(self.confidences, self.right), 4),
            "chance_error": round(chance, 4),
            "chance_error_p90": round(chance_p90, 4),
        }

    def format_line(self) -> str:
        scores = self.as_dict()
        return (
            f"deal confidence: {scores['records']} records, {scores['right']} right, "
            f"ECE {scores['expected_calibration_error']:.3f} (exact confidences would show "
            f"{scores['chance_error']:.3f} by chance on as many records, 90th percentile "
            f"{scores['chance_error_p90']:.3f})"
        )
