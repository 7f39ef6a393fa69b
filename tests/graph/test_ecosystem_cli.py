"""`ie-nlp graph export`, `ie-nlp signals` and `ie-nlp report` over a stand-in store that
serves the hand-built snapshot and records what it was asked."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import TracebackType
from typing import ClassVar

import networkx as nx
import pytest
from click.testing import CliRunner

import ie_nlp.store
from ie_nlp.cli import cli
from ie_nlp.errors import StoreError
from ie_nlp.graph.snapshot import Snapshot


class FakeStore:
    opened: ClassVar[list[str]] = []
    ranges: ClassVar[list[tuple[date | None, date | None]]] = []
    snapshot_value: ClassVar[Snapshot | None] = None

    @classmethod
    def open(cls, url: str | None = None) -> FakeStore:
        if url == "broken://":
            raise StoreError("cannot reach broken://")
        cls.opened.append(str(url))
        return cls()

    def __enter__(self) -> FakeStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    def snapshot(self, since: date | None = None, until: date | None = None) -> Snapshot:
        self.ranges.append((since, until))
        assert self.snapshot_value is not None
        return self.snapshot_value


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, snapshot: Snapshot) -> type[FakeStore]:
    FakeStore.opened, FakeStore.ranges, FakeStore.snapshot_value = [], [], snapshot
    monkeypatch.setattr(ie_nlp.store, "Store", FakeStore)
    return FakeStore


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_graph_export_passes_url_and_dates(store: type[FakeStore], tmp_path: Path) -> None:
    out = tmp_path / "g.graphml"
    run(
        "graph", "export", "--format", "graphml", "-o", str(out),
        "--database-url", "sqlite:///x.db", "--since", "2024-02-01", "--until", "2024-06-30",
    )  # fmt: skip
    assert store.opened == ["sqlite:///x.db"]
    assert store.ranges == [(date(2024, 2, 1), date(2024, 6, 30))]
    assert nx.read_graphml(out).number_of_nodes() == 8


def test_graph_export_csv_writes_a_folder(store: type[FakeStore], tmp_path: Path) -> None:
    run("graph", "export", "--format", "csv", "-o", str(tmp_path / "csv"))
    assert sorted(p.name for p in (tmp_path / "csv").iterdir()) == ["edges.csv", "nodes.csv"]
    assert store.ranges == [(None, None)]


def test_store_error_is_a_clean_cli_error(store: type[FakeStore], tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["graph", "export", "--format", "json", "-o", str(tmp_path / "g.json"),
              "--database-url", "broken://"],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "[store_unavailable] cannot reach broken://" in result.output


def test_signals_to_stdout_and_file(store: type[FakeStore], tmp_path: Path) -> None:
    data = json.loads(run("signals", "--period", "year", "--region", "Basel"))
    assert data["period"] == "year" and data["region"] == ["Basel"]
    assert data["periods"][0]["region"]["local_ties"] == 6
    run("signals", "--period", "quarter", "-o", str(tmp_path / "s.json"))
    saved = json.loads((tmp_path / "s.json").read_text())
    assert [p["label"] for p in saved["periods"]] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    assert saved["periods"][2]["rising_terms"][0]["term"] == "cell therapy"


def test_report_writes_html(store: type[FakeStore], tmp_path: Path) -> None:
    run("report", "-o", str(tmp_path / "r" / "report.html"), "--period", "month")
    page = (tmp_path / "r" / "report.html").read_text()
    assert page.startswith("<!DOCTYPE html>") and '"2024-09"' in page


def test_bad_period_is_a_usage_error(store: type[FakeStore]) -> None:
    result = CliRunner().invoke(cli, ["signals", "--period", "week"])
    assert result.exit_code == 2 and "week" in result.output
