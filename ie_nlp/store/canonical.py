"""From what one article said to the cross-article view: canonical actors, their aliases and
aggregated relationships.

``assign_article`` resolves an article's actors with the ``ActorResolver`` and links its
capability mentions and relationship evidence to canonical rows; ``refresh`` recomputes the
aggregates of the canonical rows an ingest touched and drops those no article supports any
more. Both work from stored rows only, so ``reresolve`` can rebuild the whole view.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from ie_nlp.resolution.resolver import ActorMention, ActorResolver, Resolved
from ie_nlp.store.models import (
    Actor,
    ActorAlias,
    Article,
    ArticleActor,
    CapabilityMention,
    Relationship,
    RelationshipEvidence,
)
from ie_nlp.taxonomy import get_taxonomy

# The resolver compares contexts only this long; longer ones would cost embedding time.
CONTEXT_CHARS = 400
# Characters either side of a first mention used as context when no evidence names the actor.
MENTION_WINDOW = 120
# Ids per IN (...) list: well below SQLite's and PostgreSQL's bound-parameter limits.
CHUNK = 500


@dataclass(frozen=True)
class ReresolveReport:
    """What recomputing every canonical assignment changed."""

    actors: int
    relationships: int
    reassigned: int  # article actors whose canonical actor id changed


@dataclass
class Touched:
    """Canonical rows whose aggregates an ingest may have changed."""

    actors: set[str] = field(default_factory=set)
    relationships: set[int] = field(default_factory=set)
    new_actors: set[str] = field(default_factory=set)

    def update(self, other: Touched) -> None:
        self.actors |= other.actors
        self.relationships |= other.relationships
        self.new_actors |= other.new_actors


def mention_context(
    actor: ArticleActor,
    evidence: Iterable[RelationshipEvidence],
    capabilities: Iterable[CapabilityMention],
    text: str,
) -> str:
    """What the article says around an actor: the sentences of its relationships and
    capabilities, else the text around its first mention."""
    sentences = [e.sentence for e in evidence if actor.ref in (e.source_ref, e.target_ref)]
    sentences += [c.evidence for c in capabilities if c.actor_ref == actor.ref and c.evidence]
    if not sentences and text and actor.mentions:
        first = actor.mentions[0]
        sentences.append(
            text[max(0, first["start"] - MENTION_WINDOW) : first["end"] + MENTION_WINDOW]
        )
    unique = dict.fromkeys(" ".join(sentence.split()) for sentence in sentences)
    return " ".join(unique)[:CONTEXT_CHARS]


def prime(resolver: ActorResolver, session: Session) -> None:
    """Teach a fresh resolver every stored actor, under its stored id and with its names."""
    names: dict[str, list[str]] = {}
    for actor_id, alias in session.execute(
        select(ActorAlias.actor_id, ActorAlias.alias).order_by(ActorAlias.id)
    ):
        names.setdefault(actor_id, []).append(alias)
    for actor in session.scalars(select(Actor).order_by(Actor.first_seen, Actor.id)):
        resolver.register(actor.id, actor.name, actor.type, names.get(actor.id, []), actor.context)


def assign_article(session: Session, resolver: ActorResolver, article: Article) -> Touched:
    """Resolve the article's actors and link its statements to canonical rows."""
    actors = session.scalars(
        select(ArticleActor).where(ArticleActor.article_id == article.id).order_by(ArticleActor.id)
    ).all()
    evidence = session.scalars(
        select(RelationshipEvidence).where(RelationshipEvidence.article_id == article.id)
    ).all()
    capabilities = session.scalars(
        select(CapabilityMention).where(CapabilityMention.article_id == article.id)
    ).all()
    touched = Touched()
    canonical: dict[str, str] = {}
    for actor in actors:
        context = mention_context(actor, evidence, capabilities, article.text)
        mention = ActorMention(actor.name, actor.type, tuple(actor.aliases), context)
        resolved = resolver.resolve(mention)
        if upsert_actor(session, resolved, actor.type, context):
            touched.new_actors.add(resolved.actor_id)
        add_aliases(session, resolved, actor, article.id)
        canonical[actor.ref] = resolved.actor_id
        touched.actors.add(resolved.actor_id)
    for actor in actors:
        actor.actor_id = canonical[actor.ref]
    for capability in capabilities:
        capability.actor_id = canonical.get(capability.actor_ref or "")
    for item in evidence:
        item.relationship_id = link_relationship(
            session, item.type, canonical[item.source_ref], canonical[item.target_ref]
        )
        if item.relationship_id is not None:
            touched.relationships.add(item.relationship_id)
    session.flush()
    return touched


def upsert_actor(session: Session, resolved: Resolved, type_: str, context: str) -> bool:
    """Create the canonical actor row if it is new (True); else follow the resolver's
    canonical name, which may change as fuller names join."""
    actor = session.get(Actor, resolved.actor_id)
    if actor is None:
        session.add(
            Actor(id=resolved.actor_id, name=resolved.canonical_name, type=type_, context=context)
        )
        # Written now: aliases and this article's rows refer to it by foreign key.
        session.flush()
        return True
    actor.name = resolved.canonical_name
    actor.context = actor.context or context
    return False


