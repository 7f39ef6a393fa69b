"""ie_nlp.nlp.actor_typing: actor types from the gazetteer, the article's description of an
actor, cue words in its name, and the trained classifier, which takes the last two as features
and types every organisation the gazetteer does not know."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from spacy.language import Language

from ie_nlp import ExtractionResult
from ie_nlp.errors import ModelLoadError
from ie_nlp.nlp.actor_typing import (
    assign_rule_types,
    description_of,
    type_from_description,
    type_from_name,
)
from ie_nlp.nlp.lexicons import get_lexicons
from ie_nlp.nlp.models.actor_features import actor_features, lower_case_share
from ie_nlp.nlp.models.actor_type_model import OVERRIDE_GRID, ActorTypeModel, type_features
from ie_nlp.nlp.records import ActorRecord
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


def test_a_rule_type_is_a_feature_of_the_classifier(nlp: Language) -> None:
    doc = nlp("Acme Therapeutics raised $20 million in a round led by Basel Biotech Ventures.")
    found = next(a for a in doc._.ie_actors if a.name == "Basel Biotech Ventures")
    by_name = actor_features(replace(found, type="investor", type_source="name"))
    assert by_name["rule_type=investor"] == 1.0 and by_name["rule=name:investor"] == 1.0
    unruled = actor_features(replace(found, type="other_org", type_source="default"))
    assert not any(key.startswith("rule") for key in unruled)


def test_the_share_of_a_name_the_article_writes_in_lower_case_is_a_feature(
    nlp: Language,
) -> None:
    doc = nlp(
        "Merck Begins Tender Offer for Immune Design\n\nMerck began the tender offer today, "
        "said Jane Doe of Acme Therapeutics. Acme makes therapeutics and offers design work."
    )
    assert lower_case_share(["tender", "offer"], doc) == 1.0
    assert lower_case_share(["jane", "doe"], doc) == 0.0
    assert lower_case_share(["acme", "therapeutics"], doc) == 0.5
    assert lower_case_share(["of", "the"], doc) == 0.0  # stop words say nothing
    found = {a.name: a for a in doc._.ie_actors}
    assert actor_features(found["Jane Doe"])["lower_case_share"] == 0.0
    # an organisation's words are often the text's words too: no evidence for organisations
    assert "lower_case_share" not in actor_features(found["Acme Therapeutics"])


def _always(
    type_id: str, other: str, actors: list[ActorRecord], threshold: float
) -> ActorTypeModel:
    """A real classifier fitted to call the first actor ``type_id`` and the rest ``other``."""
    pipeline = make_pipeline(DictVectorizer(), LogisticRegression(C=100.0))
    pipeline.fit([type_features(a) for a in actors], [type_id] + [other] * (len(actors) - 1))
    return ActorTypeModel(pipeline, {"override_threshold": threshold})


def _typed_by(
    nlp: Language,
    text: str,
    first: str,
    others: list[str],
    calls: tuple[str, str],
    threshold: float,
) -> dict[str, ActorRecord]:
    """The text's actors with a type model that calls the actor ``first`` ``calls[0]`` and
    those in ``others`` ``calls[1]``, at ``threshold``."""
    finder = nlp.get_pipe("ie_actors")
    shipped = finder.type_model
    found = {a.name: a for a in nlp(text)._.ie_actors}
    finder.type_model = _always(*calls, [found[first], *(found[n] for n in others)], threshold)
    try:
        return {a.name: a for a in nlp(text)._.ie_actors}
    finally:
        finder.type_model = shipped


@pytest.mark.parametrize(("threshold", "expected"), [(0.0, "hospital"), (1.01, "investor")])
def test_the_classifier_overrules_a_name_cue_when_sure_enough(
    nlp: Language, threshold: float, expected: str
) -> None:
    text = "Pfizer Inc. and Basel Biotech Ventures invested in Acme Therapeutics Inc."
    assert type_from_name("Basel Biotech Ventures", get_lexicons()) == "investor"
    actors = _typed_by(
        nlp,
        text,
        "Basel Biotech Ventures",
        ["Acme Therapeutics Inc"],
        ("hospital", "biotech"),
        threshold,
    )
    assert actors["Basel Biotech Ventures"].type == expected
    assert actors["Basel Biotech Ventures"].type_source == (
        "classifier" if threshold < 1 else "name"
    )
    assert actors["Pfizer Inc."].type == "large_pharma"
    assert actors["Pfizer Inc."].type_source == "gazetteer"


@pytest.mark.parametrize(("threshold", "kind"), [(0.0, "org"), (1.01, "person")])
def test_the_classifier_may_find_a_persons_name_to_be_a_companys(
    nlp: Language, threshold: float, kind: str
) -> None:
    text = "Jane Doe, chief executive of Acme Therapeutics Inc., said so."
    found = {a.name: a for a in nlp(text)._.ie_actors}
    assert found["Jane Doe"].kind == "person" and found["Jane Doe"].type_source == "ner"
    actors = _typed_by(
        nlp, text, "Jane Doe", ["Acme Therapeutics Inc."], ("biotech", "person"), threshold
    )
    # the kind follows the type: a company's name takes part in deals, not in affiliations
    assert actors["Jane Doe"].kind == kind
    assert actors["Jane Doe"].type == ("biotech" if kind == "org" else "person")


def test_the_classifier_never_makes_an_organisation_a_person(nlp: Language) -> None:
    text = "Atlantic Financial said it signed an agreement with Acme Therapeutics Inc. today."
    actors = _typed_by(
        nlp, text, "Atlantic Financial", ["Acme Therapeutics Inc."], ("person", "biotech"), 0.0
    )
    assert actors["Atlantic Financial"].kind == "org"
    assert actors["Atlantic Financial"].type == "biotech"  # the best type an organisation has


def test_the_override_threshold_is_chosen_on_held_out_articles(nlp: Language) -> None:
    docs = [
        nlp(f"Acme {n} Therapeutics Inc. signed a deal with Basel {n} Partners Institute.")
        for n in ("Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta")
    ]
    orgs = [a for doc in docs for a in doc._.ie_actors if a.type_source != "gazetteer"]
    labels = ["biotech" if "Acme" in a.name else "investor" for a in orgs]
    model = ActorTypeModel.fit(orgs, labels)
    assert model.override_threshold in OVERRIDE_GRID
    assert (
        0.0
        <= model.metadata["held_out_accuracy_rules_standing"]
        <= model.metadata["held_out_accuracy"]
        <= 1.0
    )
    assert set(model.metadata["labels"]) == {"biotech", "investor"}


def test_a_type_model_without_its_override_threshold_fails_to_load(
    nlp: Language, tmp_path: Path
) -> None:
    orgs = [a for a in nlp("Acme Therapeutics Inc. and Basel Partners AG.")._.ie_actors]
    pipeline = make_pipeline(DictVectorizer(), LogisticRegression())
    pipeline.fit([type_features(a) for a in orgs], ["biotech", "investor"][: len(orgs)])
    ActorTypeModel(pipeline, {}).save(tmp_path / "types.joblib", {})
    with pytest.raises(ModelLoadError, match="ie-nlp train"):
        ActorTypeModel.load(tmp_path / "types.joblib")


def test_a_type_model_that_never_saw_a_person_fails_to_load(nlp: Language, tmp_path: Path) -> None:
    orgs = [a for a in nlp("Acme Therapeutics Inc. and Basel Partners AG.")._.ie_actors]
    pipeline = make_pipeline(DictVectorizer(), LogisticRegression())
    pipeline.fit([type_features(a) for a in orgs], ["biotech", "investor"][: len(orgs)])
    metadata = {"override_threshold": 0.6, "labels": ["biotech", "investor"]}
    ActorTypeModel(pipeline, metadata).save(tmp_path / "types.joblib", {})
    with pytest.raises(ModelLoadError, match="organisations alone"):
        ActorTypeModel.load(tmp_path / "types.joblib")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the NER's person ("Finlays") beside the legal form
        ("Finlays said it sold the business to Finlays Plc on Monday.", "Finlays Plc"),
        # a description that would make a person of it ("the general partner")
        ("Santa Fe Corp, the general partner of the fund, said so.", "Santa Fe Corp"),
    ],
)
def test_a_name_with_a_legal_form_is_never_a_person(nlp: Language, text: str, name: str) -> None:
    later = nlp.pipe_names[nlp.pipe_names.index("ie_actors") :]
    with nlp.select_pipes(disable=later):
        doc = nlp(text)
    start = text.index(name)
    mention = doc.char_span(start, start + len(name))
    assert mention is not None
    record = ActorRecord("a1", "person", [mention], name=name)
    assign_rule_types(record, get_lexicons())
    assert record.kind == "org"
    assert record.type != "person"
    # without the legal form the rules keep the NER's person
    bare = ActorRecord("a2", "person", [mention[:-1]], name=mention[:-1].text)
    assign_rule_types(bare, get_lexicons())
    assert (bare.kind, bare.type) == ("person", "person")
