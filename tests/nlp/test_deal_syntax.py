"""ie_nlp.nlp.deal_syntax: what the parse says about the names of a deal sentence."""

from __future__ import annotations

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from ie_nlp.nlp.deal_syntax import coordinated, governs, marker, noun_phrase_head, subject_of

UNIT_NOUNS = frozenset({"unit", "subsidiary"})


def position(doc: Doc, word: str) -> int:
    return next(token.i for token in doc if token.text == word)


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        ("Beta Bio was acquired by Novartis last year.", "Novartis", "by"),
        ("The company was sold to an Exxon Corp unit for cash.", "Exxon", "to"),
        (
            "Elders bought the stake from the Canadian subsidiary of Rothmans Plc.",
            "Rothmans",
            "from",
        ),
        ("Pfizer completed its acquisition of Seagen in December.", "Seagen", "of"),
        ("Pfizer acquired Seagen in December.", "Seagen", ""),
    ],
)
def test_marker_is_the_preposition_that_introduces_a_name(
    nlp: Language, text: str, name: str, expected: str
) -> None:
    doc = nlp(text)
    assert marker(doc, position(doc, name), UNIT_NOUNS) == expected


def test_a_verb_governs_its_object_and_the_names_in_its_prepositions(nlp: Language) -> None:
    doc = nlp("CSR sold Delhi Petroleum, which holds a stake in Santos, to an Exxon Corp unit.")
    sold = doc[position(doc, "sold")]
    assert governs(sold, doc[position(doc, "Delhi")])
    assert governs(sold, doc[position(doc, "Exxon")])


def test_list_members_are_coordinated_and_a_subject_and_object_are_not(nlp: Language) -> None:
    doc = nlp("Janssen, Merck and Otsuka signed the deal with Pfizer.")
    assert coordinated(doc, position(doc, "Janssen"), position(doc, "Otsuka"))
    assert not coordinated(doc, position(doc, "Janssen"), position(doc, "Pfizer"))


def test_the_subject_of_agreed_to_buy_is_the_buyers(nlp: Language) -> None:
    doc = nlp("Santos Ltd agreed to buy Total Exploration Pty Ltd.")
    subject = subject_of(doc[position(doc, "buy")])
    assert subject is not None
    assert noun_phrase_head(doc[position(doc, "Santos")]) == subject
