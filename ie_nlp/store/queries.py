"""Read queries behind ``Store``'s list and profile methods and the data API.

Every list is paginated (``limit``/``offset``) with the ``total`` of all matches, in a stable
order so pages never overlap. Taxonomy filters are checked first: an unknown identifier is an
``UnknownIdentifierError`` naming the valid ones, never an empty page.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Subquery, and_, exists, func, or_, select
from sqlalchemy.orm import Session

from ie_nlp.errors import ActorNotFoundError, UnknownIdentifierError
from ie_nlp.graph.deal_status import StatusReport, status_history
from ie_nlp.store.models import (
    Actor,
    ActorAlias,
    Article,
    ArticleActor,
    CapabilityMention,
    Relationship,
    RelationshipEvidence,
)
from ie_nlp.store.views import (
    ActorProfile,
    ActorRef,
    ActorSummary,
    Alias,
    CapabilityCount,
    Evidence,
    Page,
    RelationshipView,
)
from ie_nlp.taxonomy import get_taxonomy


def check_identifier(kind: str, value: str | None, valid: Collection[str]) -> None:
    if value is not None and value not in valid:
        raise UnknownIdentifierError(
            f"unknown {kind} {value!r}; expected one of: {', '.join(sorted(valid))}"
        )


def capability_family(category: str) -> set[str]:
    """The category and its sub-categories: 'biologics' also finds monoclonal antibodies."""
    categories = get_taxonomy().capability_categories
    return {category} | {c.id for c in categories.values() if c.parent == category}


def counts(session: Session) -> dict[str, int]:
    tables = {
        "articles": Article,
        "actors": Actor,
        "relationships": Relationship,
        "evidence": RelationshipEvidence,
        "capabilities": CapabilityMention,
    }
    return {
        name: session.scalar(select(func.count()).select_from(model)) or 0
        for name, model in tables.items()
    }


def article_counts() -> Subquery:
    """Articles per canonical actor, as a subquery to join."""
    return (
        select(
            ArticleActor.actor_id,
            func.count(func.distinct(ArticleActor.article_id)).label("articles"),
        )
        .group_by(ArticleActor.actor_id)
        .subquery()
    )


def list_actors(
    session: Session,
    *,
    type: str | None = None,
    capability: str | None = None,
    name: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[ActorSummary]:
    """Actors, most reported first; ``name`` is a case-insensitive substring of the name or
    an alias, ``capability`` a category (its sub-categories included)."""
    taxonomy = get_taxonomy()
    check_identifier("actor type", type, taxonomy.actor_types)
    check_identifier("capability category", capability, taxonomy.capability_categories)
    conditions: list[ColumnElement[bool]] = []
    if type is not None:
        conditions.append(Actor.type == type)
    if capability is not None:
        conditions.append(
            exists().where(
                CapabilityMention.actor_id == Actor.id,
                CapabilityMention.category.in_(capability_family(capability)),
            )
        )
    if name:
        conditions.append(
            or_(
                Actor.name.icontains(name, autoescape=True),
                exists().where(
                    ActorAlias.actor_id == Actor.id,
                    ActorAlias.alias.icontains(name, autoescape=True),
                ),
            )
        )
    total = session.scalar(select(func.count()).select_from(Actor).where(*conditions)) or 0
    per_actor = article_counts()
    articles = func.coalesce(per_actor.c.articles, 0)
    rows = session.execute(
        select(Actor, articles)
        .outerjoin(per_actor, per_actor.c.actor_id == Actor.id)
        .where(*conditions)
        .order_by(articles.desc(), Actor.name, Actor.id)
        .limit(limit)
        .offset(offset)
    )
    items = [summary(actor, count) for actor, count in rows]
    return Page[ActorSummary](items=items, total=total, limit=limit, offset=offset)


def summary(actor: Actor, articles: int) -> ActorSummary:
    return ActorSummary(
        id=actor.id,
        name=actor.name,
        type=actor.type,
        articles=articles,
        first_seen=actor.first_seen,
        last_seen=actor.last_seen,
    )


def actor_profile(session: Session, actor_id: str) -> ActorProfile:
    actor = session.get(Actor, actor_id)
    if actor is None:
        raise ActorNotFoundError(f"no actor with id {actor_id!r} in the store")
    articles = session.scalar(
        select(func.count(func.distinct(ArticleActor.article_id))).where(
            ArticleActor.actor_id == actor_id
        )
    )
    aliases = session.execute(
        select(ActorAlias.alias, ActorAlias.reason)
        .where(ActorAlias.actor_id == actor_id)
        .order_by(ActorAlias.id)
    )
    capabilities = session.execute(
        select(
            CapabilityMention.category,
            CapabilityMention.market,
            func.count().label("mentions"),
            func.count(func.distinct(CapabilityMention.article_id)).label("articles"),
        )
        .where(CapabilityMention.actor_id == actor_id)
        .group_by(CapabilityMention.category, CapabilityMention.market)
        .order_by(func.count().desc(), CapabilityMention.category)
    )
    relationships = session.scalars(
        select(Relationship)
        .where(or_(Relationship.source_id == actor_id, Relationship.target_id == actor_id))
        .order_by(Relationship.sources.desc(), Relationship.last_seen.desc(), Relationship.id)
    ).all()
    return ActorProfile(
        **summary(actor, articles or 0).model_dump(),
        aliases=[Alias(alias=alias, reason=reason) for alias, reason in aliases],
        capabilities=[
            CapabilityCount(category=c, market=m, mentions=n, articles=a)
            for c, m, n, a in capabilities
        ],
        relationships=relationship_views(session, relationships),
    )


def published_between(since: date | None, until: date | None) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if since is not None:
        conditions.append(Article.published >= since)
    if until is not None:
        conditions.append(Article.published <= until)
    return conditions


def list_relationships(
    session: Session,
    *,
    type: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page[RelationshipView]:
    """Relationships reported by an article published in [since, until], most recent first;
    each with the evidence from that range only."""
    check_identifier("relationship type", type, get_taxonomy().relationship_types)
    conditions: list[ColumnElement[bool]] = []
    if type is not None:
        conditions.append(Relationship.type == type)
    dated = published_between(since, until)
    if dated:
        conditions.append(
            exists()
            .where(RelationshipEvidence.relationship_id == Relationship.id)
            .where(Article.id == RelationshipEvidence.article_id, and_(*dated))
        )
    total = session.scalar(select(func.count()).select_from(Relationship).where(*conditions))
    rows = session.scalars(
        select(Relationship)
        .where(*conditions)
        .order_by(Relationship.last_seen.desc().nulls_last(), Relationship.id)
        .limit(limit)
        .offset(offset)
    ).all()
    items = relationship_views(session, rows, since, until)
    return Page[RelationshipView](items=items, total=total or 0, limit=limit, offset=offset)


def relationship_views(
    session: Session,
    relationships: Sequence[Relationship],
    since: date | None = None,
    until: date | None = None,
) -> list[RelationshipView]:
    """The relationships with their two actors and their evidence (in [since, until])."""
    ids = [r.id for r in relationships]
    ends = {r.source_id for r in relationships} | {r.target_id for r in relationships}
    actors = {
        actor.id: ActorRef(id=actor.id, name=actor.name, type=actor.type)
        for actor in session.scalars(select(Actor).where(Actor.id.in_(ends)))
    }
    evidence: dict[int, list[Evidence]] = {}
    rows = session.execute(
        select(RelationshipEvidence, Article.title, Article.url, Article.published)
        .join(Article, Article.id == RelationshipEvidence.article_id)
        .where(RelationshipEvidence.relationship_id.in_(ids), *published_between(since, until))
        .order_by(Article.published, RelationshipEvidence.id)
    )
    for item, title, url, published in rows:
        assert item.relationship_id is not None  # selected by it
        evidence.setdefault(item.relationship_id, []).append(
            Evidence(
                article_id=item.article_id,
                title=title,
                url=url,
                published=published,
                sentence=item.sentence,
                start=item.start,
                end=item.end,
                confidence=item.confidence,
                attributes=item.attributes,
            )
        )
    taxonomy = get_taxonomy()
    return [
        RelationshipView(
            id=str(r.id),
            type=r.type,
            directed=taxonomy.is_directed(r.type),
            source=actors[r.source_id],
            target=actors[r.target_id],
            confidence=r.confidence,
            sources=r.sources,
            first_seen=r.first_seen,
            last_seen=r.last_seen,
            evidence=evidence.get(r.id, []),
            **_status(evidence.get(r.id, [])),
        )
        for r in relationships
    ]


def _status(evidence: list[Evidence]) -> dict[str, Any]:
    history = status_history(
        StatusReport(item.article_id, item.published, item.attributes) for item in evidence
    )
    return {"status": history[-1].status if history else None, "status_history": history}
