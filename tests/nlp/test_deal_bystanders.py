"""ie_nlp.nlp.deal_bystanders: deal advisers and merger subsidiaries are named around a deal but
are no party to it (ANNOTATION.md), so they are left out of the deal candidates."""

from __future__ import annotations

import pytest
from spacy.language import Language

from ie_nlp.nlp.lexicons import get_lexicons

BYSTANDERS = get_lexicons().deal_bystanders

ADVISERS = (
    "Halden Pharma will acquire Corvane Therapeutics for $2.4 billion. For Halden Pharma, "
    "Brightwater & Lowe LLP is acting as legal counsel. For Corvane Therapeutics, Ostrander "
    "Partners LLC is acting as exclusive financial advisor and Quill & Marsh LLP as legal counsel."
)
TENDER = (
    "Halden Pharma's wholly-owned subsidiary, Kestrel Acquisition Corporation, commenced the "
    "tender offer for Corvane Therapeutics on January 17. Computershare Trust Company, N.A., the "
    "depositary and paying agent for the tender offer, has advised Halden Pharma that 20 million "
    "shares were tendered."
)


def _flags(nlp: Language, text: str) -> dict[str, bool]:
    doc = nlp(text)
    found = BYSTANDERS.of(doc, doc._.ie_actors)
    return {actor.name: actor.id in found for actor in doc._.ie_actors if actor.kind == "org"}


def test_advisers_named_by_their_role(nlp: Language) -> None:
    flags = _flags(nlp, ADVISERS)
    assert flags["Halden Pharma"] is False and flags["Corvane Therapeutics"] is False
    assert flags["Brightwater & Lowe LLP"] and flags["Ostrander Partners LLC"]
    assert flags["Quill & Marsh LLP"]


def test_merger_subsidiary_and_depositary(nlp: Language) -> None:
    flags = _flags(nlp, TENDER)
    assert flags["Kestrel Acquisition Corporation"] and flags["Computershare Trust Company"]
    assert flags["Halden Pharma"] is False


@pytest.mark.parametrize(
    ("text", "party"),
    [
        # a SPAC is a party to its merger, though its name says "Acquisition Corp"
        ("Churchill Capital Acquisition Corp agreed to merge with Zorvexa Bio.",
         "Churchill Capital Acquisition Corp"),
        # an operating subsidiary makes deals of its own (ANNOTATION.md)
        ("HOPE Therapeutics, a wholly-owned subsidiary of NRx Pharmaceuticals, acquired Dura "
         "Medical.", "HOPE Therapeutics"),
        # an adviser of the company's, not the company as an adviser
        ("Pfizer adviser Jane Doe said Pfizer licensed the drug to Zorvexa Bio.", "Pfizer"),
    ],
)  # fmt: skip
def test_parties_that_look_alike_stay(nlp: Language, text: str, party: str) -> None:
    assert _flags(nlp, text)[party] is False


def test_advisers_get_no_deal(nlp: Language) -> None:
    doc = nlp(ADVISERS + " " + TENDER)
    deals = [r for r in doc._.ie_relations if r.type != "affiliation"]
    parties = {actor.name for r in deals for actor in (r.source, r.target)}
    assert "Halden Pharma" in parties, "the deal itself is still found"
    bystanders = ("Brightwater & Lowe LLP", "Ostrander Partners LLC", "Quill & Marsh LLP",
                  "Kestrel Acquisition Corporation", "Computershare Trust Company")  # fmt: skip
    assert parties.isdisjoint(bystanders)
