"""``ie-nlp graph export`` over a stand-in store (fake_store.py) that serves the hand-built
snapshot and records what it was asked: URL and dates passed on, CSV as a folder, store errors
as clean CLI errors."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import networkx as nx
from click.testing import CliRunner

from ie_nlp.cli import cli

from .fake_store import FakeStore, run


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
