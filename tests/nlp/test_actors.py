"""ie_nlp.nlp.actors: which found names the actor filter may drop (DealRoles)."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from ie_nlp import ExtractionResult
from ie_nlp.nlp.actors import DealRoles, filterable
from ie_nlp.nlp.lexicons import get_lexicons
from ie_nlp.nlp.models.actor_features import actor_features
from ie_nlp.nlp.records import ActorRecord

SAMPLE_ARTICLES = Path(__file__).resolve().parents[2] / "corpora" / "sample" / "articles.jsonl"


@pytest.fixture
def roles() -> DealRoles:
    return DealRoles.from_cues(get_lexicons().relation_cues)


def organisation(nlp: Language, text: str, name: str) -> ActorRecord:
    doc = nlp(text)
    [mention] = [ent for ent in doc.ents if ent.text == name]
    return ActorRecord(id="a1", kind="org", mentions=[mention])


@pytest.mark.parametrize(
    ("text", "name", "party"),
    [
        (
            "Four Seasons Hotels said it agreed to purchase the hotel from Marriott Corp.",
            "Four Seasons Hotels",
            True,
        ),
        (
            "Perkin-Elmer Corp acquired Atomika Technische Physik last week.",
            "Atomika Technische Physik",
            True,
        ),
        (
            "Beta Bio was acquired by Novartis for $1.2 billion.",
            "Beta Bio",
            True,
        ),
        (
            "Lumagen Bio and Castellan Genomics have entered into a research collaboration.",
            "Castellan Genomics",
            True,
        ),
        (
            "Novartis acquired Beta Bio and Gamma Therapeutics last year.",
            "Gamma Therapeutics",
            True,
        ),
        (
            "Analysts at Four Seasons Hotels expect more deals this year.",
            "Four Seasons Hotels",
            False,
        ),
    ],
)
def test_a_name_that_reports_or_takes_part_in_a_deal_is_a_party(
    nlp: Language, roles: DealRoles, text: str, name: str, party: bool
) -> None:
    assert roles.names_a_party(organisation(nlp, text, name)) is party


def test_a_defined_acronym_is_for_the_filter_to_weigh_and_a_legal_form_is_not(
    nlp: Language,
) -> None:
    doc = nlp("Tumor Necrosis Factor (TNF) blockers are sold by Acme Therapeutics Inc.")
    term = ActorRecord(id="a1", kind="org", mentions=[doc[0:3]], name="Tumor Necrosis Factor")
    term.attributes["acronyms"] = ["TNF"]
    assert filterable(term)
    assert actor_features(term)["defines_acronym"] == 1.0
    company = ActorRecord(id="a2", kind="org", mentions=[doc[10:13]], name="Acme Therapeutics Inc.")
    assert doc[10:13].text.startswith("Acme Therapeutics")
    assert not filterable(company)
    assert actor_features(company)["defines_acronym"] == 0.0


def test_a_deal_party_outside_biopharma_survives_the_filter(
    extract: Callable[..., ExtractionResult],
) -> None:
    result = extract(
        "Atlantic Financial said it signed a definitive agreement to acquire Centurion Savings "
        "and Loan Association."
    )
    names = {actor.id: actor.name for actor in result.actors}
    assert {(names[r.source], names[r.target]) for r in result.relationships} == {
        ("Atlantic Financial", "Centurion Savings and Loan Association")
    }


def test_names_scraping_glued_to_bold_marks_and_joining_words_come_out_whole(
    extract: Callable[..., ExtractionResult],
) -> None:
    result = extract(
        "As previously announced,**Jannie Oosthuizen**leads Merck Human Health U.S. "
        '"It will help," said CEOsAaron KowalskiandThom Scher of the JDRF.'
    )
    people = {actor.name for actor in result.actors if actor.type == "person"}
    assert {"Jannie Oosthuizen", "Aaron Kowalski"} <= people
    assert not any("*" in actor.name for actor in result.actors)


def test_a_name_its_description_makes_a_person_takes_no_part_in_deals(
    extract: Callable[..., ExtractionResult],
) -> None:
    # the NER reads "Dr. Nadia Reuter, Chief Executive Officer of Veltrion" as an organisation;
    # her description makes her a person, and a person is no deal's party
    article = next(
        json.loads(line)
        for line in SAMPLE_ARTICLES.read_text(encoding="utf-8").splitlines()
        if json.loads(line)["id"] == "sample-05"
    )
    result = extract(article["text"])
    people = {actor.id for actor in result.actors if actor.type == "person"}
    assert any(actor.name == "Nadia Reuter" and actor.id in people for actor in result.actors)
    deals = [r for r in result.relationships if r.type != "affiliation"]
    assert deals and not [r for r in deals if {r.source, r.target} & people]
