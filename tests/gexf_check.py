"""A structural GEXF 1.3 check with lxml, standing in for the official XSD.

The XSD (gexf.xsd with its viz/dynamics includes) ships in no PyPI package, and tests cannot
download it, so this checks what Gephi relies on: root element, namespace and version; a
dynamic graph with date time format; declared attribute ids and types; every attvalue naming
a declared attribute of its class; unique node and edge ids; every edge endpoint a node;
well-formed spells (ISO dates, start <= end); the count attributes.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

GEXF = "http://gexf.net/1.3"
ATTRIBUTE_TYPES = {
    "integer",
    "long",
    "double",
    "float",
    "boolean",
    "string",
    "liststring",
    "anyURI",
}


def tag(name: str) -> str:
    return f"{{{GEXF}}}{name}"


def spell_problems(item: etree._Element) -> list[str]:
    problems = []
    for spell in item.iter(tag("spell")):
        try:
            start = date.fromisoformat(spell.get("start", ""))
            end = date.fromisoformat(spell.get("end", ""))
        except ValueError:
            problems.append(f"{item.get('id')}: spell dates are not ISO days")
            continue
        if start > end:
            problems.append(f"{item.get('id')}: spell ends before it starts")
    return problems


def gexf_problems(document: bytes) -> list[str]:
    """Everything wrong with ``document`` as a dynamic GEXF 1.3 graph (empty when valid)."""
    root = etree.fromstring(document)
    problems = []
    if root.tag != tag("gexf") or root.get("version") != "1.3":
        problems.append(f"root is {root.tag} version {root.get('version')}, not GEXF 1.3")
    graph = root.find(tag("graph"))
    if graph is None:
        return [*problems, "no graph element"]
    if graph.get("mode") != "dynamic" or graph.get("timeformat") != "date":
        problems.append("graph is not mode=dynamic with timeformat=date")
    declared: dict[str, set[str]] = {"node": set(), "edge": set()}
    for attributes in graph.findall(tag("attributes")):
        for attribute in attributes.findall(tag("attribute")):
            if attribute.get("type") not in ATTRIBUTE_TYPES:
                problems.append(f"attribute {attribute.get('id')} has type {attribute.get('type')}")
            declared[attributes.get("class", "")].add(attribute.get("id", ""))
    nodes = graph.findall(f"{tag('nodes')}/{tag('node')}")
    edges = graph.findall(f"{tag('edges')}/{tag('edge')}")
    node_ids = [node.get("id") for node in nodes]
    edge_ids = [edge.get("id") for edge in edges]
    if len(set(node_ids)) != len(node_ids) or len(set(edge_ids)) != len(edge_ids):
        problems.append("duplicate node or edge ids")
    for kind, items in (("node", nodes), ("edge", edges)):
        container = graph.find(tag(f"{kind}s"))
        if container is not None and container.get("count") != str(len(items)):
            problems.append(f"{kind}s count={container.get('count')} but {len(items)} {kind}s")
        for item in items:
            for value in item.iter(tag("attvalue")):
                if value.get("for") not in declared[kind]:
                    problems.append(f"{item.get('id')}: undeclared attribute {value.get('for')}")
            problems.extend(spell_problems(item))
    known = set(node_ids)
    for edge in edges:
        for end in ("source", "target"):
            if edge.get(end) not in known:
                problems.append(f"edge {edge.get('id')}: {end} {edge.get(end)} is not a node")
    return problems
