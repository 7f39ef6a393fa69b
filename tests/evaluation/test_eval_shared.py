"""Checks against the real shared data in ../shared; skipped where it is not present."""

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
CORPORA = SHARED / "corpora"

needs_dev = pytest.mark.skipif(not DEV.is_file(), reason=f"shared yardstick not found at {DEV}")
needs_corpora = pytest.mark.skipif(
    not (CORPORA / "wire_biopharma.jsonl").is_file(),
    reason=f"shared corpora not found at {CORPORA}",
)


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


@needs_corpora
def test_gold_reference_resolves_against_the_shared_corpus(tmp_path: Path) -> None:
    with (CORPORA / "wire_biopharma.jsonl").open(encoding="utf-8") as handle:
        article = json.loads(handle.readline())
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": article["id"], "source_file": "wire_biopharma.jsonl", "text_length": 200})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "articles.jsonl"
    result = CliRunner().invoke(cli, ["gold-articles", str(gold), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text())
    assert written["text"] == article["text"][:200]
    assert written["title"] == article["title"]
