"""GEXF 1.3 with time spells, so Gephi's timeline plays the ecosystem's growth.

networkx writes only GEXF 1.1/1.2 drafts and no spells, hence this small writer. The graph is
``mode="dynamic"`` with ``timeformat="date"``: each node and edge that has a first-seen date
gets one spell from its first to its last reported day. Attribute values are static (one
value for the whole spell) and declared once per class with their GEXF type.
"""

from __future__ import annotations

import networkx as nx
from lxml import etree

from ie_nlp.graph.network import EDGE_FIELDS, NODE_FIELDS, text_value

__all__ = ["GEXF_NAMESPACE", "to_gexf"]

GEXF_NAMESPACE = "http://gexf.net/1.3"
XSI_NAMESPACE = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = f"{GEXF_NAMESPACE} {GEXF_NAMESPACE}/gexf.xsd"

# Our field kinds as GEXF attribute types: dates and lists travel as strings (GEXF's list
# types have no agreed text form across tools); the spells carry the time itself.
GEXF_TYPES: dict[str, str] = {
    "string": "string",
    "integer": "integer",
    "double": "double",
    "boolean": "boolean",
    "date": "string",
    "list": "string",
}


def element(parent: etree._Element, tag: str, **attributes: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{GEXF_NAMESPACE}}}{tag}", attributes)


def declare(graph: etree._Element, kind: str, fields: tuple[tuple[str, str], ...]) -> None:
    attributes = element(graph, "attributes", **{"class": kind, "mode": "static"})
    for name, field_kind in fields:
        element(attributes, "attribute", id=name, title=name, type=GEXF_TYPES[field_kind])


def add_values(
    item: etree._Element, data: dict[str, object], fields: tuple[tuple[str, str], ...]
) -> None:
    present = [name for name, _ in fields if name in data]
    if present:
        values = element(item, "attvalues")
        for name in present:
            element(values, "attvalue", **{"for": name, "value": text_value(data[name])})
    if "first_seen" in data:
        spells = element(item, "spells")
        last = data.get("last_seen", data["first_seen"])
        element(spells, "spell", start=text_value(data["first_seen"]), end=text_value(last))


def to_gexf(graph: nx.MultiDiGraph) -> bytes:
    """The graph as a GEXF 1.3 document (UTF-8 bytes with an XML declaration)."""
    root = etree.Element(
        f"{{{GEXF_NAMESPACE}}}gexf",
        {f"{{{XSI_NAMESPACE}}}schemaLocation": SCHEMA_LOCATION, "version": "1.3"},
        nsmap={None: GEXF_NAMESPACE, "xsi": XSI_NAMESPACE},
    )
    meta = element(root, "meta")
    element(meta, "creator").text = "ie-nlp"
    element(meta, "description").text = "Biopharma innovation ecosystem: actors and their ties"
    body = element(
        root,
        "graph",
        mode="dynamic",
        defaultedgetype="directed",
        timeformat="date",
        timerepresentation="interval",
    )
    declare(body, "node", NODE_FIELDS)
    declare(body, "edge", EDGE_FIELDS)
    nodes = element(body, "nodes", count=str(graph.number_of_nodes()))
    for node, data in sorted(graph.nodes(data=True)):
        item = element(nodes, "node", id=str(node), label=str(data.get("name", node)))
        add_values(item, data, NODE_FIELDS)
    edges = element(body, "edges", count=str(graph.number_of_edges()))
    for source, target, key, data in sorted(graph.edges(keys=True, data=True), key=lambda e: e[2]):
        item = element(
            edges,
            "edge",
            id=str(key),
            source=str(source),
            target=str(target),
            type="directed" if data.get("directed", True) else "undirected",
            label=str(data.get("type", "")),
            weight=str(data.get("sources", 1)),
        )
        add_values(item, data, EDGE_FIELDS)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
