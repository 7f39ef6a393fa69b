"""The ecosystem graph in the formats network tools read: GraphML, GEXF, CSV and JSON.

Values are flattened one way everywhere: dates as ISO ``YYYY-MM-DD``, lists (aliases,
locations) joined with ``|`` in GraphML, GEXF and CSV (JSON keeps real lists), absent values
left out (an empty cell in CSV). Node ids are the snapshot's stable actor ids and edge ids its
stable edge ids in every format.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import networkx as nx

from ie_nlp.graph.gexf import to_gexf
from ie_nlp.graph.network import EDGE_FIELDS, NODE_FIELDS, flat_value, text_value

__all__ = [
    "CSV_FILES",
    "EXPORT_FORMATS",
    "MEDIA_TYPES",
    "csv_tables",
    "render",
    "to_graphml",
    "to_node_link",
    "write_export",
]

EXPORT_FORMATS: tuple[str, ...] = ("graphml", "gexf", "csv", "json")

# graphml and gexf have no IANA registration; these are the names their tools use.
# csv is served as one zip holding both tables.
MEDIA_TYPES: dict[str, str] = {
    "graphml": "application/graphml+xml",
    "gexf": "application/gexf+xml",
    "csv": "application/zip",
    "json": "application/json",
}

CSV_FILES: tuple[str, str] = ("nodes.csv", "edges.csv")


def json_value(value: object) -> object:
    if isinstance(value, tuple | list):
        return [str(item) for item in value]
    return flat_value(value)


def flat_copy(graph: nx.MultiDiGraph, convert: Callable[[object], object]) -> nx.MultiDiGraph:
    """A copy of ``graph`` with every attribute value passed through ``convert``."""
    copy = nx.MultiDiGraph(name=graph.graph.get("name", ""))
    for node, data in graph.nodes(data=True):
        copy.add_node(node, **{key: convert(value) for key, value in data.items()})
    for source, target, key, data in graph.edges(keys=True, data=True):
        copy.add_edge(source, target, key=key, **{k: convert(v) for k, v in data.items()})
    return copy


def to_graphml(graph: nx.MultiDiGraph) -> bytes:
    """GraphML (``networkx.read_graphml`` reads it back); edge ids are the stable edge ids, and
    undirected ties are edges with ``directed=false`` in the graph's one direction."""
    buffer = io.BytesIO()
    nx.write_graphml(flat_copy(graph, flat_value), buffer, encoding="utf-8")
    return buffer.getvalue()


def to_node_link(graph: nx.MultiDiGraph) -> dict[str, object]:
    """networkx node-link data with edges under the key ``"edges"`` (networkx's default since
    3.4; read back with ``networkx.node_link_graph(data, edges="edges")``)."""
    data: dict[str, object] = nx.node_link_data(flat_copy(graph, json_value), edges="edges")
    return data


def csv_text(header: list[str], rows: list[list[object]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def csv_tables(graph: nx.MultiDiGraph) -> dict[str, str]:
    """``nodes.csv`` (id, then NODE_FIELDS) and ``edges.csv`` (id, source, target, then
    EDGE_FIELDS), rows sorted by id so two exports of one store are byte-identical."""

    def cells(data: dict[str, object], fields: tuple[tuple[str, str], ...]) -> list[object]:
        return [text_value(data[name]) if name in data else "" for name, _ in fields]

    nodes = [[node, *cells(data, NODE_FIELDS)] for node, data in graph.nodes(data=True)]
    edges = [
        [key, source, target, *cells(data, EDGE_FIELDS)]
        for source, target, key, data in graph.edges(keys=True, data=True)
    ]
    return {
        CSV_FILES[0]: csv_text(["id", *(n for n, _ in NODE_FIELDS)], sorted(nodes, key=str)),
        CSV_FILES[1]: csv_text(
            ["id", "source", "target", *(n for n, _ in EDGE_FIELDS)], sorted(edges, key=str)
        ),
    }


def render(graph: nx.MultiDiGraph, export_format: str) -> bytes:
    """One export as bytes of its media type (``MEDIA_TYPES``); csv is a zip of both tables."""
    if export_format == "graphml":
        return to_graphml(graph)
    if export_format == "gexf":
        return to_gexf(graph)
    if export_format == "json":
        return json.dumps(to_node_link(graph), ensure_ascii=False, indent=1).encode("utf-8")
    if export_format == "csv":
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in csv_tables(graph).items():
                archive.writestr(name, text)
        return buffer.getvalue()
    raise ValueError(f"unknown export format {export_format!r}; one of {EXPORT_FORMATS}")


def write_export(graph: nx.MultiDiGraph, export_format: str, path: Path) -> list[Path]:
    """Write one export; for csv ``path`` is a folder (created) that receives nodes.csv and
    edges.csv. Returns the files written."""
    if export_format == "csv":
        path.mkdir(parents=True, exist_ok=True)
        written = []
        for name, text in csv_tables(graph).items():
            (path / name).write_text(text, encoding="utf-8")
            written.append(path / name)
        return written
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render(graph, export_format))
    return [path]
