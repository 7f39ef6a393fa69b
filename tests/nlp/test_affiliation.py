"""ie_nlp.nlp.affiliation: person -> organisation ``affiliation`` from titles."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from spacy.language import Language

from ie_nlp import ExtractionResult
from ie_nlp.nlp.records import RelationRecord
from ie_nlp.nlp.relations import CO_MENTION

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


def test_name_comma_organisation_title(rule_relations: Rules) -> None:
    found = affiliations(
        rule_relations,
        '"We are ready," said Jane Doe, Castellan Genomics\' Chief Executive Officer. '
        '"So are we," said John Roe, Beta Bio\'s Chief Medical Officer.',
    )
    assert [(s, t, attrs.get("role")) for s, t, attrs in found] == [
        ("Jane Doe", "Castellan Genomics", "Chief Executive Officer"),
        ("John Roe", "Beta Bio", "Chief Medical Officer"),
    ]


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


def test_a_titled_person_alone_works_for_the_organisation_the_article_is_about(
    rule_relations: Rules,
) -> None:
    # the sentence before names a regulator, but the release is about Cybin
    found = affiliations(
        rule_relations,
        "Cybin Inc. started a Phase 3 study. Cybin Inc. expects data in 2026. Cybin Inc. "
        "met the U.S. Food and Drug Administration in May. The U.S. Food and Drug "
        "Administration agreed to the design. CEO Doug Drysdale cited growing support.",
    )
    assert [(s, t) for s, t, _ in found] == [("Doug Drysdale", "Cybin Inc.")]


def proposals(nlp: Language, text: str) -> list[RelationRecord]:
    return nlp.get_pipe("ie_relations").propose(nlp(text))  # type: ignore[attr-defined,no-any-return]


def test_people_named_with_an_organisation_are_proposed_for_the_scorer(nlp: Language) -> None:
    text = "Jane Doe and John Roe of Acme Therapeutics discovered the protein in 2019."
    found = {
        (r.source.name, r.target.name): r for r in proposals(nlp, text) if r.type == "affiliation"
    }
    assert set(found) == {("Jane Doe", "Acme Therapeutics"), ("John Roe", "Acme Therapeutics")}
    # no rule states them: they have no confidence until the trained scorer gives one
    assert all(r.trigger == CO_MENTION and r.confidence == 0.0 for r in found.values())


def test_a_rule_proposal_wins_over_an_earlier_co_mention_of_the_pair(nlp: Language) -> None:
    text = f"Jane Doe visited Acme Therapeutics in May. {QUOTE}"
    found = [
        r for r in proposals(nlp, text) if r.type == "affiliation" and r.source.name == "Jane Doe"
    ]
    assert len(found) == 1
    assert found[0].trigger == "title"
    assert found[0].attributes == {"role": "Chief Executive Officer"}


def test_the_trained_scorer_keeps_a_person_of_an_organisation(extract: Extract) -> None:
    result = extract("John Roe of Acme Therapeutics presented the data at the meeting.")
    names = {a.id: a.name for a in result.actors}
    found = [
        (names[r.source], names[r.target], r.trigger)
        for r in result.relationships
        if r.type == "affiliation"
    ]
    assert found == [("John Roe", "Acme Therapeutics", CO_MENTION)]
