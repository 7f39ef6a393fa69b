"""ie_nlp.nlp.name_spans: entity spans split, rejoined and added before they become actor
candidates."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Span

from ie_nlp.nlp.lexicons import get_lexicons
from ie_nlp.nlp.name_spans import rejoined, split_coordinated, unlabelled_reporters


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
