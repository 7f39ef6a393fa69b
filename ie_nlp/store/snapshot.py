"""The store read into an ``ie_nlp.graph.snapshot.Snapshot``, the graph layer's only input.

A date range keeps the articles published in it (undated articles drop out once a bound is
given) and what they reported: actors they name, edges with observations from them, their
capability mentions. An actor's ``first_seen``/``last_seen`` stay those of the whole store, so
"new in this period" can still be told from "active in this period".
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ie_nlp.graph.deal_status import StatusChange, StatusReport, status_history
from ie_nlp.graph.snapshot import ActorNode, CapabilityObservation, Edge, EdgeObservation, Snapshot
from ie_nlp.store.models import (
    Actor,
    ActorAlias,
    Article,
    ArticleActor,
    CapabilityMention,
    Relationship,
    RelationshipEvidence,
)
from ie_nlp.store.queries import published_between
from ie_nlp.taxonomy import get_taxonomy

# The actor attribute where the extractor puts the places an article writes next to a name
# (ie_nlp.nlp.locations).
LOCATIONS_KEY = "locations"


def build_snapshot(session: Session, since: date | None, until: date | None) -> Snapshot:
    in_range = published_between(since, until)
    articles = session.execute(
        select(Article.id, Article.published, Article.terms)
        .where(*in_range)
        .order_by(Article.published, Article.id)
    )
    terms = tuple(
        (article_id, published, frozenset(found or ())) for article_id, published, found in articles
    )
    return Snapshot(
        actors=actor_nodes(session, in_range),
        edges=edges(session, in_range),
        capabilities=capabilities(session, in_range),
        articles=terms,
    )


def locations(attributes: dict[str, Any]) -> list[str]:
    value = attributes.get(LOCATIONS_KEY)
    return [place for place in value if isinstance(place, str) and place] if value else []


def actor_nodes(session: Session, in_range: list[Any]) -> tuple[ActorNode, ...]:
    articles: dict[str, set[str]] = defaultdict(set)
    places: dict[str, dict[str, None]] = defaultdict(dict)
    for actor_id, article_id, attributes in session.execute(
        select(ArticleActor.actor_id, ArticleActor.article_id, ArticleActor.attributes)
        .join(Article, Article.id == ArticleActor.article_id)
        .where(ArticleActor.actor_id.is_not(None), *in_range)
    ):
        assert actor_id is not None  # filtered above
        articles[actor_id].add(article_id)
        places[actor_id].update(dict.fromkeys(locations(attributes)))
    aliases: dict[str, list[str]] = defaultdict(list)
    for actor_id, alias in session.execute(
        select(ActorAlias.actor_id, ActorAlias.alias).order_by(ActorAlias.id)
    ):
        aliases[actor_id].append(alias)
    return tuple(
        ActorNode(
            id=actor.id,
            name=actor.name,
            type=actor.type,
            aliases=tuple(a for a in aliases[actor.id] if a != actor.name),
            locations=tuple(places[actor.id]),
            first_seen=actor.first_seen,
            last_seen=actor.last_seen,
            articles=len(articles[actor.id]),
        )
        for actor in session.scalars(select(Actor).order_by(Actor.id))
        if actor.id in articles
    )


def edges(session: Session, in_range: list[Any]) -> tuple[Edge, ...]:
    observations: dict[int, list[EdgeObservation]] = defaultdict(list)
    attributes: dict[int, dict[str, object]] = defaultdict(dict)
    reports: dict[int, list[StatusReport]] = defaultdict(list)
    # Lowest confidence first, so the best-supported evidence has the last word on a deal term.
    for relationship_id, article_id, published, confidence, sentence, terms in session.execute(
        select(
            RelationshipEvidence.relationship_id,
            RelationshipEvidence.article_id,
            Article.published,
            RelationshipEvidence.confidence,
            RelationshipEvidence.sentence,
            RelationshipEvidence.attributes,
        )
        .join(Article, Article.id == RelationshipEvidence.article_id)
        .where(RelationshipEvidence.relationship_id.is_not(None), *in_range)
        .order_by(RelationshipEvidence.confidence, RelationshipEvidence.id)
    ):
        assert relationship_id is not None  # filtered above
        observations[relationship_id].append(
            EdgeObservation(article_id, published, confidence, sentence)
        )
        attributes[relationship_id].update(terms)
        reports[relationship_id].append(StatusReport(article_id, published, terms))
    for relationship_id, deal_reports in reports.items():
        _set_status(attributes[relationship_id], status_history(deal_reports))
    taxonomy = get_taxonomy()
    return tuple(
        Edge(
            id=str(r.id),
            type=r.type,
            source=r.source_id,
            target=r.target_id,
            directed=taxonomy.is_directed(r.type),
            observations=tuple(sorted(observations[r.id], key=lambda o: o.article_id)),
            attributes=attributes[r.id],
        )
        for r in session.scalars(select(Relationship).order_by(Relationship.id))
        if r.id in observations
    )


def _set_status(attributes: dict[str, object], history: list[StatusChange]) -> None:
    """The latest status and its date, whatever the best-supported report said, and every
    change as ``status:date`` items."""
    attributes.pop("status", None)
    attributes.pop("date", None)
    if not history:
        return
    attributes["status"] = history[-1].status
    if history[-1].date is not None:
        attributes["date"] = history[-1].date.isoformat()
    attributes["status_history"] = tuple(
        f"{change.status}:{change.date.isoformat() if change.date else ''}" for change in history
    )


def capabilities(session: Session, in_range: list[Any]) -> tuple[CapabilityObservation, ...]:
    rows = session.execute(
        select(
            CapabilityMention.article_id,
            Article.published,
            CapabilityMention.category,
            CapabilityMention.market,
            CapabilityMention.actor_id,
        )
        .join(Article, Article.id == CapabilityMention.article_id)
        .where(*in_range)
        .order_by(CapabilityMention.article_id, CapabilityMention.id)
    )
    return tuple(CapabilityObservation(*row) for row in rows)
