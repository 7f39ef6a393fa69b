"""Exports round-trip: GraphML and JSON read back by networkx, GEXF 1.3 checked structurally,
CSV headers and rows."""

from __future__ import annotations

import csv
import io
import json
import logging
import zipfile
from datetime import date
from pathlib import Path

import networkx as nx
import pytest
from gexf_check import GEXF, gexf_problems
from lxml import etree

from ie_nlp.graph.exports import csv_tables, render, to_node_link, write_export
from ie_nlp.graph.network import build_graph
from ie_nlp.graph.snapshot import Snapshot

EDGE_IDS = {f"e{n}" for n in range(1, 9)}
NODE_IDS = {"a1", "a2", "b1", "b2", "b3", "c1", "i1", "u1"}


@pytest.fixture
def graph(snapshot: Snapshot) -> nx.MultiDiGraph:
    return build_graph(snapshot)


def test_graph_keeps_stable_ids_and_aggregates(graph: nx.MultiDiGraph) -> None:
    assert set(graph.nodes) == NODE_IDS
    assert {key for _, _, key in graph.edges(keys=True)} == EDGE_IDS
    e2 = graph.edges["a2", "u1", "e2"]
    assert (e2["directed"], e2["sources"], e2["confidence"]) == (False, 2, 0.6)
    assert (e2["first_seen"], e2["last_seen"]) == (date(2024, 2, 5), date(2024, 5, 1))
    assert graph.edges["b1", "a1", "e1"]["amount"] == 215000000.0
    e3 = graph.edges["a1", "b2", "e3"]
    assert (e3["status"], e3["date"], e3["price_per_share"]) == ("completed", "2024-04-15", 21.5)
    assert e3["status_history"] == ("announced:2024-01-08", "completed:2024-04-15")


def test_graph_until_is_cumulative(snapshot: Snapshot) -> None:
    first_quarter = build_graph(snapshot, until=date(2024, 3, 31))
    assert set(first_quarter.nodes) == {"a1", "a2", "b1", "u1"}
    assert {key for _, _, key in first_quarter.edges(keys=True)} == {"e1", "e2"}


def test_edge_to_unknown_actor_is_skipped_with_a_warning(
    snapshot: Snapshot, caplog: pytest.LogCaptureFixture
) -> None:
    broken = Snapshot(snapshot.actors[:1], snapshot.edges[:1], ())
    with caplog.at_level(logging.WARNING):
        graph = build_graph(broken)
    assert list(graph.nodes) == ["a1"] and graph.number_of_edges() == 0
    assert "e1 skipped" in caplog.text


def test_graphml_round_trip(graph: nx.MultiDiGraph) -> None:
    back = nx.read_graphml(io.BytesIO(render(graph, "graphml")), force_multigraph=True)
    assert set(back.nodes) == NODE_IDS
    assert back.number_of_edges() == graph.number_of_edges()
    assert {key for _, _, key in back.edges(keys=True)} == EDGE_IDS
    novartis = back.nodes["a1"]
    assert novartis["name"] == "Novartis" and novartis["type"] == "large_pharma"
    assert novartis["locations"] == "Basel|Switzerland" and novartis["articles"] == 1
    e2 = back.edges["a2", "u1", "e2"]
    assert e2["directed"] is False and e2["sources"] == 2
    assert (e2["first_seen"], e2["last_seen"]) == ("2024-02-05", "2024-05-01")
    assert back.edges["i1", "b3", "e7"]["round"] == "seed"


