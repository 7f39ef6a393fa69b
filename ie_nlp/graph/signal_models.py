"""The typed result of ``ie-nlp signals`` and ``GET /v1/signals`` (pydantic, so it serialises
to JSON and documents itself in the OpenAPI schema)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from ie_nlp.graph.periods import PeriodUnit

__all__ = [
    "ActorRef",
    "Magnet",
    "PeriodSignals",
    "RankedActor",
    "RegionShare",
    "RisingTerm",
    "Signals",
]


class ActorRef(BaseModel):
    id: str = Field(description="Stable actor id (as in the graph exports).")
    name: str
    type: str | None = Field(description="Actor type of the contract, null when unknown.")


class RankedActor(ActorRef):
    score: float = Field(description="Distinct partners (degree) or normalised betweenness.")


class Magnet(ActorRef):
    partners: int = Field(
        description="Distinct biotech/university/research-institute partners that tie to this "
        "actor on its attracting side (see docs/ecosystem.md); the rank key."
    )
    ties: int = Field(description="Ties counted, several per partner possible; tie-breaker.")


class RegionShare(BaseModel):
    local_ties: int = Field(description="New ties of the period with at least one local end.")
    external_ties: int = Field(description="Of those, ties whose other end is not local.")
    external_share: float | None = Field(
        description="external_ties / local_ties; null when there is no local tie."
    )


class RisingTerm(BaseModel):
    term: str
    count: int = Field(description="Articles of the period that use the term.")
    expected: float = Field(
        description="Articles expected to use it at its rate in the previous periods."
    )
    growth: float = Field(description="(count + 1) / (expected + 1).")


class PeriodSignals(BaseModel):
    label: str = Field(description="2024-03 (month), 2024-Q1 (quarter) or 2024 (year).")
    start: date
    end: date = Field(description="Last day of the period (inclusive).")
    articles: int = Field(description="Articles published in the period.")
    deals: dict[str, int] = Field(
        description="New ties of the period (first reported in it) by relationship type, "
        "affiliations excluded."
    )
    entrants: list[ActorRef] = Field(description="Actors first seen in the period.")
    capabilities: dict[str, int] = Field(description="Capability mentions by category.")
    markets: dict[str, int] = Field(description="Capability mentions by market.")
    top_degree: list[RankedActor] = Field(
        description="Most-connected actors in the cumulative graph up to the period's end."
    )
    top_betweenness: list[RankedActor] = Field(
        description="Best brokers (betweenness) in the cumulative graph up to the period's end."
    )
    magnets: list[Magnet] = Field(
        description="Actors most tied to biotechs, universities and research institutes, in "
        "the cumulative graph up to the period's end."
    )
    region: RegionShare | None = Field(description="Null when no region is configured.")
    rising_terms: list[RisingTerm]


class Signals(BaseModel):
    period: PeriodUnit
    region: list[str] = Field(description="The place names that define 'local'.")
    periods: list[PeriodSignals]
