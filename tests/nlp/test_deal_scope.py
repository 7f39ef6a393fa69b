"""ie_nlp.nlp.deal_scope: a deal's asset and territory, as the deal's sentences write them."""

from __future__ import annotations

from deal_helpers import deal_between
from spacy.language import Language

from ie_nlp.nlp.deal_scope import deal_scope, find_territory
from ie_nlp.nlp.deal_terms import term_sentences
from ie_nlp.nlp.lexicons import get_lexicons

SCOPE = get_lexicons().deal_scope
ZONES = get_lexicons().text_zones


def _scope(nlp: Language, text: str, type_id: str, source: str, target: str) -> dict[str, str]:
    deal = deal_between(nlp(text), type_id, source, target)
    return deal_scope(deal, SCOPE, term_sentences(deal, ZONES))


def test_a_code_and_a_narrowed_reach(nlp: Language) -> None:
    text = (
        "Beta Bio Inc. today announced an exclusive worldwide license agreement with Pfizer Inc. "
        "for BX-101, excluding Greater China. Beta Bio will receive $50 million upfront."
    )
    assert _scope(nlp, text, "licensing", "Beta Bio", "Pfizer") == {
        "asset": "BX-101",
        "territory": "worldwide",
    }
    narrowed = (
        "Pfizer Inc. will develop and commercialize the candidates worldwide, excluding "
        "Greater China. Beta Bio Inc. keeps its rights there."
    )
    sentence = next(iter(nlp(narrowed).sents))
    assert find_territory(sentence, SCOPE) == "worldwide, excluding Greater China"


def test_two_codes_joined_by_and_and_a_medicine_name(nlp: Language) -> None:
    joined = (
        "Corvane Therapeutics Inc. granted Halden Pharma AG an exclusive global license for "
        "ZX-7762 and ZX-3854, two antibiotics."
    )
    scope = _scope(nlp, joined, "licensing", "Corvane", "Halden")
    assert scope == {"asset": "ZX-7762 and ZX-3854", "territory": "global"}
    named = (
        "Corvane Therapeutics Inc. and Halden Pharma AG will jointly develop zorbatinib, an "
        "oral kinase inhibitor, in a research collaboration."
    )
    assert _scope(nlp, named, "research_collaboration", "Corvane", "Halden") == {
        "asset": "zorbatinib"
    }


def test_a_place_where_the_rights_apply(nlp: Language) -> None:
    text = (
        "Corvane Therapeutics Inc. signed a distribution agreement with Halden Pharma AG for "
        "its TearView® test in South Korea."
    )
    assert _scope(nlp, text, "partnership", "Corvane", "Halden") == {
        "asset": "TearView",
        "territory": "South Korea",
    }


def test_a_company_known_by_another_name_abroad_is_no_territory(nlp: Language) -> None:
    text = (
        "Merck, known as MSD outside the United States and Canada, and Halden Pharma AG "
        "announced a research collaboration."
    )
    sentence = next(iter(nlp(text).sents))
    assert find_territory(sentence, SCOPE) is None


def test_acquisitions_get_no_asset(nlp: Language) -> None:
    text = "Corvane Therapeutics Inc. acquired Halden Pharma AG and its lead asset ZX-7762."
    assert "asset" not in _scope(nlp, text, "acquisition", "Corvane", "Halden")
