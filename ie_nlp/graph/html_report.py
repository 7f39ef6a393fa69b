"""``ie-nlp report``: one self-contained HTML page of the ecosystem.

The page needs no network: CSS and JS are inline in ``templates/report.html`` and every number
is embedded as one JSON document that the page's script draws as inline SVG. Node positions
are computed here (``networkx.spring_layout`` with a fixed seed) rather than by a force layout
in the browser: the picture is then the same on every open and in every screenshot, and the
page does no heavy work. Only the ``max_nodes`` best-connected actors are drawn, so a large
store still gives a legible picture and a small file.
"""

from __future__ import annotations

import json
from importlib import resources

import networkx as nx

from ie_nlp.graph.network import build_graph, partner_graph
from ie_nlp.graph.params import EcosystemParams, get_params
from ie_nlp.graph.signal_models import Signals
from ie_nlp.graph.snapshot import Snapshot

__all__ = ["render_report", "report_data"]

DATA_PLACEHOLDER = "__REPORT_DATA__"
UNKNOWN_TYPE = "unknown"


def drawn_network(graph: nx.MultiDiGraph, params: EcosystemParams) -> dict[str, object]:
    """Nodes with positions in [0, 1] and links as index pairs, for the page to draw."""
    partners = partner_graph(graph)
    degree = dict(partners.degree())
    kept = sorted(partners, key=lambda node: (-degree[node], node))[: params.report.max_nodes]
    shown = partners.subgraph(kept)
    positions = (
        nx.spring_layout(
            shown, seed=params.report.layout_seed, iterations=params.report.layout_iterations
        )
        if shown.number_of_nodes()
        else {}
    )
    xs = [float(p[0]) for p in positions.values()] or [0.0]
    ys = [float(p[1]) for p in positions.values()] or [0.0]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    order = sorted(shown, key=lambda node: (-degree[node], node))
    index = {node: position for position, node in enumerate(order)}
    nodes = [
        {
            "id": node,
            "name": graph.nodes[node].get("name", node),
            "type": graph.nodes[node].get("type") or UNKNOWN_TYPE,
            "degree": degree[node],
            "x": round((float(positions[node][0]) - min(xs)) / span_x, 4),
            "y": round((float(positions[node][1]) - min(ys)) / span_y, 4),
        }
        for node in order
    ]
    links = sorted([sorted((index[u], index[v])) for u, v in shown.edges()])
    return {
        "nodes": nodes,
        "links": links,
        "total_nodes": graph.number_of_nodes(),
        "total_ties": graph.number_of_edges(),
    }


def report_data(
    snapshot: Snapshot, signals: Signals, params: EcosystemParams | None = None
) -> dict[str, object]:
    """Everything the page shows, as one JSON-ready dict."""
    params = params or get_params()
    periods = signals.periods
    last = periods[-1] if periods else None
    return {
        "network": drawn_network(build_graph(snapshot), params),
        "articles": len(snapshot.articles),
        "period": signals.period,
        "labels": [period.label for period in periods],
        "deals": [period.deals for period in periods],
        "capabilities": [period.capabilities for period in periods],
        "markets": [period.markets for period in periods],
        "entrants": [len(period.entrants) for period in periods],
        "magnets": [m.model_dump() for m in last.magnets] if last else [],
        "rising_terms": [
            {"label": period.label, "terms": [t.model_dump() for t in period.rising_terms]}
            for period in periods
            if period.rising_terms
        ],
        "type_colours": params.report.actor_type_colours,
        "series_colours": params.report.series_colours,
        "labelled_nodes": params.report.labelled_nodes,
    }


def script_json(data: object) -> str:
    """JSON that is safe inside a <script> element: no "</script>" or "<!--" can appear."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_report(
    snapshot: Snapshot, signals: Signals, params: EcosystemParams | None = None
) -> str:
    """The report page as HTML text."""
    template = (
        resources.files("ie_nlp.graph")
        .joinpath("templates/report.html")
        .read_text(encoding="utf-8")
    )
    return template.replace(DATA_PLACEHOLDER, script_json(report_data(snapshot, signals, params)))
