"""The Reuters corporate-acquisitions yardstick: slot fills from acquisition relationships."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ie_nlp.errors import GoldFormatError
from ie_nlp.evaluation import (
    Annotation,
    SlotGold,
    annotation_from_system,
    evaluate_slots,
    is_slot_gold,
    load_slot_gold,
    score_slot,
    system_fills,
)

STORY: dict[str, Any] = {
    "id": "acq-1",
    "text": "Meridian Energy Inc said it acquired Castone\nDevelopment Corp and Blue Co.",
    "slots": {
        "ACQUIRED": [["Castone Development Corp"], ["Blue Co", "Blue"]],
        "PURCHASER": [["MERIDIAN ENERGY", "Meridian Energy Inc"]],
        "SELLER": [["Somebody"]],
        "STATUS": [["acquired"]],
    },
}


def result(
    actors: list[tuple[str, str]], acquisitions: list[tuple[str, str]], id: str = "acq-1"
) -> Annotation:
    return annotation_from_system(
        {
            "id": id,
            "actors": [{"id": i, "name": n, "type": "other_org"} for i, n in actors],
            "relationships": [
                {"type": "acquisition", "source": s, "target": t} for s, t in acquisitions
            ]
            + [{"type": "partnership", "source": actors[0][0], "target": actors[-1][0]}],
        }
    )


def test_score_slot_matches_alternatives_once_each() -> None:
    gold = [["Blue Co", "Blue"], ["Castone Development Corp"]]
    # "blue" and "Blue Co" are both alternatives of one fill: only one of them is correct.
    assert score_slot(["Blue Co", "blue", "Castone  Development Corp "], gold) == score_slot(
        ["Blue Co", "blue", "Castone Development Corp"], gold
    )
    counts = score_slot(["Blue Co", "blue", "Castone Development Corp"], gold)
    assert (counts.tp, counts.fp, counts.fn) == (2, 1, 0)
    exact = score_slot(["blue co"], gold, case_sensitive=True)
    assert (exact.tp, exact.fp, exact.fn) == (0, 1, 2)
    partial = score_slot(["Castone Development"], gold)  # no partial credit
    assert (partial.tp, partial.fp, partial.fn) == (0, 1, 2)


def test_system_fills_are_distinct_names_of_acquisition_ends() -> None:
    r = result(
        [
            ("m", "Meridian Energy Inc"),
            ("c", "Castone\nDevelopment Corp"),
            ("b", "Blue"),
            ("x", "X"),
        ],
        [("m", "c"), ("m", "b")],
    )
    assert system_fills(r) == {
        "PURCHASER": ["Meridian Energy Inc"],
        "ACQUIRED": ["Castone Development Corp", "Blue"],
    }


def test_slot_scores_and_micro_total() -> None:
    gold = [
        SlotGold("acq-1", {k: tuple(tuple(f) for f in v) for k, v in STORY["slots"].items()}),
        SlotGold("acq-2", {"PURCHASER": (("Alpha Corp",),), "ACQUIRED": (("Beta Inc",),)}),
        SlotGold("acq-3", {"PURCHASER": (("Gamma",),), "ACQUIRED": ()}),
    ]
    system = {
        # acq-1: PURCHASER 1/1 correct; ACQUIRED: Castone correct, "Blue Inc" wrong.
        "acq-1": result(
            [("m", "Meridian Energy Inc"), ("c", "Castone Development Corp"), ("b", "Blue Inc")],
            [("m", "c"), ("m", "b")],
        ),
        # acq-2: reversed direction: both slots wrong.
        "acq-2": result([("a", "Alpha Corp"), ("b", "Beta Inc")], [("b", "a")], id="acq-2"),
        # acq-3 missing; acq-9 is not in the gold.
        "acq-9": result([("a", "A"), ("b", "B")], [("a", "b")], id="acq-9"),
    }
    report = evaluate_slots(gold, system)
    purchaser, acquired, total = report.slots["PURCHASER"], report.slots["ACQUIRED"], report.total
    assert (purchaser.tp, purchaser.fp, purchaser.fn) == (1, 1, 2)
    assert (acquired.tp, acquired.fp, acquired.fn) == (1, 2, 2)
    assert (total.tp, total.fp, total.fn) == (2, 3, 4)
    assert total.recall == pytest.approx(2 / 6)
    assert total.precision == pytest.approx(2 / 5)
    assert total.f1 == pytest.approx(2 * (2 / 5) * (1 / 3) / (2 / 5 + 1 / 3))
    assert report.missing_in_system == ["acq-3"]
    assert report.not_in_gold == ["acq-9"]
    assert set(report.as_dict()["slots"]) == {"PURCHASER", "ACQUIRED"}
    assert "TOTAL" in report.format_table()


def test_slot_gold_files(tmp_path: Path) -> None:
    path = tmp_path / "dev.jsonl"
    path.write_text(json.dumps(STORY) + "\n", encoding="utf-8")
    assert is_slot_gold(path)
    assert load_slot_gold(path)[0].slots["PURCHASER"] == (
        ("MERIDIAN ENERGY", "Meridian Energy Inc"),
    )
    path.write_text(json.dumps(STORY) + '\n{"id": "acq-2", "slots": {"PURCHASER": ["x"]}}\n')
    with pytest.raises(GoldFormatError, match=r"dev\.jsonl:2: slot 'PURCHASER'"):
        load_slot_gold(path)
    path.write_text('{"id": "a", "text": "t", "actors": []}\n')
    assert not is_slot_gold(path)
