"""ie_nlp.nlp.affiliation: person -> organisation ``affiliation`` from titles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ie_nlp import ExtractionResult

Rules = Callable[[str], list[tuple[str, str, str, dict[str, Any]]]]
Extract = Callable[..., ExtractionResult]

QUOTE = '"We are pleased," said Jane Doe, Chief Executive Officer of Acme Therapeutics.'


def affiliations(rule_relations: Rules, text: str) -> list[tuple[str, str, dict[str, Any]]]:
    return [(s, t, attrs) for kind, s, t, attrs in rule_relations(text) if kind == "affiliation"]


def test_said_name_title_of_organisation(rule_relations: Rules) -> None:
    found = affiliations(rule_relations, QUOTE)
    assert found == [("Jane Doe", "Acme Therapeutics", {"role": "Chief Executive Officer"})]


def test_organisation_title_name(rule_relations: Rules) -> None:
    found = affiliations(
        rule_relations, "Acme Therapeutics CEO Jane Doe said the data were encouraging."
    )
    assert found == [("Jane Doe", "Acme Therapeutics", {"role": "CEO"})]


def test_name_comma_title_at_organisation(rule_relations: Rules) -> None:
    found = affiliations(
        rule_relations, "Jane Doe, Chief Medical Officer at Acme Therapeutics, presented the data."
    )
    assert [(s, t) for s, t, _ in found] == [("Jane Doe", "Acme Therapeutics")]
    assert found[0][2].get("role") == "Chief Medical Officer"


def test_no_title_no_affiliation(rule_relations: Rules) -> None:
    text = '"We are pleased," said Jane Doe. Acme Therapeutics expects data next year.'
    assert affiliations(rule_relations, text) == []


def test_affiliation_survives_the_whole_pipeline_person_to_organisation(
    extract: Extract,
) -> None:
    result = extract(QUOTE)
    names = {a.id: a.name for a in result.actors}
    found = [r for r in result.relationships if r.type == "affiliation"]
    assert [(names[r.source], names[r.target]) for r in found] == [
        ("Jane Doe", "Acme Therapeutics")
    ]
    assert found[0].attributes.get("role") == "Chief Executive Officer"
    assert found[0].evidence.text == QUOTE


def test_a_degree_before_the_title_is_not_a_person(rule_relations: Rules) -> None:
    found = affiliations(
        rule_relations,
        '"The data are strong," said Charles D. Smith, Ph.D. Founder and CEO of Apogee '
        "Biotechnology Corp.",
    )
    assert [(s, t) for s, t, _ in found] == [("Charles D. Smith", "Apogee Biotechnology Corp")]


def test_its_title_before_an_honorific_works_for_the_article_organisation(
    extract: Extract,
) -> None:
    result = extract(
        "Oncotelic Therapeutics develops cancer drugs. Oncotelic benefits from the inventions "
        "created by its CEO, Dr. Vuong Trieu, who has filed 150 patent applications."
    )
    names = {actor.id: actor.name for actor in result.actors}
    pairs = [
        (names[r.source], names[r.target]) for r in result.relationships if r.type == "affiliation"
    ]
    assert ("Vuong Trieu", "Oncotelic Therapeutics") in pairs
