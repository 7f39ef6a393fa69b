"""What the store's queries return: plain Pydantic records, also the API's response bodies, so
the library, the CLI and the service describe an actor or a tie the same way."""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, Field

from ie_nlp.graph.deal_status import StatusChange

T = TypeVar("T")

IngestStatus = Literal["new", "unchanged", "replaced"]


class IngestReport(BaseModel):
    """What storing one extraction result did."""

    article_id: str
    status: IngestStatus = Field(
        description="new: first time stored; unchanged: same content as stored, nothing "
        "written; replaced: the article's earlier rows were replaced by this result."
    )
    actors: int = Field(0, description="Actors of the article (before resolution).")
    new_actors: int = Field(0, description="Canonical actors created by this article.")
    relationships: int = Field(0, description="Aggregated relationships the article touched.")


class Page(BaseModel, Generic[T]):
    """One page of a longer list: ``total`` counts every match, ``items`` this page."""

    items: list[T]
    total: int = Field(description="Matches in all pages.")
    limit: int
    offset: int


class ActorRef(BaseModel):
    """A canonical actor named inside another record."""

    id: str = Field(description="Stable canonical actor id (same id across articles and runs).")
    name: str
    type: str | None = Field(description="Actor type (CONTRACT.md); null when unknown.")


class ActorSummary(ActorRef):
    """An actor in a list."""

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "id": "novartis",
                    "name": "Novartis",
                    "type": "large_pharma",
                    "articles": 12,
                    "first_seen": "2024-02-18",
                    "last_seen": "2026-01-09",
                }
            ]
        }
    }

    articles: int = Field(description="Stored articles that name the actor.")
    first_seen: date | None = Field(description="Earliest publication date of those articles.")
    last_seen: date | None = Field(description="Latest publication date of those articles.")


class Alias(BaseModel):
    alias: str = Field(description="A name the actor was reported under.")
    reason: str = Field(description="Why the resolver joined this name to the actor.")


class CapabilityCount(BaseModel):
    category: str = Field(description="Capability category (CONTRACT.md).")
    market: str
    mentions: int = Field(description="Capability mentions attributed to the actor.")
    articles: int = Field(description="Articles those mentions come from.")


class Evidence(BaseModel):
    """One article's statement of a relationship."""

    article_id: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    sentence: str = Field(description="The sentence that states the relationship.")
    start: int
    end: int
    confidence: float
    attributes: dict[str, Any] = Field(
        default_factory=dict, description="Deal terms: amount, currency, round, date …"
    )


class RelationshipView(BaseModel):
    """A relationship aggregated over every article that reports it."""

    id: str = Field(description="Identifier of the aggregated relationship.")
    type: str = Field(description="Relationship type (CONTRACT.md).")
    directed: bool = Field(description="False for merger, research_collaboration, partnership.")
    source: ActorRef
    target: ActorRef
    confidence: float = Field(description="Best confidence among the evidence.")
    sources: int = Field(description="Articles that report it.")
    first_seen: date | None
    last_seen: date | None
    status: str | None = Field(
        None,
        description="The deal's latest status (announced, completed, terminated, extended) "
        "over every article that reports it; null when none states one.",
    )
    status_history: list[StatusChange] = Field(
        default_factory=list,
        description="Every change of status, oldest first, with its date and the article "
        "that reported it (announced → completed).",
    )
    evidence: list[Evidence]


class ActorProfile(ActorSummary):
    """Everything the store knows about one actor."""

    aliases: list[Alias]
    capabilities: list[CapabilityCount]
    relationships: list[RelationshipView]
