"""ie_nlp.nlp.coordinated_names: names the NER cut at an "and" made whole again."""

from __future__ import annotations

from entity_spans import labelled
from spacy.language import Language

from ie_nlp.nlp.actor_ruler import CUE_PATTERN_ID
from ie_nlp.nlp.coordinated_names import with_coordinated_fields, with_coordinated_heads
from ie_nlp.nlp.lexicons import get_lexicons


def test_a_name_cut_at_the_and_of_its_fields_goes_on(nlp: Language) -> None:
    doc = nlp(
        "She joined the IU Bloomington College of Arts and Sciences' Department of "
        "Psychology. He is at the University of Tennessee Medical Center and Professor at "
        "a college. They met at the Massachusetts Institute of Technology and Design."
    )
    spans = labelled(
        doc,
        ("IU Bloomington College of Arts", "ORG", ""),
        ("University of Tennessee Medical Center", "ORG", ""),
        ("Massachusetts Institute of Technology", "ORG", "MIT"),
    )
    assert [(span.text, span.id_) for span in with_coordinated_fields(spans, get_lexicons())] == [
        ("IU Bloomington College of Arts and Sciences", ""),
        ("University of Tennessee Medical Center", ""),
        # a known name with a longer "of" phrase is another organisation
        ("Massachusetts Institute of Technology and Design", CUE_PATTERN_ID),
    ]


def test_a_second_field_the_ner_labelled_is_taken_in_unless_it_is_a_name(nlp: Language) -> None:
    doc = nlp(
        "He led the Office of Hematology and Oncology Products in Maryland. The Center for "
        "Vaccine Research and Vaxart, Inc. signed a deal; Vaxart, Inc. is in California."
    )
    spans = labelled(
        doc,
        ("Office of Hematology", "ORG", ""),
        ("Oncology Products", "ORG", ""),
        ("Center for Vaccine Research", "ORG", ""),
        ("Vaxart, Inc.", "ORG", ""),
    )
    assert [span.text for span in with_coordinated_fields(spans, get_lexicons())] == [
        "Office of Hematology and Oncology Products",
        "Center for Vaccine Research",
        "Vaxart, Inc.",
    ]


def test_a_first_field_before_the_and_is_taken_into_the_name(nlp: Language) -> None:
    doc = nlp(
        "Researchers at the University's Brain and Mind Centre led it. Acme and Mayo Clinic "
        "agreed, and Acme said so. Pfizer and Gene Therapy Center did too."
    )
    spans = labelled(
        doc,
        ("Mind Centre", "ORG", ""),
        ("Acme", "ORG", ""),
        ("Mayo Clinic", "ORG", ""),
        ("Pfizer", "ORG", "Pfizer"),
        ("Gene Therapy Center", "ORG", ""),
    )
    names = [span.text for span in with_coordinated_heads(spans, get_lexicons())]
    # "Acme" is written again on its own and Pfizer is a known organisation: names of their own
    assert names == [
        "Brain and Mind Centre",
        "Acme",
        "Mayo Clinic",
        "Pfizer",
        "Gene Therapy Center",
    ]
