"""Storing one extraction result: idempotent, and a changed result replaces the article.

The article's own statements are written verbatim (actors with their local refs, capability
mentions, relationship evidence); ``canonical`` then maps them onto cross-article actors and
aggregated relationships. A content hash over the result (without its run-dependent ``meta``)
and the article's metadata makes a repeated ingest a no-op.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ie_nlp.errors import InvalidResultError
from ie_nlp.resolution.resolver import ActorResolver
from ie_nlp.schema import ExtractionResult, InputArticle
from ie_nlp.store.canonical import Touched, assign_article, refresh
from ie_nlp.store.models import (
    Article,
    ArticleActor,
    CapabilityMention,
    RelationshipEvidence,
)
from ie_nlp.store.views import IngestReport, IngestStatus

ArticleInput = InputArticle | Mapping[str, Any] | None


@dataclass(frozen=True)
class ArticleMeta:
    """What the store keeps of the input article besides the result."""

    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    # The text the result's offsets refer to (empty when only the result was given).
    text: str = ""

    @classmethod
    def of(cls, article: ArticleInput, result: ExtractionResult) -> ArticleMeta:
        fields = dict(article.model_dump() if isinstance(article, InputArticle) else article or {})
        # An HTML input's text only exists in the result; the offsets refer to it.
        body = result.text or fields.get("text") or ""
        return cls(
            title=fields.get("title") or None,
            url=fields.get("url") or None,
            source=fields.get("source") or None,
            published=parse_published(fields.get("published")),
            text=body,
        )


def stored_metadata(article: Article) -> dict[str, Any]:
    return {
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": article.published,
        "text": article.text,
    }


def parse_published(value: Any) -> date | None:
    """The date of an ISO 8601 date or datetime; None when absent or not a date, because a
    missing date only leaves the article out of date-limited views."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().replace("Z", "+00:00")
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None


def as_result(result: ExtractionResult | Mapping[str, Any]) -> ExtractionResult:
    if isinstance(result, ExtractionResult):
        return result
    try:
        return ExtractionResult.model_validate(result)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "record"
        raise InvalidResultError(f"not an extraction result: {where}: {first['msg']}") from error


def content_hash(result: ExtractionResult, meta: ArticleMeta) -> str:
    record = result.as_record()
    record.pop("meta", None)  # timings and versions differ between runs of the same extraction
    payload = {"result": record, "article": {**meta.__dict__, "published": str(meta.published)}}
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def ingest_result(
    session: Session,
    resolver: Callable[[], ActorResolver],
    result: ExtractionResult | Mapping[str, Any],
    article: ArticleInput = None,
) -> IngestReport:
    """Store one result in ``session`` (the caller commits). ``resolver`` is called only when
    there is something to resolve, so re-ingesting unchanged articles loads no model."""
    parsed = as_result(result)
    stored = session.get(Article, parsed.id)
    # Without the input article, what was stored of it is kept: re-ingesting results alone
    # must not wipe the dates and texts an earlier ingest took from the corpus.
    if article is None and stored is not None:
        meta = ArticleMeta.of(stored_metadata(stored), parsed)
    else:
        meta = ArticleMeta.of(article, parsed)
    digest = content_hash(parsed, meta)
    if stored is not None and stored.content_hash == digest:
        return IngestReport(article_id=parsed.id, status="unchanged")
    status: IngestStatus = "new"
    touched = Touched()
    if stored is not None:
        status = "replaced"
        touched = forget_article(session, stored)
    row = write_article(session, parsed, meta, digest)
    created = assign_article(session, resolver(), row)
    touched.update(created)
    refresh(session, touched)
    return IngestReport(
        article_id=parsed.id,
        status=status,
        actors=len(parsed.actors),
        new_actors=len(created.new_actors),
        relationships=len(created.relationships),
    )


def forget_article(session: Session, article: Article) -> Touched:
    """Delete an article with everything it said; returns the canonical rows it fed, whose
    aggregates must be recomputed."""
    touched = Touched(
        actors=set(
            session.scalars(
                select(ArticleActor.actor_id).where(
                    ArticleActor.article_id == article.id, ArticleActor.actor_id.is_not(None)
                )
            )
        ),
        relationships=set(
            session.scalars(
                select(RelationshipEvidence.relationship_id).where(
                    RelationshipEvidence.article_id == article.id,
                    RelationshipEvidence.relationship_id.is_not(None),
                )
            )
        ),
    )
    for model in (RelationshipEvidence, CapabilityMention, ArticleActor):
        session.execute(delete(model).where(model.article_id == article.id))
    session.delete(article)
    session.flush()
    return touched


def write_article(
    session: Session, result: ExtractionResult, meta: ArticleMeta, digest: str
) -> Article:
    """The article's row and its verbatim statements, not yet resolved."""
    article = Article(
        id=result.id,
        title=meta.title,
        url=meta.url,
        source=meta.source,
        published=meta.published,
        text=meta.text,
        terms=list(result.terms),
        content_hash=digest,
        ingested_at=datetime.now(UTC),
    )
    session.add(article)
    session.add_all(
        ArticleActor(
            article_id=result.id,
            ref=actor.id,
            name=actor.name,
            type=actor.type,
            aliases=list(actor.aliases),
            mentions=[mention.model_dump() for mention in actor.mentions],
            attributes=dict(actor.attributes),
            confidence=actor.confidence,
        )
        for actor in result.actors
    )
    session.add_all(
        CapabilityMention(
            article_id=result.id,
            actor_ref=capability.actor,
            category=capability.category,
            market=capability.market,
            mentions=[mention.model_dump() for mention in capability.mentions],
            evidence=capability.evidence.text if capability.evidence else None,
            confidence=capability.confidence,
        )
        for capability in result.capabilities
    )
    session.add_all(
        RelationshipEvidence(
            article_id=result.id,
            type=relationship.type,
            source_ref=relationship.source,
            target_ref=relationship.target,
            sentence=relationship.evidence.text,
            start=relationship.evidence.start,
            end=relationship.evidence.end,
            confidence=relationship.confidence,
            attributes=dict(relationship.attributes),
        )
        for relationship in result.relationships
    )
    session.flush()
    return article