def add_aliases(session: Session, resolved: Resolved, actor: ArticleActor, article_id: str) -> None:
    known = set(
        session.scalars(select(ActorAlias.alias).where(ActorAlias.actor_id == resolved.actor_id))
    )
    reasons = {actor.name: resolved.reason}
    for alias in actor.aliases:
        reasons.setdefault(alias, f"alias of {actor.name!r} in article {article_id}")
    session.add_all(
        ActorAlias(actor_id=resolved.actor_id, alias=alias, reason=reason)
        for alias, reason in reasons.items()
        if alias not in known
    )


def link_relationship(session: Session, type_: str, source: str, target: str) -> int | None:
    """The aggregated relationship for one piece of evidence, created when new; None when
    resolution made both ends one actor (a tie with itself is no tie)."""
    if source == target:
        return None
    if not get_taxonomy().is_directed(type_):
        source, target = sorted((source, target))
    found = session.scalar(
        select(Relationship.id).where(
            Relationship.type == type_,
            Relationship.source_id == source,
            Relationship.target_id == target,
        )
    )
    if found is not None:
        return found
    relationship = Relationship(type=type_, source_id=source, target_id=target)
    session.add(relationship)
    session.flush()
    return relationship.id


def chunks(values: Iterable[Any]) -> Iterator[list[Any]]:
    ordered: Sequence[Any] = sorted(values)
    for start in range(0, len(ordered), CHUNK):
        yield list(ordered[start : start + CHUNK])


def refresh(session: Session, touched: Touched) -> None:
    """Recompute aggregates of the touched rows; delete those no stored article supports."""
    for ids in chunks(touched.relationships):
        stats = {
            row.relationship_id: row
            for row in session.execute(
                select(
                    RelationshipEvidence.relationship_id,
                    func.max(RelationshipEvidence.confidence).label("confidence"),
                    func.count(func.distinct(RelationshipEvidence.article_id)).label("sources"),
                    func.min(Article.published).label("first_seen"),
                    func.max(Article.published).label("last_seen"),
                )
                .join(Article, Article.id == RelationshipEvidence.article_id)
                .where(RelationshipEvidence.relationship_id.in_(ids))
                .group_by(RelationshipEvidence.relationship_id)
            )
        }
        session.execute(delete(Relationship).where(Relationship.id.in_(set(ids) - set(stats))))
        for relationship in session.scalars(select(Relationship).where(Relationship.id.in_(stats))):
            row = stats[relationship.id]
            relationship.confidence = row.confidence
            relationship.sources = row.sources
            relationship.first_seen, relationship.last_seen = row.first_seen, row.last_seen
    for ids in chunks(touched.actors):
        seen = {
            row.actor_id: row
            for row in session.execute(
                select(
                    ArticleActor.actor_id,
                    func.min(Article.published).label("first_seen"),
                    func.max(Article.published).label("last_seen"),
                )
                .join(Article, Article.id == ArticleActor.article_id)
                .where(ArticleActor.actor_id.in_(ids))
                .group_by(ArticleActor.actor_id)
            )
        }
        session.execute(delete(Actor).where(Actor.id.in_(set(ids) - set(seen))))
        types = majority_types(session, list(seen))
        for actor in session.scalars(select(Actor).where(Actor.id.in_(seen))):
            actor.first_seen, actor.last_seen = seen[actor.id].first_seen, seen[actor.id].last_seen
            actor.type = types.get(actor.id, actor.type)
    session.flush()


def majority_types(session: Session, actor_ids: Sequence[str]) -> dict[str, str]:
    """Each actor's type as most of its articles give it: one article's typing error must not
    decide the type of an actor that hundreds of articles name (ties: the type name first in
    alphabetical order, so the outcome does not depend on ingest order)."""
    votes: dict[str, list[tuple[int, str]]] = {}
    for actor_id, type_, count in session.execute(
        select(ArticleActor.actor_id, ArticleActor.type, func.count())
        .where(ArticleActor.actor_id.in_(actor_ids))
        .group_by(ArticleActor.actor_id, ArticleActor.type)
    ):
        if actor_id is not None:  # filtered by the IN above; the column is nullable
            votes.setdefault(actor_id, []).append((-count, type_))
    return {actor_id: min(counts)[1] for actor_id, counts in votes.items()}


def assignments(session: Session) -> dict[int, str | None]:
    rows = session.execute(select(ArticleActor.id, ArticleActor.actor_id))
    return {row_id: actor_id for row_id, actor_id in rows}


def reassign_all(session: Session, resolver: ActorResolver) -> ReresolveReport:
    """Drop the cross-article view and rebuild it with ``resolver`` (fresh, unprimed),
    replaying the articles in the order they were ingested."""
    before = assignments(session)
    session.execute(update(RelationshipEvidence).values(relationship_id=None))
    session.execute(update(CapabilityMention).values(actor_id=None))
    session.execute(update(ArticleActor).values(actor_id=None))
    for model in (Relationship, ActorAlias, Actor):
        session.execute(delete(model))
    touched = Touched()
    articles = session.scalars(select(Article).order_by(Article.ingested_at, Article.id)).all()
    for article in articles:
        touched.update(assign_article(session, resolver, article))
    refresh(session, touched)
    after = assignments(session)
    return ReresolveReport(
        actors=session.scalar(select(func.count()).select_from(Actor)) or 0,
        relationships=session.scalar(select(func.count()).select_from(Relationship)) or 0,
        reassigned=sum(before.get(key) != value for key, value in after.items()),
    )
