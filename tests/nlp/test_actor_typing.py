"""ie_nlp.nlp.actor_typing: actor types from the gazetteer, the article's description of an
actor, cue words in its name, and the trained classifier for the rest."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.language import Language

from ie_nlp import ExtractionResult
from ie_nlp.nlp.actor_typing import description_of, type_from_description, type_from_name
from ie_nlp.nlp.lexicons import get_lexicons
from ie_nlp.schema import Actor
from ie_nlp.taxonomy import ACTOR_TYPES

Extract = Callable[..., ExtractionResult]


def actor(result: ExtractionResult, name: str) -> Actor:
    found = [a for a in result.actors if a.name == name]
    assert len(found) == 1, [a.name for a in result.actors]
    return found[0]


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("a clinical-stage biotechnology company", "biotech"),
        ("a clinical - stage biotechnology company", "biotech"),
        ("a global cdmo", "service_provider"),
        ("a venture capital firm", "investor"),
        ("a nice place to work", None),
    ],
)
def test_type_from_description(description: str, expected: str | None) -> None:
    assert type_from_description(description, get_lexicons()) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Acme Therapeutics", "biotech"),
        ("Basel University", "university"),
        ("Alpine Ventures", "investor"),
        ("Max Planck Institute", "research_institute"),
        ("Foo", None),
    ],
)
def test_type_from_name(name: str, expected: str | None) -> None:
    assert type_from_name(name, get_lexicons()) == expected


def test_description_of_reads_an_apposition(nlp: Language) -> None:
    doc = nlp("Rhine Biologics, a global CDMO, will manufacture the antibody.")
    mention = next(ent for ent in doc.ents if ent.text == "Rhine Biologics")
    description = description_of(mention, get_lexicons())
    assert description is not None and "cdmo" in description


def test_description_of_is_none_without_a_description(nlp: Language) -> None:
    doc = nlp("Rhine Biologics will manufacture the antibody.")
    mention = next(ent for ent in doc.ents if ent.text == "Rhine Biologics")
    assert description_of(mention, get_lexicons()) is None


def test_the_articles_description_types_an_actor(extract: Extract) -> None:
    result = extract(
        "Acme Therapeutics, a clinical-stage biotechnology company, raised $40 "
        "million in a Series B financing led by Alpine Ventures."
    )
    acme = actor(result, "Acme Therapeutics")
    assert acme.type == "biotech"
    assert acme.attributes.get("type_source") == "description"
    assert "biotechnology" in acme.attributes.get("description", "")


def test_the_description_beats_a_cue_word_in_the_name(extract: Extract) -> None:
    result = extract("Rhine Biologics, a global CDMO, will manufacture the antibody.")
    assert actor(result, "Rhine Biologics").type == "service_provider"


def test_a_name_cue_types_an_investor(extract: Extract) -> None:
    # a bare "Basel Biotech Ventures led the round." gives the actor filter too little to go on
    result = extract(
        "Acme Therapeutics raised $20 million in a Series A financing led by Basel Biotech "
        "Ventures."
    )
    investor = actor(result, "Basel Biotech Ventures")
    assert investor.type == "investor" and investor.attributes["type_source"] == "name"


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Pfizer acquired Seagen for $43 billion.", "Pfizer", "large_pharma"),
        (
            "Acme Therapeutics received approval from the European Medicines Agency.",
            "European Medicines Agency",
            "public_body",
        ),
        (
            "Acme Therapeutics and the University of Basel signed an agreement.",
            "University of Basel",
            "university",
        ),
    ],
)
def test_the_gazetteer_types_known_organisations(
    extract: Extract, text: str, name: str, expected: str
) -> None:
    assert actor(extract(text), name).type == expected


def test_a_named_person_is_a_person(extract: Extract) -> None:
    result = extract(
        '"We are pleased," said Jane Doe, Chief Executive Officer of Acme Therapeutics.'
    )
    assert actor(result, "Jane Doe").type == "person"
    assert actor(result, "Acme Therapeutics").type != "person"


def test_every_actor_gets_a_taxonomy_type_and_a_confidence(extract: Extract) -> None:
    result = extract(
        "Zentrix, Lumora and Halvane announced a deal with Ostrava Holdings, said "
        "Jane Doe of Pellucid."
    )
    for found in result.actors:
        assert found.type in ACTOR_TYPES
        assert 0.0 <= found.confidence <= 1.0
