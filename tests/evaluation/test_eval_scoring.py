"""Scoring against gold annotations: matching rules and micro-averaged figures."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from ie_nlp.evaluation import (
    Annotation,
    Counts,
    annotation_from_gold,
    annotation_from_system,
    evaluate,
    match_actors,
    score_article,
)
from ie_nlp.schema import ExtractionResult


def gold(
    actors: Sequence[Any], caps: Sequence[Any] = (), rels: Sequence[Any] = (), id: str = "a"
) -> Annotation:
    return annotation_from_gold(
        {"id": id, "actors": list(actors), "capabilities": list(caps), "relationships": list(rels)}
    )


def system(
    actors: Sequence[Any], caps: Sequence[Any] = (), rels: Sequence[Any] = (), id: str = "a"
) -> Annotation:
    return annotation_from_system(
        {"id": id, "actors": list(actors), "capabilities": list(caps), "relationships": list(rels)}
    )


def ga(name: str, type: str = "biotech", aliases: list[str] | None = None) -> dict[str, Any]:
    return {"name": name, "type": type, "aliases": aliases or []}


def sa(
    id: str, name: str, type: str = "biotech", aliases: list[str] | None = None
) -> dict[str, Any]:
    return {"id": id, "name": name, "type": type, "aliases": aliases or []}


def rel(kind: str, source: str, target: str) -> dict[str, Any]:
    return {"type": kind, "source": source, "target": target}


def counts(c: Counts) -> tuple[int, int, int]:
    return (c.tp, c.fp, c.fn)


# --- actors ---------------------------------------------------------------------------------


def test_actor_match_ignores_case_punctuation_and_suffixes() -> None:
    score = score_article(
        system([sa("s1", "NOVARTIS A.G."), sa("s2", "moderna inc")]),
        gold([ga("Novartis"), ga("Moderna, Inc.")]),
    )
    assert counts(score.overall["actors"]) == (2, 0, 0)


def test_actor_match_through_aliases_on_either_side() -> None:
    score = score_article(
        system([sa("s1", "MSD"), sa("s2", "Genmab", aliases=["Genmab A/S"])]),
        gold([ga("Merck & Co.", aliases=["MSD", "Merck"]), ga("Genmab A/S")]),
    )
    assert score.matching.system_to_gold == {"s1": "#0", "s2": "#1"}


def test_merck_and_co_does_not_match_merck_kgaa() -> None:
    score = score_article(
        system([sa("s1", "Merck KGaA", "large_pharma")]),
        gold([ga("Merck & Co.", "large_pharma", aliases=["MSD"])]),
    )
    assert counts(score.overall["actors"]) == (0, 1, 1)


def test_matching_is_one_to_one_and_deterministic() -> None:
    # Both system actors could match the one gold actor: the first listed wins, the other is a FP.
    score = score_article(
        system([sa("s1", "Pfizer Inc."), sa("s2", "Pfizer")]), gold([ga("Pfizer")])
    )
    assert score.matching.system_to_gold == {"s1": "#0"}
    assert counts(score.overall["actors"]) == (1, 1, 0)


def test_greedy_matching_prefers_more_shared_keys() -> None:
    # s1 shares one key with each gold actor, s2 shares two with #1: s2 → #1 first, then s1 → #0.
    gold_actors = [ga("Acme Bio", aliases=["Acme"]), ga("Acme Pharma", aliases=["Acme", "AP"])]
    system_actors = [sa("s1", "Acme"), sa("s2", "AP", aliases=["Acme Pharma"])]
    assert match_actors(system(system_actors).actors, gold(gold_actors).actors).system_to_gold == {
        "s2": "#1",
        "s1": "#0",
    }


def test_typed_actors_need_the_same_type() -> None:
    score = score_article(
        system([sa("s1", "Lonza", "service_provider"), sa("s2", "AveXis", "large_pharma")]),
        gold([ga("Lonza", "service_provider"), ga("AveXis", "biotech")]),
    )
    assert counts(score.overall["actors"]) == (2, 0, 0)
    assert counts(score.overall["typed_actors"]) == (1, 1, 1)
    assert counts(score.actor_types["service_provider"]) == (1, 0, 0)
    assert counts(score.actor_types["large_pharma"]) == (0, 1, 0)
    assert counts(score.actor_types["biotech"]) == (0, 0, 1)


# --- capabilities ---------------------------------------------------------------------------


def test_capability_null_matches_null_and_actor_goes_through_the_matching() -> None:
    g = gold(
        [ga("AveXis")],
        [{"category": "gene_therapy", "actor": "AveXis"}, {"category": "vaccines", "actor": None}],
    )
    s = system(
        [sa("s1", "AveXis Inc"), sa("s2", "Unknown Bio")],
        [
            {"category": "gene_therapy", "actor": "s1"},
            {"category": "gene_therapy", "actor": "s1"},  # duplicate: counted once
            {"category": "vaccines", "actor": None},
            {"category": "cell_therapy", "actor": "s2"},  # unmatched actor: cannot match
        ],
    )
    assert counts(score_article(s, g).overall["capabilities"]) == (2, 1, 0)


def test_capability_with_an_actor_does_not_match_a_null_one() -> None:
    g = gold([ga("AveXis")], [{"category": "vaccines", "actor": None}])
    s = system([sa("s1", "AveXis")], [{"category": "vaccines", "actor": "s1"}])
    score = score_article(s, g)
    assert counts(score.overall["capabilities"]) == (0, 1, 1)
    assert counts(score.capability_categories["vaccines"]) == (0, 1, 1)


# --- relationships --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "reversed_matches"),
    [("acquisition", False), ("licensing", False), ("merger", True), ("partnership", True)],
)
def test_reversed_relationship_matches_only_when_undirected(
    kind: str, reversed_matches: bool
) -> None:
    g = gold([ga("Novartis"), ga("AveXis")], rels=[rel(kind, "Novartis", "AveXis")])
    forward = system([sa("n", "Novartis AG"), sa("x", "AveXis")], rels=[rel(kind, "n", "x")])
    backward = system([sa("n", "Novartis AG"), sa("x", "AveXis")], rels=[rel(kind, "x", "n")])
    assert counts(score_article(forward, g).overall["relationships"]) == (1, 0, 0)
    expected = (1, 0, 0) if reversed_matches else (0, 1, 1)
    assert counts(score_article(backward, g).overall["relationships"]) == expected


def test_relationship_with_an_unmatched_actor_fails_and_duplicates_count_once() -> None:
    g = gold([ga("Novartis"), ga("AveXis")], rels=[rel("acquisition", "Novartis", "AveXis")])
    s = system(
        [sa("n", "Novartis"), sa("x", "AveXis"), sa("z", "Zeta")],
        rels=[rel("acquisition", "n", "x"), rel("acquisition", "n", "x"), rel("supply", "z", "x")],
    )
    score = score_article(s, g)
    assert counts(score.overall["relationships"]) == (1, 1, 0)
    assert counts(score.relationship_types["supply"]) == (0, 1, 0)


def test_gold_references_resolve_through_aliases_and_suffixes() -> None:
    g = gold(
        [ga("Merck & Co.", "large_pharma", ["MSD"]), ga("Moderna")],
        caps=[{"category": "vaccines", "actor": "MSD"}],
        rels=[rel("research_collaboration", "Merck & Co., Inc.", "Moderna Inc.")],
    )
    assert g.capabilities[0].actor == "#0"
    assert (g.relationships[0].source, g.relationships[0].target) == ("#0", "#1")


@pytest.mark.parametrize(
    ("actors", "message"),
    [
        ([ga("Acme")], "not the name or alias"),
        ([ga("Novartis"), ga("Novartis AG")], "ambiguous between actors 'Novartis', 'Novartis AG'"),
    ],
)
def test_bad_gold_references_are_errors(actors: list[Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        gold(actors, caps=[{"category": "vaccines", "actor": "NOVARTIS A.G."}])


def test_bad_system_references_are_errors() -> None:
    with pytest.raises(ValueError, match="unknown actor id 'x'"):
        system([sa("n", "Novartis")], rels=[rel("merger", "n", "x")])
    with pytest.raises(ValueError, match="unknown relationship type 'alliance'"):
        system([sa("n", "Novartis")], rels=[rel("alliance", "n", "n")])


# --- micro averaging over articles ----------------------------------------------------------

GOLD_A1 = gold(
    [
        ga("Novartis", "large_pharma", ["Novartis AG"]),
        ga("AveXis", "biotech"),
        ga("Merck & Co.", "large_pharma", ["MSD", "Merck"]),
        ga("Jane Doe", "person"),
    ],
    [
        {"category": "gene_therapy", "actor": "AveXis"},
        {"category": "gene_therapy", "actor": "Novartis"},
        {"category": "vaccines", "actor": None},
    ],
    [
        rel("acquisition", "Novartis", "AveXis"),
        rel("research_collaboration", "Novartis", "AveXis"),
        rel("affiliation", "Jane Doe", "AveXis"),
    ],
    id="a1",
)
SYSTEM_A1 = {
    "id": "a1",
    "actors": [
        sa("s1", "NOVARTIS A.G.", "large_pharma"),
        sa("s2", "Avexis, Inc.", "large_pharma"),
        sa("s3", "Merck KGaA", "large_pharma"),
        sa("s4", "Jane Doe", "person"),
    ],
    "capabilities": [
        {"category": "gene_therapy", "actor": "s2"},
        {"category": "gene_therapy", "actor": "s1"},
        {"category": "vaccines", "actor": None},
        {"category": "small_molecules", "actor": "s3"},
        {"category": "gene_therapy", "actor": "s2"},
    ],
    "relationships": [
        rel("acquisition", "s2", "s1"),
        rel("research_collaboration", "s2", "s1"),
        rel("affiliation", "s4", "s2"),
        rel("partnership", "s1", "s3"),
    ],
}
GOLD_A2 = gold(
    [ga("BioNTech SE", "biotech", ["BioNTech"]), ga("Pfizer", "large_pharma")],
    [
        {"category": "vaccines", "actor": "BioNTech SE"},
        {"category": "nucleic_acid_therapeutics", "actor": None},
    ],
    [rel("partnership", "BioNTech SE", "Pfizer")],
    id="a2",
)
SYSTEM_A2 = {
    "id": "a2",
    "actors": [
        sa("t1", "Biontech", "biotech"),
        sa("t2", "Pfizer Inc.", "large_pharma"),
        sa("t3", "Pfizer", "large_pharma"),
    ],
    "capabilities": [
        {"category": "vaccines", "actor": "t1"},
        {"category": "nucleic_acid_therapeutics", "actor": "t1"},
    ],
    "relationships": [rel("partnership", "t2", "t1"), rel("licensing", "t1", "t3")],
}
GOLD_A3 = gold(
    [ga("Lonza", "service_provider")],
    [{"category": "manufacturing_services", "actor": "Lonza"}],
    id="a3",
)
SYSTEM_A4 = {"id": "a4", "actors": [sa("u", "Roche", "large_pharma")]}


def test_micro_averages_over_articles() -> None:
    report = evaluate([GOLD_A1, GOLD_A2, GOLD_A3], [SYSTEM_A1, SYSTEM_A2, SYSTEM_A4])
    assert report.missing_in_system == ["a3"]
    assert report.not_in_gold == ["a4"]

    per_article = {s.id: {m: counts(c) for m, c in s.overall.items()} for s in report.articles}
    assert per_article["a1"] == {
        "actors": (3, 1, 1),
        "typed_actors": (2, 2, 2),
        "capabilities": (3, 1, 0),
        "relationships": (2, 2, 1),
    }
    assert per_article["a2"] == {
        "actors": (2, 1, 0),
        "typed_actors": (2, 1, 0),
        "capabilities": (1, 1, 1),
        "relationships": (1, 1, 0),
    }
    assert per_article["a3"] == {
        "actors": (0, 0, 1),
        "typed_actors": (0, 0, 1),
        "capabilities": (0, 0, 1),
        "relationships": (0, 0, 0),
    }

    overall = report.overall
    assert counts(overall["actors"]) == (5, 2, 2)
    assert overall["actors"].precision == pytest.approx(5 / 7)
    assert overall["actors"].recall == pytest.approx(5 / 7)
    assert overall["actors"].f1 == pytest.approx(5 / 7)
    assert counts(overall["typed_actors"]) == (4, 3, 3)
    assert overall["typed_actors"].f1 == pytest.approx(4 / 7)
    assert counts(overall["capabilities"]) == (4, 2, 2)
    assert overall["capabilities"].precision == pytest.approx(2 / 3)
    assert counts(overall["relationships"]) == (3, 3, 1)
    assert overall["relationships"].precision == pytest.approx(0.5)
    assert overall["relationships"].recall == pytest.approx(0.75)
    assert overall["relationships"].f1 == pytest.approx(0.6)


def test_per_type_figures() -> None:
    report = evaluate([GOLD_A1, GOLD_A2, GOLD_A3], [SYSTEM_A1, SYSTEM_A2, SYSTEM_A4])
    assert {k: counts(v) for k, v in report.actor_types.items()} == {
        "biotech": (1, 0, 1),
        "large_pharma": (2, 3, 1),
        "person": (1, 0, 0),
        "service_provider": (0, 0, 1),
    }
    assert {k: counts(v) for k, v in report.capability_categories.items()} == {
        "gene_therapy": (2, 0, 0),
        "manufacturing_services": (0, 0, 1),
        "nucleic_acid_therapeutics": (0, 1, 1),
        "small_molecules": (0, 1, 0),
        "vaccines": (2, 0, 0),
    }
    assert {k: counts(v) for k, v in report.relationship_types.items()} == {
        "acquisition": (0, 1, 1),
        "affiliation": (1, 0, 0),
        "licensing": (0, 1, 0),
        "partnership": (1, 1, 0),
        "research_collaboration": (1, 0, 0),
    }
    # The per-label counts add up to the overall ones.
    assert counts(report.relationship_types.total()) == counts(report.overall["relationships"])
    assert counts(report.actor_types.total()) == counts(report.overall["typed_actors"])

    as_json = report.as_dict()
    assert as_json["overall"]["relationships"] == {
        "tp": 3,
        "fp": 3,
        "fn": 1,
        "precision": 0.5,
        "recall": 0.75,
        "f1": 0.6,
    }
    assert as_json["articles"]["missing_in_system"] == 1
    assert "partnership" in report.format_table()


def test_system_side_accepts_extraction_result_models() -> None:
    result = ExtractionResult.model_validate(
        {
            "id": "a3",
            "actors": [{"id": "l", "name": "Lonza Group Ltd", "type": "service_provider"}],
        }
    )
    report = evaluate([GOLD_A3], [result])
    # "Lonza Group" keeps "Group": not the same actor as "Lonza".
    assert counts(report.overall["actors"]) == (0, 1, 1)


def test_empty_system_scores_zero_without_dividing_by_zero() -> None:
    report = evaluate([GOLD_A3], {})
    assert report.overall["actors"].precision == 0.0
    assert report.overall["relationships"].f1 == 0.0
