"""The ecosystem store's tables (SQLAlchemy 2 declarative models).

Two layers: what each article said, kept verbatim (``article_actors``, ``capabilities``,
``relationship_evidence``, each with the article's local actor refs), and the cross-article view
derived from it (``actors``, ``actor_aliases``, ``relationships``). The derived layer can be
rebuilt from the first at any time, which is what makes a resolution change (``reresolve``)
reversible. ``migrations/versions`` must create exactly these tables: a test compares them.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints, so migrations on PostgreSQL and SQLite (batch mode) can refer to them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Article(Base):
    __tablename__ = "articles"

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    title: Mapped[str | None] = mapped_column(Text)
    url: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(Text)
    published: Mapped[date | None] = mapped_column(Date, index=True)
    # The text the result's offsets refer to, kept for mention contexts and the rising-term
    # signals; empty when only the result was given.
    text: Mapped[str] = mapped_column(Text, default="")
    # The result's noun-phrase terms, counted by the rising-term signal.
    terms: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    # sha256 of the result (without its run-dependent ``meta``) and the metadata: equal hash,
    # nothing to do; a different one replaces the article's rows.
    content_hash: Mapped[str] = mapped_column(String(64))
    ingested_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Actor(Base):
    """A canonical actor: one organisation or person across every article that names it."""

    __tablename__ = "actors"

    id: Mapped[str] = mapped_column(Text, primary_key=True)
    name: Mapped[str] = mapped_column(Text, index=True)
    type: Mapped[str | None] = mapped_column(Text, index=True)
    # The evidence text the resolver compared when it first met the actor.
    context: Mapped[str] = mapped_column(Text, default="")
    first_seen: Mapped[date | None] = mapped_column(Date)
    last_seen: Mapped[date | None] = mapped_column(Date)


class ActorAlias(Base):
    """A name an actor was reported under, with the resolver's reason for joining it."""

    __tablename__ = "actor_aliases"
    __table_args__ = (UniqueConstraint("actor_id", "alias"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"))
    alias: Mapped[str] = mapped_column(Text, index=True)
    reason: Mapped[str] = mapped_column(Text)


class ArticleActor(Base):
    """One actor as one article reported it (``ref`` is the result's local actor id)."""

    __tablename__ = "article_actors"
    __table_args__ = (UniqueConstraint("article_id", "ref"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    ref: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(Text)
    type: Mapped[str] = mapped_column(Text)
    aliases: Mapped[list[Any]] = mapped_column(JSON, default=list)
    mentions: Mapped[list[Any]] = mapped_column(JSON, default=list)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    actor_id: Mapped[str | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), index=True
    )


class CapabilityMention(Base):
    """One capability an article reported, for its holder or for no named actor."""

    __tablename__ = "capabilities"
    __table_args__ = (Index("ix_capabilities_category_actor", "category", "actor_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    actor_ref: Mapped[str | None] = mapped_column(Text)
    actor_id: Mapped[str | None] = mapped_column(
        ForeignKey("actors.id", ondelete="SET NULL"), index=True
    )
    category: Mapped[str] = mapped_column(Text)
    market: Mapped[str] = mapped_column(Text)
    mentions: Mapped[list[Any]] = mapped_column(JSON, default=list)
    evidence: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)


class Relationship(Base):
    """One tie between two canonical actors, aggregated over its evidence.

    Undirected types keep the smaller actor id as ``source_id``. ``confidence`` (best),
    ``sources`` (articles) and the seen dates are recomputed from the evidence whenever it
    changes, so queries need no aggregation.
    """

    __tablename__ = "relationships"
    __table_args__ = (UniqueConstraint("type", "source_id", "target_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    type: Mapped[str] = mapped_column(Text, index=True)
    source_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[str] = mapped_column(ForeignKey("actors.id", ondelete="CASCADE"), index=True)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    sources: Mapped[int] = mapped_column(Integer, default=0)
    first_seen: Mapped[date | None] = mapped_column(Date)
    last_seen: Mapped[date | None] = mapped_column(Date)


class RelationshipEvidence(Base):
    """One article's report of a relationship, with the local refs it joined; the
    ``relationship_id`` is empty when resolution made both ends one actor."""

    __tablename__ = "relationship_evidence"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    article_id: Mapped[str] = mapped_column(
        ForeignKey("articles.id", ondelete="CASCADE"), index=True
    )
    relationship_id: Mapped[int | None] = mapped_column(
        ForeignKey("relationships.id", ondelete="SET NULL"), index=True
    )
    type: Mapped[str] = mapped_column(Text)
    source_ref: Mapped[str] = mapped_column(Text)
    target_ref: Mapped[str] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column("span_start", Integer)
    end: Mapped[int] = mapped_column("span_end", Integer)
    confidence: Mapped[float] = mapped_column(Float)
    attributes: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class StoreState(Base):
    """One row (id 1). ``version`` is a fresh random token written with every change to what
    is stored, so whatever was computed from the store can be reused until it differs."""

    __tablename__ = "store_state"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    version: Mapped[str] = mapped_column(String(32))


class Signal(Base):
    """A cached signal value (written by ``ie-nlp signals --store``; safe to drop)."""

    __tablename__ = "signals"
    __table_args__ = (UniqueConstraint("period", "period_start", "kind", "key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    period: Mapped[str] = mapped_column(Text)
    period_start: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(Text, index=True)
    key: Mapped[str] = mapped_column(Text)
    value: Mapped[dict[str, Any]] = mapped_column(JSON)
