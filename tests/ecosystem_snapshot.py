"""The ``snapshot`` fixture: a small hand-built ecosystem whose signals were counted by hand
(see tests/graph/test_signals.py). A plugin of tests/conftest.py, so that the graph tests and
the ``ie-nlp graph``, ``signals`` and ``report`` tests (tests/cli) share it.

Quarters of 2024, region "Basel":

* Q1: Alpha Bio licenses to Novartis (e1); Roche and ETH Zurich collaborate (e2, reported
  again in Q2).
* Q2: Novartis acquires Beta Therapeutics (e3); Beta outsources to Lonza (e4); Novartis and
  ETH Zurich collaborate (e5); ETH Zurich spins off Gamma Cells (e6).
* Q3: Delta Ventures invests in Gamma Cells (e7); Gamma outsources to Lonza (e8).
"""

from __future__ import annotations

from datetime import date

import pytest

from ie_nlp.graph.snapshot import (
    ActorNode,
    CapabilityObservation,
    Edge,
    EdgeObservation,
    Snapshot,
)

DIRECTED = {
    "licensing": True,
    "research_collaboration": False,
    "acquisition": True,
    "outsourcing": True,
    "spin_off": True,
    "investment": True,
}


def actor(id_: str, name: str, type_: str, locations: tuple[str, ...], first: date) -> ActorNode:
    return ActorNode(
        id=id_,
        name=name,
        type=type_,
        aliases=(f"{name} AG",) if type_ == "large_pharma" else (),
        locations=locations,
        first_seen=first,
        last_seen=first,
        articles=1,
    )


def edge(id_: str, type_: str, source: str, target: str, *days: date, **attributes: object) -> Edge:
    observations = tuple(
        EdgeObservation(f"art-{day.isoformat()}", day, 0.5 + index / 10, "evidence")
        for index, day in enumerate(days)
    )
    return Edge(id_, type_, source, target, DIRECTED[type_], observations, dict(attributes))


def article(day: date, terms: frozenset[str]) -> tuple[str, date, frozenset[str]]:
    return (f"art-{day.isoformat()}", day, terms)


# the terms ie_terms finds in "The biotech company reported strong quarterly results." and,
# with CELL, also in "Cell therapy is growing." or "Two cell therapies were approved."
FILLER = frozenset({"biotech company", "strong quarterly result"})
CELL = FILLER | {"cell therapy"}


def build_snapshot() -> Snapshot:
    d = date
    actors = (
        actor("a1", "Novartis", "large_pharma", ("Basel", "Switzerland"), d(2024, 1, 10)),
        actor("a2", "Roche", "large_pharma", ("Basel, Switzerland",), d(2024, 2, 5)),
        actor("b1", "Alpha Bio", "biotech", ("Boston",), d(2024, 1, 10)),
        actor("b2", "Beta Therapeutics", "biotech", ("basel",), d(2024, 4, 15)),
        actor("b3", "Gamma Cells", "biotech", (), d(2024, 5, 20)),
        actor("u1", "ETH Zurich", "university", ("Zurich", "Switzerland"), d(2024, 2, 5)),
        actor("i1", "Delta Ventures", "investor", ("London",), d(2024, 7, 1)),
        actor("c1", "Lonza", "service_provider", ("Basel",), d(2024, 4, 15)),
    )
    edges = (
        edge("e1", "licensing", "b1", "a1", d(2024, 1, 10), amount=215000000, currency="USD"),
        edge("e2", "research_collaboration", "a2", "u1", d(2024, 2, 5), d(2024, 5, 1)),
        edge(
            "e3",
            "acquisition",
            "a1",
            "b2",
            d(2024, 4, 15),
            amount=1.2e9,
            currency="USD",
            price_per_share=21.5,
            status="completed",
            date="2024-04-15",
            status_history=("announced:2024-01-08", "completed:2024-04-15"),
        ),
        edge("e4", "outsourcing", "b2", "c1", d(2024, 4, 15)),
        edge("e5", "research_collaboration", "a1", "u1", d(2024, 5, 20)),
        edge("e6", "spin_off", "u1", "b3", d(2024, 5, 20)),
        edge("e7", "investment", "i1", "b3", d(2024, 7, 1), round="seed"),
        edge("e8", "outsourcing", "b3", "c1", d(2024, 8, 10)),
    )

    def mention(day: date, category: str, market: str, holder: str | None) -> CapabilityObservation:
        return CapabilityObservation(f"art-{day.isoformat()}", day, category, market, holder)

    capabilities = (
        mention(d(2024, 1, 10), "gene_therapy", "main", "b1"),
        mention(d(2024, 2, 5), "cell_therapy", "main", "u1"),
        mention(d(2024, 4, 15), "manufacturing_services", "complementary", "c1"),
        mention(d(2024, 5, 20), "cell_therapy", "main", "b3"),
        mention(d(2024, 8, 10), "manufacturing_services", "complementary", "c1"),
        mention(d(2024, 8, 10), "diagnostics", "complementary", None),
    )
    # "biotech company" is in every article (steady, never rising); "cell therapy" is in one Q2
    # article and all three Q3 articles (rising in Q3 only).
    articles = (
        article(d(2024, 1, 10), FILLER),
        article(d(2024, 2, 5), FILLER),
        article(d(2024, 3, 1), FILLER),
        article(d(2024, 4, 15), FILLER),
        article(d(2024, 5, 1), FILLER),
        article(d(2024, 5, 20), CELL),
        article(d(2024, 7, 1), CELL),
        article(d(2024, 8, 10), CELL),
        article(d(2024, 9, 5), CELL),
    )
    return Snapshot(actors, edges, capabilities, articles)


@pytest.fixture(scope="session")
def snapshot() -> Snapshot:
    return build_snapshot()
