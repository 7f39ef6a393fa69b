"""ie_nlp.nlp.deal_terms and deal_status: a deal's terms from its sentence and the sentences
that go on about it, and the date of its status."""

from __future__ import annotations

from deal_helpers import deal_between
from spacy.language import Language

from ie_nlp.nlp.deal_status import status_date, status_features
from ie_nlp.nlp.deal_terms import deal_terms, term_sentences
from ie_nlp.nlp.lexicons import get_lexicons

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
