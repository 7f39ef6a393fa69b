"""ie_nlp.nlp.glued_words: words that scraping glued together are split by the tokenizer,
words of the same shape that are words of their own are not, and the rules survive saving."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.util import compile_infix_regex

from ie_nlp.nlp.glued_words import add_glued_word_rules


@pytest.fixture(scope="module")
def nlp() -> Language:
    blank = spacy.blank("en")
    tokenizer: Tokenizer = blank.tokenizer  # type: ignore[assignment]
    infixes = add_glued_word_rules(tokenizer, list(blank.Defaults.infixes or []))
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return blank


def words(nlp: Language, text: str) -> list[str]:
    return [token.text for token in nlp.make_doc(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"Great," saidSusan Hutchinson', ['"', "Great", ",", '"', "said", "Susan", "Hutchinson"]),
        ("CEO ofWashington University", ["CEO", "of", "Washington", "University"]),
        ("CEOsAaron Kowalski", ["CEOs", "Aaron", "Kowalski"]),
        ("intheUnited States", ["inthe", "United", "States"]),
        ("Aaron KowalskiandThom Scher", ["Aaron", "Kowalski", "and", "Thom", "Scher"]),
        ("DiAntonioofWashington University", ["DiAntonio", "of", "Washington", "University"]),
        ("SwitzerlandandGermany", ["Switzerland", "and", "Germany"]),
    ],
)
def test_a_glued_capitalised_word_becomes_a_token_of_its_own(
    nlp: Language, text: str, expected: list[str]
) -> None:
    assert words(nlp, text) == expected


def test_the_split_keeps_every_offset(nlp: Language) -> None:
    doc = nlp.make_doc("saidSusan Hutchinson")
    assert doc.text == "saidSusan Hutchinson"
    assert [(t.idx, t.whitespace_) for t in doc] == [(0, ""), (4, " "), (10, "")]


@pytest.mark.parametrize(
    "word",
    [
        "iPhone",
        "eGenesis",
        "AstraZeneca",
        "BioNTech",
        "McDonald",
        "mRNA",
        "siRNA",
        "mmHg",
        "arXiv",
        "duPont",
        "uniQure",
        "ClevelandClinic",  # a place's "-land" is no joining word
    ],
)
def test_names_and_units_of_that_shape_stay_whole(nlp: Language, word: str) -> None:
    assert words(nlp, f"{word} rose.") == [word, "rose", "."]


def test_the_rules_are_saved_with_the_tokenizer(nlp: Language) -> None:
    restored = spacy.blank("en")
    saved: Tokenizer = nlp.tokenizer  # type: ignore[assignment]
    target: Tokenizer = restored.tokenizer  # type: ignore[assignment]
    target.from_bytes(saved.to_bytes())
    assert words(restored, "CEO ofWashington University, 120 mmHg") == [
        "CEO", "of", "Washington", "University", ",", "120", "mmHg"]  # fmt: skip


@pytest.fixture(scope="module")
def splitter() -> Language:
    blank = spacy.blank("en")
    blank.add_pipe("ie_glued_words")
    return blank


def test_a_joining_word_glued_before_a_space_is_split_where_the_text_vouches_for_the_word(
    splitter: Language,
) -> None:
    doc = splitter("Dr. Jeffrey Milbrandtand Dr. Aaron DiAntonio. Drs. Milbrandt and DiAntonio")
    assert [t.text for t in doc][:6] == ["Dr.", "Jeffrey", "Milbrandt", "and", "Dr.", "Aaron"]
    assert (doc[2].idx, doc[2].whitespace_, doc[3].idx) == (12, "", 21)
    assert doc.text == "Dr. Jeffrey Milbrandtand Dr. Aaron DiAntonio. Drs. Milbrandt and DiAntonio"


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Ferdinand Porsche met Bertrand Legrand in Cleveland.", "Ferdinand"),  # no "Ferdin"
        ("The United Statesand Canada agreed.", "Statesand"),  # no "States" elsewhere
        ("Proof of concept came from Parallel Proof.", "Proof"),  # "Pro" is too short a word
        ("New England, as N Engl J Med reports.", "England"),  # a place's "-land" again
    ],
)
def test_a_word_ending_in_a_joining_word_stays_whole_unless_written_without_it(
    splitter: Language, text: str, word: str
) -> None:
    assert word in [t.text for t in splitter(text)]


def test_a_glued_joining_word_is_split_after_a_word_the_text_writes_alone(
    splitter: Language,
) -> None:
    words = [t.text for t in splitter("Sales in the United Statesand Canada. The United States")]
    assert words[3:7] == ["United", "States", "and", "Canada"]


def test_a_glued_joining_word_is_split_after_a_word_that_ends_organisations_names(
    splitter: Language,
) -> None:
    words = [t.text for t in splitter("He studied at the Larner Collegeof Medicine in 1990.")]
    assert words[4:8] == ["Larner", "College", "of", "Medicine"]
