"""ie_nlp.nlp.name_spans: entity spans split, rejoined and added before they become actor
candidates."""

from __future__ import annotations

from entity_spans import labelled
from spacy.language import Language
from spacy.tokens import Span

from ie_nlp.nlp.actor_ruler import CUE_PATTERN_ID
from ie_nlp.nlp.lexicons import get_lexicons
from ie_nlp.nlp.name_spans import (
    is_headline,
    is_listed,
    rejoined,
    split_coordinated,
    unlabelled_listed,
    unlabelled_reporters,
    with_legal_forms,
    with_unit_words,
)


def test_two_legal_names_joined_by_and_are_split(nlp: Language) -> None:
    doc = nlp.make_doc("Meridian Energy Inc and Castone Development Corp said so.")
    span = Span(doc, 0, 7, label="ORG")
    assert [part.text for part in split_coordinated(span, get_lexicons())] == [
        "Meridian Energy Inc",
        "Castone Development Corp",
    ]


def test_a_name_cut_at_and_is_rejoined_only_when_its_first_part_is_no_name(
    nlp: Language,
) -> None:
    doc = nlp.make_doc(
        "Clayton and Dubilier Inc bought it. Pfizer and BioNTech SE said so. Pfizer said."
    )
    ents = [
        Span(doc, 0, 1, label="PERSON"),
        Span(doc, 2, 4, label="ORG"),
        Span(doc, 7, 8, label="ORG"),
        Span(doc, 9, 11, label="ORG"),
        Span(doc, 14, 15, label="ORG"),
    ]
    assert [span.text for span in rejoined(ents, get_lexicons())] == [
        "Clayton and Dubilier Inc",
        "Pfizer",
        "BioNTech SE",
        "Pfizer",
    ]


def test_an_unlabelled_reporter_is_added_once(nlp: Language) -> None:
    doc = nlp("Wyse Technology said it agreed to acquire Link Technologies Inc.")
    assert [span.text for span in unlabelled_reporters(doc, get_lexicons())] == ["Wyse Technology"]


def test_a_name_before_a_stock_listing_is_listed(nlp: Language) -> None:
    doc = nlp.make_doc("Soligenix (NASDAQ: SNGX) and Beta (the company) and Gamma (SNGX) met.")
    assert is_listed(Span(doc, 0, 1), get_lexicons())
    assert not is_listed(Span(doc, 7, 8), get_lexicons())  # a parenthesis, no listing
    assert not is_listed(Span(doc, 14, 15), get_lexicons())  # a ticker without its exchange


def test_unlabelled_words_before_a_listing_are_a_company(nlp: Language) -> None:
    doc = nlp.make_doc(
        "Shares rose. Alzamend Neuro, Inc. (NYSE American: ALZN) and the company "
        "(NASDAQ: X) said so."
    )
    found = [span.text for span in unlabelled_listed(doc, get_lexicons())]
    # the comma before a legal form is part of the name; a lower-case word is none
    assert found == ["Alzamend Neuro, Inc."]


def test_a_labelled_name_before_a_listing_is_not_added_again(nlp: Language) -> None:
    doc = nlp.make_doc("Acme Bio (NASDAQ: ACME) said so.")
    doc.ents = [Span(doc, 0, 2, label="ORG")]
    assert unlabelled_listed(doc, get_lexicons()) == []


def _org_names(nlp: Language, text: str) -> list[tuple[str, str]]:
    doc = nlp(text)
    spans = with_unit_words([ent for ent in doc.ents if ent.label_ == "ORG"], get_lexicons())
    return [(span.text, span.id_) for span in spans]


def test_a_known_name_followed_by_unit_words_is_a_unit_of_its_own(nlp: Language) -> None:
    names = _org_names(
        nlp, "Merck Animal Health will acquire Vence, said a spokesperson for Merck."
    )
    assert ("Merck Animal Health", CUE_PATTERN_ID) in names
    assert ("Merck", "Merck & Co.") in names


def test_labels_longer_names_and_headlines_are_no_units(nlp: Language) -> None:
    lexicons = get_lexicons()
    doc = nlp("The WHO Grade 4 tumours grew. She joined Merck Research Laboratories of Boston.")
    orgs = [ent for ent in doc.ents if ent.id_ and ent.label_ == "ORG"]
    assert orgs, "the gazetteer names WHO and Merck"
    assert [span.text for span in with_unit_words(orgs, lexicons)] == [o.text for o in orgs]
    headline = nlp("Merck Vaccine Leaders Gather Here Today\n\nThe meeting was held at Merck.")
    orgs = [ent for ent in headline.ents if ent.id_ and ent.label_ == "ORG"]
    assert [span.text for span in with_unit_words(orgs, lexicons)] == ["Merck", "Merck"]


def test_a_sentence_of_names_with_lower_case_verbs_is_no_headline(nlp: Language) -> None:
    body = nlp(
        "It is led by Enrique Schisterman of the Eunice Kennedy Shriver National Institute "
        "of Child Health and Human Development."
    )
    assert not is_headline(body[:])
    headline = nlp(
        "Merck Announces Fourth-Quarter and Full-Year Financial Results February 5, 2020 6:45 am ET"
    )
    assert is_headline(headline[:])


def test_a_legal_form_after_a_comma_makes_the_name_an_organisation(nlp: Language) -> None:
    lexicons = get_lexicons()
    doc = nlp.make_doc(
        "Clinilabs, LLC, a research firm, works with Boehringer Ingelheim Fremont, Inc."
    )
    spans = labelled(
        doc,
        ("Clinilabs", "PERSON"),
        ("LLC", "ORG"),
        ("Boehringer Ingelheim", "ORG"),
        ("Fremont", "GPE"),
    )
    assert [(span.text, span.label_) for span in with_legal_forms(spans, lexicons)] == [
        ("Clinilabs, LLC", "ORG"),
        # the organisation right before the place is the name's beginning
        ("Boehringer Ingelheim Fremont, Inc.", "ORG"),
    ]


def test_an_ambiguous_legal_form_or_a_generational_suffix_makes_no_organisation(
    nlp: Language,
) -> None:
    doc = nlp.make_doc("Robert Kennedy, Jr. met Smith, Co. and Jane Doe, the chair.")
    spans = labelled(doc, ("Robert Kennedy", "PERSON"), ("Smith", "PERSON"), ("Jane Doe", "PERSON"))
    assert with_legal_forms(spans, get_lexicons()) == spans
