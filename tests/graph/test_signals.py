"""Signals on the hand-built ecosystem of tests/ecosystem_snapshot.py; every expected number was
counted by hand from the story told there."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date

import pytest

from ie_nlp.graph.params import RisingTermParams
from ie_nlp.graph.periods import period_of, periods_covering
from ie_nlp.graph.ranking import is_local
from ie_nlp.graph.signal_models import PeriodSignals, Signals
from ie_nlp.graph.signals import compute_signals
from ie_nlp.graph.snapshot import Snapshot
from ie_nlp.graph.terms import rising_terms


@pytest.fixture(scope="module")
def quarters(snapshot: Snapshot) -> list[PeriodSignals]:
    return compute_signals(snapshot, "quarter", region=["Basel"]).periods


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {key: value for key, value in counts.items() if value}


def test_periods_are_calendar_periods_without_gaps() -> None:
    assert period_of(date(2024, 11, 30), "quarter").label == "2024-Q4"
    assert period_of(date(2024, 2, 29), "month").end == date(2024, 2, 29)
    months = periods_covering([date(2024, 1, 31), None, date(2024, 4, 1)], "month")
    assert [p.label for p in months] == ["2024-01", "2024-02", "2024-03", "2024-04"]
    assert [p.label for p in periods_covering([date(2023, 12, 31), date(2024, 1, 1)], "year")] == [
        "2023",
        "2024",
    ]
    assert periods_covering([None], "year") == []


def test_deals_are_new_ties_by_type(quarters: list[PeriodSignals]) -> None:
    assert [p.label for p in quarters] == ["2024-Q1", "2024-Q2", "2024-Q3"]
    assert [p.articles for p in quarters] == [3, 3, 3]
    assert nonzero(quarters[0].deals) == {"licensing": 1, "research_collaboration": 1}
    # e2 is reported again in Q2 but is not a new deal there
    assert nonzero(quarters[1].deals) == {
        "acquisition": 1,
        "outsourcing": 1,
        "research_collaboration": 1,
        "spin_off": 1,
    }
    assert nonzero(quarters[2].deals) == {"investment": 1, "outsourcing": 1}
    assert "affiliation" not in quarters[0].deals and quarters[0].deals["merger"] == 0


def test_entrants_are_first_seen_in_the_period(quarters: list[PeriodSignals]) -> None:
    assert [{a.id for a in p.entrants} for p in quarters] == [
        {"a1", "b1", "a2", "u1"},
        {"b2", "c1", "b3"},
        {"i1"},
    ]


def test_capabilities_by_category_and_market(quarters: list[PeriodSignals]) -> None:
    assert nonzero(quarters[0].capabilities) == {"gene_therapy": 1, "cell_therapy": 1}
    assert nonzero(quarters[2].capabilities) == {"manufacturing_services": 1, "diagnostics": 1}
    assert [p.markets for p in quarters] == [
        {"main": 2, "complementary": 0},
        {"main": 1, "complementary": 1},
        {"main": 0, "complementary": 2},
    ]


def test_centrality_on_the_cumulative_graph(quarters: list[PeriodSignals]) -> None:
    # At the end of Q2 the partner graph is a tree; betweenness = pairs an actor separates
    # over C(6, 2) = 15: Novartis 11, ETH Zurich 9, Beta 5.
    assert [(a.id, a.score) for a in quarters[1].top_betweenness] == [
        ("a1", 0.733333),
        ("u1", 0.6),
        ("b2", 0.333333),
    ]
    assert quarters[0].top_betweenness == []
    # three actors with 3 partners at the end of Q3, tied, then by name
    assert [(a.name, a.score) for a in quarters[2].top_degree[:3]] == [
        ("ETH Zurich", 3.0),
        ("Gamma Cells", 3.0),
        ("Novartis", 3.0),
    ]


def test_magnets_order(quarters: list[PeriodSignals]) -> None:
    assert [(m.id, m.partners) for m in quarters[0].magnets] == [("a1", 1), ("a2", 1)]
    # Novartis: Alpha (licensee side), Beta (acquirer), ETH (collaboration); Lonza: two
    # clients; Delta and Roche one each, by name. ETH's spin-off and its collaborations with
    # pharma do not make it a magnet.
    assert [(m.id, m.partners, m.ties) for m in quarters[2].magnets] == [
        ("a1", 3, 3),
        ("c1", 2, 2),
        ("i1", 1, 1),
        ("a2", 1, 1),
    ]


def test_local_versus_external_share(quarters: list[PeriodSignals]) -> None:
    shares = [p.region for p in quarters]
    assert [(s.local_ties, s.external_ties, s.external_share) for s in shares if s] == [
        (2, 2, 1.0),
        (3, 1, 0.333333),
        (1, 1, 1.0),
    ]


def test_no_region_means_no_split(snapshot: Snapshot) -> None:
    signals = compute_signals(snapshot, "year")
    assert [p.region for p in signals.periods] == [None]
    assert [p.rising_terms for p in signals.periods] == [[]]


def test_locality_matches_whole_place_names() -> None:
    assert is_local(["Basel, Switzerland"], ["switzerland"])
    assert not is_local(["Baselland"], ["Basel"])
    assert not is_local([], ["Basel"])


def test_rising_term(quarters: list[PeriodSignals]) -> None:
    assert quarters[0].rising_terms == [] and quarters[1].rising_terms == []
    # "cell therapy" in 3 Q3 articles ("cell therapies" lemmatised) after 0 and 1 before:
    # (3 + 1) / (0.5 + 1); "biotech company", in every article, never rises
    assert [(t.term, t.count, t.expected, t.growth) for t in quarters[2].rising_terms] == [
        ("cell therapy", 3, 0.5, 2.667)
    ]


def test_rising_thresholds_and_corpus_growth() -> None:
    params = RisingTermParams(
        min_count=3,
        previous_periods=2,
        min_growth=2.0,
        top=5,
    )
    counts = [
        Counter({"old": 9}),
        Counter({"old": 1, "x": 2}),
        Counter({"x": 3, "old": 3}),
        Counter({"x": 6, "new": 5}),
    ]
    found = rising_terms(counts, [10, 10, 10, 40], params)
    # period 3: "x" expected 0.1 * 10 = 1, growth (3 + 1) / (1 + 1) = 2.0 reaches the bar;
    # "old" expected 5, 4 / 6 does not; period 2: "x" 2 is below min_count.
    # period 4 has four times the articles: "x" doubles its count but falls in rate
    # (expected 0.25 * 40 = 10, 7 / 11); "new" is new (6 / 1)
    assert [[t.term for t in period] for period in found] == [[], [], ["x"], ["new"]]
    assert rising_terms(counts[:2], [0, 10], params) == [[], []]


def test_signals_serialise_to_json(snapshot: Snapshot) -> None:
    signals = compute_signals(snapshot, "month", region=["Basel"])
    data = json.loads(signals.model_dump_json())
    assert data["period"] == "month" and data["region"] == ["Basel"]
    assert [p["label"] for p in data["periods"]][:2] == ["2024-01", "2024-02"]
    assert data["periods"][0]["start"] == "2024-01-01" and len(data["periods"]) == 9
    assert Signals.model_validate(data) == signals
