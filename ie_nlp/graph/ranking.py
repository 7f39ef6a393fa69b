"""Who matters in the network: central actors, magnets, and the local/external split.

Degree and betweenness are measured on the partner graph (``network.partner_graph``):
undirected, one link per pair of actors whatever the number or type of their ties.
Betweenness is normalised; above ``BETWEENNESS_EXACT_MAX_NODES`` it is estimated from that
many sampled sources (fixed seed, so the same store gives the same ranking).

A **magnet** attracts biotechs (start-ups included), universities and research institutes
(``magnets.partner_types`` in ``data/ecosystem.json``). A tie counts for the actor on its
attracting side: for an undirected type (merger, research collaboration, partnership) both
ends attract each other; for a directed type ``magnets.magnet_side`` names the side: the
acquirer, investor and funder attract the acquired, investee and grantee; the licensee,
service provider and customer attract the licensor, client and supplier. Spin-offs and
affiliations do not count. Actors rank by distinct such partners, then ties, then name.

An actor is **local** when one of its locations, or a comma-separated part of one ("Basel,
Switzerland"), equals a region name, ignoring case. An actor without locations is external.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence

import networkx as nx

from ie_nlp.graph.params import MagnetParams
from ie_nlp.graph.signal_models import ActorRef, Magnet, RankedActor, RegionShare
from ie_nlp.graph.snapshot import ActorNode, Edge

__all__ = ["actor_ref", "is_local", "magnets", "region_share", "top_betweenness", "top_degree"]

BETWEENNESS_EXACT_MAX_NODES = 1500
BETWEENNESS_SEED = 7


def actor_ref(graph: nx.MultiDiGraph, node: str) -> ActorRef:
    data = graph.nodes[node]
    return ActorRef(id=node, name=str(data.get("name", node)), type=data.get("type"))


def ranked(graph: nx.MultiDiGraph, scores: dict[str, float], top: int) -> list[RankedActor]:
    order = sorted(
        (node for node, score in scores.items() if score > 0),
        key=lambda node: (-scores[node], str(graph.nodes[node].get("name", "")), node),
    )
    return [
        RankedActor(**actor_ref(graph, node).model_dump(), score=round(scores[node], 6))
        for node in order[:top]
    ]


def top_degree(graph: nx.MultiDiGraph, partners: nx.Graph, top: int) -> list[RankedActor]:
    return ranked(graph, {node: float(degree) for node, degree in partners.degree()}, top)


def top_betweenness(graph: nx.MultiDiGraph, partners: nx.Graph, top: int) -> list[RankedActor]:
    sample = None
    if partners.number_of_nodes() > BETWEENNESS_EXACT_MAX_NODES:
        sample = BETWEENNESS_EXACT_MAX_NODES
    scores = nx.betweenness_centrality(partners, k=sample, normalized=True, seed=BETWEENNESS_SEED)
    return ranked(graph, scores, top)


def attractions(graph: nx.MultiDiGraph, params: MagnetParams) -> Iterable[tuple[str, str]]:
    """(magnet, partner) for every tie end that attracts the other (see module docstring)."""
    for source, target, data in graph.edges(data=True):
        if not data.get("directed", True):
            pairs = [(source, target), (target, source)]
        else:
            side = params.magnet_side.get(str(data.get("type")))
            if side is None:
                continue
            pairs = [(source, target) if side == "source" else (target, source)]
        for magnet, partner in pairs:
            if graph.nodes[partner].get("type") in params.partner_types:
                yield magnet, partner


def magnets(graph: nx.MultiDiGraph, params: MagnetParams) -> list[Magnet]:
    partners: dict[str, set[str]] = defaultdict(set)
    ties: dict[str, int] = defaultdict(int)
    for magnet, partner in attractions(graph, params):
        partners[magnet].add(partner)
        ties[magnet] += 1
    order = sorted(
        partners,
        key=lambda node: (
            -len(partners[node]),
            -ties[node],
            str(graph.nodes[node].get("name", "")),
            node,
        ),
    )
    return [
        Magnet(**actor_ref(graph, node).model_dump(), partners=len(partners[node]), ties=ties[node])
        for node in order[: params.top]
    ]


def is_local(locations: Sequence[str], region: Sequence[str]) -> bool:
    names = {name.strip().casefold() for name in region}
    for location in locations:
        parts = [location, *location.split(",")]
        if any(part.strip().casefold() in names for part in parts):
            return True
    return False


def region_share(
    edges: Iterable[Edge], actors: dict[str, ActorNode], region: Sequence[str]
) -> RegionShare:
    """Of the given ties with at least one local end, how many reach outside the region."""
    local_ties = external_ties = 0
    for edge in edges:
        ends = [actors.get(edge.source), actors.get(edge.target)]
        local = [actor is not None and is_local(actor.locations, region) for actor in ends]
        if any(local):
            local_ties += 1
            external_ties += not all(local)
    share = round(external_ties / local_ties, 6) if local_ties else None
    return RegionShare(local_ties=local_ties, external_ties=external_ties, external_share=share)
