"""ie_nlp.nlp.deal_terms and deal_status: a deal's terms from its sentence and the sentences
that go on about it, and the date of its status."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from deal_helpers import deal_between
from spacy.language import Language

from ie_nlp import ExtractionResult
from ie_nlp.nlp.deal_status import status_date, status_features
from ie_nlp.nlp.deal_terms import deal_terms, term_sentences
from ie_nlp.nlp.lexicons import get_lexicons

Extract = Callable[..., ExtractionResult]
TERMS = get_lexicons().deal_terms
ZONES = get_lexicons().text_zones

LICENCE = (
    "BOSTON, March 4, 2024 /PRNewswire/ -- Beta Bio Inc. today announced that it has entered "
    "into an exclusive license agreement with Pfizer Inc. for BB-101. "
    "Under the terms of the agreement, Beta Bio will receive an upfront payment of $50 million "
    "and is eligible for up to $200 million in development milestones and $300 million in "
    "sales milestones, as well as tiered royalties ranging from the mid-single to low-double "
    "digits. "
    "Separately, Gamma Capital LLC invested $900 million in Delta Therapeutics Inc."
)


def terms_of(nlp: Language, text: str, type_id: str, source: str, target: str) -> dict[str, Any]:
    """The terms ``deal_terms`` gives a ``type_id`` deal stated by the text's first sentence
    that names both parties."""
    deal = deal_between(nlp(text), type_id, source, target)
    return deal_terms(deal, TERMS, term_sentences(deal, ZONES))


def test_terms_come_from_the_sentences_that_go_on_about_thedeal_between(nlp: Language) -> None:
    doc = nlp(LICENCE)
    deal = deal_between(doc, "licensing", "Beta Bio", "Pfizer")
    # the third sentence names two other companies: it is another deal's
    sentences = term_sentences(deal, ZONES)
    assert [s.text.split()[0] for s in sentences] == ["Beta", "Under"]
    terms = deal_terms(deal, TERMS, sentences)
    assert terms["upfront"] == 50_000_000
    assert terms["amount"] == 50_000_000  # the upfront, as no headline value is given
    assert terms["milestones"] == 500_000_000  # development and sales milestones summed
    assert terms["currency"] == "USD"
    assert terms["royalties"].startswith("tiered royalties ranging from the mid-single")
    assert 900_000_000 not in terms.values()


def test_terms_stated_after_many_quotes_still_count(nlp: Language) -> None:
    quotes = " ".join(
        f'"This is a milestone number {n} for our teams," said the CEO of Beta Bio.'
        for n in range(12)
    )
    text = (
        "Beta Bio Inc. today announced an exclusive license agreement with Pfizer Inc. "
        f"{quotes} Beta Bio will receive an upfront payment of $35 million."
    )
    assert terms_of(nlp, text, "licensing", "Beta Bio", "Pfizer")["upfront"] == 35_000_000


def test_milestones_restated_later_are_not_summed_again(nlp: Language) -> None:
    doc = nlp(
        "Beta Bio Inc. today announced an exclusive license agreement with Pfizer Inc. "
        "Beta Bio is eligible for up to $420 million in milestone payments. "
        "The $420 million in milestone payments depends on the approval of BB-101 by Beta Bio."
    )
    deal = deal_between(doc, "licensing", "Beta Bio", "Pfizer")
    sentences = term_sentences(deal, ZONES)
    assert len(sentences) == 3
    assert deal_terms(deal, TERMS, sentences)["milestones"] == 420_000_000


def test_a_share_price_is_no_deal_value(nlp: Language) -> None:
    text = (
        "Merck Inc. today began a tender offer to acquire Immune Design Corp. "
        "Stockholders of Immune Design will receive $5.85 in cash for each share they tender. "
        "Immune Design now expects earnings per share of $1.38 for the year."
    )
    terms = terms_of(nlp, text, "acquisition", "Merck", "Immune Design")
    assert terms["price_per_share"] == 5.85
    assert "amount" not in terms


def test_eligible_to_receive_is_a_milestone_amount(nlp: Language) -> None:
    text = (
        "Beta Bio Inc. today announced an exclusive license agreement with Pfizer Inc. "
        "Beta Bio will receive an upfront payment of $50 million and is eligible to receive up "
        "to $1.5 billion in potential payments based on the achievement of prespecified "
        "preclinical, clinical development and commercial milestones."
    )
    terms = terms_of(nlp, text, "licensing", "Beta Bio", "Pfizer")
    assert terms["milestones"] == 1_500_000_000
    assert terms["amount"] == terms["upfront"] == 50_000_000


def test_a_grant_takes_no_upfront_of_another_deal(nlp: Language) -> None:
    text = (
        "The National Institutes of Health awarded Norvana RNA GmbH a grant of EUR 6 million. "
        "Norvana will receive an upfront payment of CHF 210 million under a separate licence."
    )
    terms = terms_of(nlp, text, "grant", "National Institutes of Health", "Norvana")
    assert terms["amount"] == 6_000_000 and terms["currency"] == "EUR"
    assert "upfront" not in terms


def test_the_licence_of_a_licence_and_collaboration_carries_the_money(extract: Extract) -> None:
    result = extract(
        "Beta Bio Inc. and Pfizer Inc. today announced a research collaboration and exclusive "
        "license agreement for BB-101. Under the terms of the agreement, Beta Bio will receive "
        "an upfront payment of $50 million."
    )
    deals = {r.type: r.attributes for r in result.relationships}
    assert deals["licensing"]["upfront"] == 50_000_000
    assert "upfront" not in deals["research_collaboration"]
    assert "amount" not in deals["research_collaboration"]


def test_types_without_money_get_no_terms(nlp: Language) -> None:
    doc = nlp(LICENCE)
    deal = deal_between(doc, "partnership", "Beta Bio", "Pfizer")
    assert deal_terms(deal, TERMS, term_sentences(deal, ZONES)) == {}


def test_an_investment_round_and_its_amount(nlp: Language) -> None:
    doc = nlp(
        "Acme Therapeutics Inc. raised $40 million in a Series B financing led by "
        "Alpine Ventures LLC."
    )
    deal = deal_between(doc, "investment", "Alpine Ventures", "Acme Therapeutics")
    terms = deal_terms(deal, TERMS, term_sentences(deal, ZONES))
    assert terms == {"amount": 40_000_000, "currency": "USD", "round": "series_b"}


def test_today_takes_the_dateline_date(nlp: Language) -> None:
    deal = deal_between(nlp(LICENCE), "licensing", "Beta Bio", "Pfizer")
    assert "today" in deal.evidence.text and "2024" not in deal.evidence.text
    assert status_date(deal.evidence, TERMS) == "2024-03-04"
    later = nlp("Beta Bio Inc. closed the deal on May 5, 2025. Pfizer Inc. was pleased.")
    sentences = list(later.sents)
    assert status_date(sentences[0], TERMS) == "2025-05-05"
    assert status_date(sentences[1], TERMS) is None


def test_status_features_read_tense_and_auxiliaries(nlp: Language) -> None:
    doc = nlp("Pfizer Inc. has completed its acquisition of Seagen Inc.")
    features = status_features(next(iter(doc.sents)), "acquisition")
    assert features["type=acquisition"] == 1.0
    assert features["headline"] == 1.0
    assert "aux=has>complete" in features
    assert any(key.startswith("verb=complete|") for key in features)
