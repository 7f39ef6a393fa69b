"""The ecosystem as the graph layer sees it: canonical actors, aggregated ties, capability and
term observations, all dated by the articles that reported them.

The store (``ie_nlp.store``) builds a ``Snapshot`` from the database; exports, signals and the
report read only this, so they can be tested on hand-built snapshots and never depend on how
the rows are stored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

__all__ = ["ActorNode", "CapabilityObservation", "Edge", "EdgeObservation", "Snapshot"]


@dataclass(frozen=True)
class ActorNode:
    """One canonical actor (after cross-article resolution); ``id`` is stable across runs."""

    id: str
    name: str
    type: str | None
    aliases: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    first_seen: date | None = None
    last_seen: date | None = None
    articles: int = 0


@dataclass(frozen=True)
class EdgeObservation:
    """One article's report of a tie."""

    article_id: str
    published: date | None
    confidence: float
    evidence: str


@dataclass(frozen=True)
class Edge:
    """One tie between two canonical actors, aggregated over every article that reports it.

    Undirected types (merger, research_collaboration, partnership) are stored with ``source``
    the smaller actor id, so one pair gives one edge whichever way articles name it.
    """

    id: str
    type: str
    source: str
    target: str
    directed: bool
    observations: tuple[EdgeObservation, ...]
    attributes: dict[str, object] = field(default_factory=dict)

    @property
    def sources(self) -> int:
        return len({observation.article_id for observation in self.observations})

    @property
    def confidence(self) -> float:
        return max((observation.confidence for observation in self.observations), default=0.0)

    @property
    def first_seen(self) -> date | None:
        dates = [o.published for o in self.observations if o.published is not None]
        return min(dates, default=None)

    @property
    def last_seen(self) -> date | None:
        dates = [o.published for o in self.observations if o.published is not None]
        return max(dates, default=None)


@dataclass(frozen=True)
class CapabilityObservation:
    """One article's capability mention; ``actor_id`` is None when no holder was named."""

    article_id: str
    published: date | None
    category: str
    market: str
    actor_id: str | None


@dataclass(frozen=True)
class Snapshot:
    """Everything the graph layer needs, optionally limited to a date range by the store."""

    actors: tuple[ActorNode, ...]
    edges: tuple[Edge, ...]
    capabilities: tuple[CapabilityObservation, ...]
    # (article id, published date, its terms) of every stored article, for rising terms
    articles: tuple[tuple[str, date | None, frozenset[str]], ...] = ()
