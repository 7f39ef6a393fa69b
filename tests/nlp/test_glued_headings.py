"""ie_nlp.nlp.glued_headings: a heading's name glued to its paragraph's copy ("About Turner
MedTechTurner MedTech is …") is split into the two names; names of other shapes stay whole."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from entity_spans import labelled
from spacy.language import Language

from ie_nlp import ExtractionResult
from ie_nlp.nlp.glued_headings import glue_points, without_doubles

Extract = Callable[..., ExtractionResult]


@pytest.fixture(scope="module")
def blank() -> Language:
    return spacy.blank("en")


@pytest.mark.parametrize(
    ("text", "token", "copy"),
    [
        ("Utah.\n\nAbout Turner MedTechTurner MedTech is a maker.", "MedTechTurner", "Turner"),
        ("Radiation.\n\nABOUT ASTROASTRO is a society.", "ASTROASTRO", "ASTRO"),
        ("Expect From OncotelicOncotelic has drugs.", "OncotelicOncotelic", "Oncotelic"),
        # a logo's text and the paragraph write the name with and without a space
        ("Devices.\xa0About PollenSensePollen Sense, headquartered in Provo", "PollenSensePollen",
         "Pollen"),
    ],
)  # fmt: skip
def test_the_paragraphs_copy_starts_where_the_heading_is_glued_to_it(
    blank: Language, text: str, token: str, copy: str
) -> None:
    ((glued, offset),) = glue_points(blank(text))
    assert glued.text == token
    assert glued.text[offset:] == copy


@pytest.mark.parametrize(
    "text",
    [
        "MedTech and BioUtah met McDonald and MacArthur at LabCorp.",  # capitals inside names
        "Shares of BioBio rose.",  # too short a copy to be a name said twice
        "About Turner\nTurnerMedTech is a maker.",  # a line break keeps heading and paragraph
    ],
)
def test_words_with_capitals_inside_are_no_glued_headings(blank: Language, text: str) -> None:
    assert glue_points(blank(text)) == []


@pytest.mark.parametrize(
    ("text", "name", "parts"),
    [
        ("About Lifordi Lifordi Immunotherapeutics, Inc. is a biotech.",
         "Lifordi Lifordi Immunotherapeutics", ["Lifordi", "Lifordi Immunotherapeutics"]),
        ("ABOUT Carolinas HealthCare System Carolinas HealthCare System is a network.",
         "Carolinas HealthCare System Carolinas HealthCare System",
         ["Carolinas HealthCare System", "Carolinas HealthCare System"]),
        # copies apart with no "About" before them are one name
        ("Its Pollen Sense Pollen Sense is new.", "Pollen Sense Pollen Sense", None),
    ],
)  # fmt: skip
def test_an_entity_that_holds_both_copies_is_cut_in_two(
    blank: Language, text: str, name: str, parts: list[str] | None
) -> None:
    entities = labelled(blank(text), (name, "ORG"))
    cut = [span.text for span in without_doubles(entities)]
    assert cut == (parts or [name])


@pytest.mark.parametrize(
    "text",
    [
        "Walla Walla University hired Jane Doe.",  # no heading before a doubled word
        "Jane Doe joined Walla Walla University.",
        "About Johnson & Johnson: a company.",  # a repeated word that is no copy of the start
    ],
)
def test_a_name_with_a_word_written_twice_stays_whole(blank: Language, text: str) -> None:
    name = next(n for n in ("Walla Walla University", "Johnson & Johnson") if n in text)
    entities = labelled(blank(text), (name, "ORG"))
    assert [span.text for span in without_doubles(entities)] == [name]


def test_the_heading_and_its_paragraph_name_one_actor(extract: Extract) -> None:
    result = extract(
        "The partnership will create jobs in Utah.\n\n About Turner MedTechTurner MedTech is a "
        "leading contract manufacturer of medical devices headquartered in Orem, Utah."
    )
    names = {actor.name: [m.text for m in actor.mentions] for actor in result.actors}
    assert names.get("Turner MedTech") == ["Turner MedTech", "Turner MedTech"], names
    assert not any("MedTechTurner" in name for name in names)
