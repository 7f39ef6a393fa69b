"""The corp_acquisitions slot scorer against the real shared yardstick in ../shared, with
``ie-nlp evaluate --json`` agreeing; skipped where it is not present. (``ie-nlp gold-articles``
on the shared corpus is tested in tests/cli/test_gold.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ie_nlp.cli import cli
from ie_nlp.evaluation import evaluate_slots, load_slot_gold, load_system
from ie_nlp.settings import REPO_DIR

SHARED = REPO_DIR.parent / "shared"
DEV = SHARED / "yardsticks" / "corp_acquisitions" / "dev.jsonl"

needs_dev = pytest.mark.skipif(not DEV.is_file(), reason=f"shared yardstick not found at {DEV}")


@needs_dev
def test_corp_acquisitions_dev_scores_an_oracle_system(tmp_path: Path) -> None:
    """An oracle that turns every key into acquisitions gets precision 1; recall misses only the
    fills that an acquisition relationship cannot express (a purchaser or acquired party with
    no counterpart in the story's key)."""
    keys = load_slot_gold(DEV)
    lines = []
    unreachable = 0
    for key in keys:
        purchasers = [fill[0] for fill in key.slots["PURCHASER"]]
        acquired = [fill[0] for fill in key.slots["ACQUIRED"]]
        if not purchasers or not acquired:
            unreachable += len(purchasers) + len(acquired)
        actors = [{"id": f"p{i}", "name": n, "type": "other_org"} for i, n in enumerate(purchasers)]
        actors += [{"id": f"a{i}", "name": n, "type": "other_org"} for i, n in enumerate(acquired)]
        relationships = [
            {"type": "acquisition", "source": f"p{i}", "target": f"a{j}"}
            for i in range(len(purchasers))
            for j in range(len(acquired))
        ]
        lines.append(json.dumps({"id": key.id, "actors": actors, "relationships": relationships}))
    system_path = tmp_path / "oracle.jsonl"
    system_path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    report = evaluate_slots(keys, load_system(system_path))
    assert report.stories == len(keys) and not report.missing_in_system
    assert report.total.fp == 0
    assert report.total.fn == unreachable
    result = CliRunner().invoke(cli, ["evaluate", str(DEV), str(system_path), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["total"]["tp"] == report.total.tp
