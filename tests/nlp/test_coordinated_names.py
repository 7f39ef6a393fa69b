"""ie_nlp.nlp.coordinated_names: names the NER cut at an "and" made whole again."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from entity_spans import labelled
from spacy.language import Language
from spacy.tokens import Span

from ie_nlp.nlp.actor_ruler import CUE_PATTERN_ID
from ie_nlp.nlp.coordinated_names import with_coordinated_fields, with_coordinated_heads
from ie_nlp.nlp.lexicons import Lexicons, get_lexicons


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


@pytest.mark.parametrize(
    ("reshape", "text", "entities", "expected"),
    [
        pytest.param(
            with_coordinated_fields,
            "He led the Office of Hematology and Oncology Products in Maryland. The Center for "
            "Vaccine Research and Vaxart, Inc. signed a deal; Vaxart, Inc. is in California.",
            ["Office of Hematology", "Oncology Products", "Center for Vaccine Research",
             "Vaxart, Inc."],
            ["Office of Hematology and Oncology Products", "Center for Vaccine Research",
             "Vaxart, Inc."],
            id="a second field the NER labelled, unless it is a name",
        ),
        pytest.param(
            with_coordinated_heads,
            "Researchers at the University's Brain and Mind Centre led it. Acme and Mayo Clinic "
            "agreed, and Acme said so. Pfizer and Gene Therapy Center did too.",
            ["Mind Centre", "Acme", "Mayo Clinic", ("Pfizer", "Pfizer"), "Gene Therapy Center"],
            # "Acme" is written again on its own and Pfizer is a known organisation: names of
            # their own
            ["Brain and Mind Centre", "Acme", "Mayo Clinic", "Pfizer", "Gene Therapy Center"],
            id="a first field before the and",
        ),
    ],
)  # fmt: skip
def test_a_field_across_the_and_is_taken_into_the_name(
    nlp: Language,
    reshape: Callable[[list[Span], Lexicons], list[Span]],
    text: str,
    entities: list[str | tuple[str, str]],
    expected: list[str],
) -> None:
    spans = labelled(
        nlp(text),
        *(
            (name, "ORG", "") if isinstance(name, str) else (name[0], "ORG", name[1])
            for name in entities
        ),
    )
    assert [span.text for span in reshape(spans, get_lexicons())] == expected
