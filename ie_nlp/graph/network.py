"""The ecosystem as a networkx graph: one node per canonical actor, one edge per tie.

``build_graph`` keeps Python values (``date``, tuples) on nodes and edges; each export flattens
them to what its format can hold, so the graph itself stays the one source of truth.
"""

from __future__ import annotations

import logging
from datetime import date

import networkx as nx

from ie_nlp.graph.snapshot import ActorNode, Edge, Snapshot

__all__ = [
    "EDGE_FIELDS",
    "NODE_FIELDS",
    "build_graph",
    "flat_value",
    "partner_graph",
    "text_value",
]

logger = logging.getLogger(__name__)

# Every attribute a node or edge may carry, in export column order, with its kind: "string",
# "integer", "double", "boolean", "date" (a ``date``) or "list" (a tuple of strings). One fixed
# schema keeps CSV columns, GEXF declarations and JSON keys identical whatever the data holds.
NODE_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "string"),
    ("type", "string"),
    ("aliases", "list"),
    ("locations", "list"),
    ("first_seen", "date"),
    ("last_seen", "date"),
    ("articles", "integer"),
)
EDGE_FIELDS: tuple[tuple[str, str], ...] = (
    ("type", "string"),
    ("directed", "boolean"),
    ("sources", "integer"),
    ("confidence", "double"),
    ("first_seen", "date"),
    ("last_seen", "date"),
    ("amount", "double"),
    ("currency", "string"),
    ("up_to", "boolean"),
    ("upfront", "double"),
    ("milestones", "double"),
    ("equity", "double"),
    ("price_per_share", "double"),
    ("royalties", "string"),
    ("round", "string"),
    ("asset", "string"),
    ("territory", "string"),
    ("status", "string"),
    ("date", "string"),
    ("status_history", "list"),
)
# Deal terms of the contract (§ Deal terms) carried into the exports, with the Python type each
# must have; the latest status and its changes come from the store (``graph.deal_status``).
DEAL_ATTRIBUTES: dict[str, type] = {
    "amount": float,
    "currency": str,
    "up_to": bool,
    "upfront": float,
    "milestones": float,
    "equity": float,
    "price_per_share": float,
    "royalties": str,
    "round": str,
    "asset": str,
    "territory": str,
    "status": str,
    "date": str,
    "status_history": tuple,
}
LIST_SEPARATOR = "|"


def flat_value(value: object) -> str | int | float | bool:
    """One attribute value as a scalar that XML and CSV can hold: dates as ISO days, lists
    joined with ``|``."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return LIST_SEPARATOR.join(str(item) for item in value)
    if isinstance(value, str | int | float | bool):
        return value
    raise TypeError(f"unexpected attribute value {value!r}")


def text_value(value: object) -> str:
    """One attribute value as text (CSV cells, XML attributes): booleans as true/false."""
    flat = flat_value(value)
    return ("true" if flat else "false") if isinstance(flat, bool) else str(flat)


def node_attributes(actor: ActorNode) -> dict[str, object]:
    attributes: dict[str, object] = {
        "name": actor.name,
        "type": actor.type,
        "aliases": actor.aliases,
        "locations": actor.locations,
        "first_seen": actor.first_seen,
        "last_seen": actor.last_seen,
        "articles": actor.articles,
    }
    # networkx convention: an unknown value is an absent attribute, which every format can hold
    return {key: value for key, value in attributes.items() if value is not None}


def edge_attributes(edge: Edge) -> dict[str, object]:
    attributes: dict[str, object] = {
        "type": edge.type,
        "directed": edge.directed,
        "sources": edge.sources,
        "confidence": edge.confidence,
        "first_seen": edge.first_seen,
        "last_seen": edge.last_seen,
    }
    for name, kind in DEAL_ATTRIBUTES.items():
        value = edge.attributes.get(name)
        if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
            attributes[name] = float(value)  # 2e9 overflows GEXF/GraphML "int"; one type per key
        elif isinstance(value, kind) and (kind is bool or not isinstance(value, bool)):
            attributes[name] = value
    return {key: value for key, value in attributes.items() if value is not None}


def seen_by(day: date | None, until: date | None) -> bool:
    return until is None or (day is not None and day <= until)


def build_graph(snapshot: Snapshot, *, until: date | None = None) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` keyed by the snapshot's stable actor and edge ids.

    With ``until``, only ties first reported on or before that day are kept, with the actors
    seen by then or at either end of a kept tie: the cumulative ecosystem at that date. An
    undirected tie is one edge, source to target as stored, with ``directed=False``.
    """
    graph = nx.MultiDiGraph(name="ie-nlp ecosystem")
    actors = {actor.id: actor for actor in snapshot.actors}
    edges = [edge for edge in snapshot.edges if seen_by(edge.first_seen, until)]
    in_edges = {end for edge in edges for end in (edge.source, edge.target)}
    for actor in snapshot.actors:
        if actor.id in in_edges or seen_by(actor.first_seen, until):
            graph.add_node(actor.id, **node_attributes(actor))
    for edge in edges:
        if edge.source not in actors or edge.target not in actors:
            # a store inconsistency; adding the edge would create a nameless node in every export
            logger.warning("edge %s skipped: an endpoint is not among the actors", edge.id)
            continue
        graph.add_edge(edge.source, edge.target, key=edge.id, **edge_attributes(edge))
    return graph


def partner_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """Who is tied to whom, whatever the type and direction: the graph degree and betweenness
    are measured on, so several deals between one pair count as one partnership."""
    partners = nx.Graph()
    partners.add_nodes_from(graph.nodes)
    partners.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    return partners
