"""Ecosystem signals per period, computed from a ``Snapshot`` alone.

Periods run from the period of the earliest article to that of the latest (empty ones
included). Within a period:

* ``deals``: ties first reported in it, by relationship type (every type of the taxonomy
  except ``deal_types_excluded``, zeros included, so charts have fixed series);
* ``entrants``: actors first seen in it;
* ``capabilities`` / ``markets``: capability mentions of articles published in it;
* ``top_degree``, ``top_betweenness``, ``magnets``: on the cumulative graph of every tie first
  reported up to the period's end (the ecosystem as it stood then; see ``ranking``);
* ``region``: of the period's new ties with a local end, the share reaching outside;
* ``rising_terms``: see ``terms`` (growth against the earlier rate of use, so a growing
  corpus does not make every term rise).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ie_nlp.graph.network import build_graph, partner_graph
from ie_nlp.graph.params import EcosystemParams, get_params
from ie_nlp.graph.periods import PeriodUnit, period_of, periods_covering
from ie_nlp.graph.ranking import magnets, region_share, top_betweenness, top_degree
from ie_nlp.graph.signal_models import ActorRef, PeriodSignals, Signals
from ie_nlp.graph.snapshot import Snapshot
from ie_nlp.graph.terms import rising_terms
from ie_nlp.taxonomy import get_taxonomy

__all__ = ["compute_signals"]


def term_counts(snapshot: Snapshot, unit: PeriodUnit, labels: Sequence[str]) -> list[Counter[str]]:
    """Per period (in ``labels`` order), in how many of its articles each term occurs."""
    counts: list[Counter[str]] = [Counter() for _ in labels]
    index = {label: position for position, label in enumerate(labels)}
    for _, day, found in snapshot.articles:
        if day is not None:
            counts[index[period_of(day, unit).label]].update(found)
    return counts


def compute_signals(
    snapshot: Snapshot,
    unit: PeriodUnit,
    *,
    region: Sequence[str] = (),
    with_rising_terms: bool = True,
    params: EcosystemParams | None = None,
) -> Signals:
    """The signals of every period; rising terms from the terms stored with each article."""
    params = params or get_params()
    taxonomy = get_taxonomy()
    deal_types = [t for t in taxonomy.relationship_types if t not in params.deal_types_excluded]
    periods = periods_covering((day for _, day, _ in snapshot.articles), unit)
    articles = [sum(1 for _, day, _ in snapshot.articles if day in period) for period in periods]
    if with_rising_terms:
        counts = term_counts(snapshot, unit, [period.label for period in periods])
        rising = rising_terms(counts, articles, params.rising_terms)
    else:
        rising = [[] for _ in periods]
    actors = {actor.id: actor for actor in snapshot.actors}

    results = []
    for period, total, rising_here in zip(periods, articles, rising, strict=True):
        graph = build_graph(snapshot, until=period.end)
        partners = partner_graph(graph)
        new_edges = [edge for edge in snapshot.edges if edge.first_seen in period]
        deals = Counter(edge.type for edge in new_edges)
        entrants = sorted(
            (actor for actor in snapshot.actors if actor.first_seen in period),
            key=lambda actor: (actor.first_seen, actor.name, actor.id),
        )
        mentions = [c for c in snapshot.capabilities if c.published in period]
        categories = Counter(mention.category for mention in mentions)
        markets = Counter(mention.market for mention in mentions)
        results.append(
            PeriodSignals(
                label=period.label,
                start=period.start,
                end=period.end,
                articles=total,
                deals={deal_type: deals[deal_type] for deal_type in deal_types},
                entrants=[ActorRef(id=a.id, name=a.name, type=a.type) for a in entrants],
                capabilities={c: categories[c] for c in taxonomy.capability_categories},
                markets={m: markets[m] for m in ("main", "complementary")},
                top_degree=top_degree(graph, partners, params.top_actors),
                top_betweenness=top_betweenness(graph, partners, params.top_actors),
                magnets=magnets(graph, params.magnets),
                region=region_share(new_edges, actors, region) if region else None,
                rising_terms=rising_here,
            )
        )
    return Signals(period=unit, region=list(region), periods=results)
