"""``ie-nlp evaluate`` through click's CliRunner: the table and JSON report, slot gold, and
clear errors on bad files."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ie_nlp.cli import cli

from .gold_files import GOLD, write_jsonl

SYSTEM = [
    {
        "schema_version": "1",
        "id": "a1",
        "actors": [
            {"id": "n", "name": "Novartis AG", "type": "large_pharma", "aliases": []},
            {"id": "x", "name": "AveXis, Inc.", "type": "large_pharma", "aliases": []},
        ],
        "capabilities": [{"category": "gene_therapy", "market": "main", "actor": "x"}],
        "relationships": [
            {
                "type": "acquisition",
                "source": "x",
                "target": "n",
                "confidence": 0.9,
                "evidence": {"start": 0, "end": 25, "text": "Novartis acquired AveXis."},
            }
        ],
    },
    {"id": "extra", "actors": []},
]


def test_evaluate_prints_a_table_and_writes_json(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    system = write_jsonl(tmp_path / "system.jsonl", SYSTEM)
    report_path = tmp_path / "out" / "report.json"
    result = CliRunner().invoke(cli, ["evaluate", str(gold), str(system), "-o", str(report_path)])
    assert result.exit_code == 0, result.output
    assert "1 system records not in the gold (ignored)" in result.output
    assert "typed_actors" in result.output and "gene_therapy" in result.output
    report = json.loads(report_path.read_text())
    assert report["overall"]["actors"]["f1"] == 1.0
    assert report["overall"]["typed_actors"]["tp"] == 1
    assert report["overall"]["relationships"] == {
        "tp": 0,
        "fp": 1,
        "fn": 1,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }
    assert report["articles"]["not_in_gold_ids"] == ["extra"]


def test_evaluate_json_to_stdout_on_slot_gold(tmp_path: Path) -> None:
    gold = write_jsonl(
        tmp_path / "dev.jsonl",
        [{"id": "a1", "text": "t", "slots": {"PURCHASER": [["Novartis AG"]], "ACQUIRED": []}}],
    )
    system = write_jsonl(tmp_path / "system.jsonl", SYSTEM)
    result = CliRunner().invoke(cli, ["evaluate", str(gold), str(system), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["kind"] == "corp_acquisitions"
    # The system says AveXis acquired Novartis: one wrong PURCHASER, one wrong ACQUIRED.
    assert report["slots"]["PURCHASER"]["fp"] == 1 and report["slots"]["PURCHASER"]["fn"] == 1
    assert report["total"] == {
        "tp": 0,
        "fp": 2,
        "fn": 1,
        "precision": 0.0,
        "recall": 0.0,
        "f1": 0.0,
    }


def test_evaluate_fails_clearly_on_bad_files(tmp_path: Path) -> None:
    gold = write_jsonl(tmp_path / "gold.jsonl", GOLD)
    bad = tmp_path / "system.jsonl"
    bad.write_text(json.dumps(SYSTEM[0]) + "\n{oops\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", str(gold), str(bad)])
    assert result.exit_code != 0
    assert "system.jsonl:2: not valid JSON" in result.output
    assert "invalid_gold" in result.output

    missing = CliRunner().invoke(cli, ["evaluate", str(gold), str(tmp_path / "none.jsonl")])
    assert missing.exit_code != 0
    assert "does not exist" in missing.output