def test_gexf_is_valid_and_has_spells(graph: nx.MultiDiGraph) -> None:
    document = render(graph, "gexf")
    assert gexf_problems(document) == []
    root = etree.fromstring(document)
    body = root.find(f"{{{GEXF}}}graph")
    assert body is not None
    assert (body.get("mode"), body.get("timeformat")) == ("dynamic", "date")
    spells = {
        item.get("id"): [(s.get("start"), s.get("end")) for s in item.iter(f"{{{GEXF}}}spell")]
        for item in root.iter(f"{{{GEXF}}}node", f"{{{GEXF}}}edge")
    }
    assert spells["e2"] == [("2024-02-05", "2024-05-01")]
    assert spells["i1"] == [("2024-07-01", "2024-07-01")]
    assert len(spells) == len(NODE_IDS) + len(EDGE_IDS)
    edge = root.find(f".//{{{GEXF}}}edge[@id='e2']")
    assert edge is not None and edge.get("type") == "undirected" and edge.get("weight") == "2"


def test_gexf_check_catches_broken_documents(graph: nx.MultiDiGraph) -> None:
    """The structural check itself must fail on what it claims to catch."""
    document = render(graph, "gexf").decode()
    dangling = document.replace('source="b1"', 'source="nobody"')
    assert any("nobody" in problem for problem in gexf_problems(dangling.encode()))
    reversed_spell = document.replace(
        'start="2024-07-01" end="2024-07-01"', 'start="2024-07-02" end="2024-07-01"'
    )
    assert any("spell" in problem for problem in gexf_problems(reversed_spell.encode()))
    undeclared = document.replace('for="round"', 'for="stage"', 1)
    assert any("stage" in problem for problem in gexf_problems(undeclared.encode()))
    assert gexf_problems(document.replace('version="1.3"', 'version="1.2"').encode())


def test_csv_tables_have_fixed_headers_and_rows(graph: nx.MultiDiGraph) -> None:
    tables = csv_tables(graph)
    nodes = list(csv.reader(io.StringIO(tables["nodes.csv"])))
    edges = list(csv.reader(io.StringIO(tables["edges.csv"])))
    assert nodes[0] == [
        "id", "name", "type", "aliases", "locations", "first_seen", "last_seen", "articles",
    ]  # fmt: skip
    assert edges[0] == [
        "id", "source", "target", "type", "directed", "sources", "confidence", "first_seen",
        "last_seen", "amount", "currency", "up_to", "upfront", "milestones", "equity",
        "price_per_share", "royalties", "round", "asset", "territory", "status", "date",
        "status_history",
    ]  # fmt: skip
    assert [row[0] for row in nodes[1:]] == sorted(NODE_IDS)
    assert [row[0] for row in edges[1:]] == sorted(EDGE_IDS)
    e2 = dict(zip(edges[0], edges[2], strict=True))
    assert (e2["directed"], e2["sources"], e2["amount"]) == ("false", "2", "")
    e3 = dict(zip(edges[0], edges[3], strict=True))
    assert (e3["status"], e3["status_history"]) == (
        "completed",
        "announced:2024-01-08|completed:2024-04-15",
    )
    b3 = dict(zip(nodes[0], nodes[5], strict=True))
    assert (b3["id"], b3["locations"]) == ("b3", "")


def test_csv_zip_and_folder_hold_the_same_tables(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(render(graph, "csv"))) as archive:
        zipped = {name: archive.read(name).decode() for name in archive.namelist()}
    written = write_export(graph, "csv", tmp_path / "out")
    assert sorted(path.name for path in written) == ["edges.csv", "nodes.csv"]
    assert zipped == {path.name: path.read_text(encoding="utf-8") for path in written}


def test_node_link_json_loads_back(graph: nx.MultiDiGraph) -> None:
    data = json.loads(render(graph, "json"))
    assert set(data) >= {"nodes", "edges"} and "links" not in data
    back = nx.node_link_graph(data, edges="edges")
    assert back.is_multigraph() and back.is_directed()
    assert set(back.nodes) == NODE_IDS and back.number_of_edges() == len(EDGE_IDS)
    assert back.nodes["a1"]["aliases"] == ["Novartis AG"]
    assert back.edges["a1", "b2", "e3"]["first_seen"] == "2024-04-15"
    assert to_node_link(graph) == data


def test_unknown_format_is_refused(graph: nx.MultiDiGraph) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        render(graph, "dot")
