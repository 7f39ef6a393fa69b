"""``ie-nlp signals`` over a stand-in store (fake_store.py) that serves the hand-built snapshot:
JSON to stdout and to a file, and a bad period as a usage error."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from ie_nlp.cli import cli

from .fake_store import FakeStore, run


def test_signals_to_stdout_and_file(store: type[FakeStore], tmp_path: Path) -> None:
    data = json.loads(run("signals", "--period", "year", "--region", "Basel"))
    assert data["period"] == "year" and data["region"] == ["Basel"]
    assert data["periods"][0]["region"]["local_ties"] == 6
    run("signals", "--period", "quarter", "-o", str(tmp_path / "s.json"))
    saved = json.loads((tmp_path / "s.json").read_text())
    assert [p["label"] for p in saved["periods"]] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    assert saved["periods"][2]["rising_terms"][0]["term"] == "cell therapy"


def test_bad_period_is_a_usage_error(store: type[FakeStore]) -> None:
    result = CliRunner().invoke(cli, ["signals", "--period", "week"])
    assert result.exit_code == 2 and "week" in result.output
