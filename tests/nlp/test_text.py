"""ie_nlp.nlp.text: HTML to text, and sentence starts at paragraph breaks and markup."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ie_nlp.nlp.text import html_to_text, prepare_text

PAGE = Path(__file__).resolve().parents[2] / "corpora" / "sample" / "pages" / "rhine-article.html"


@pytest.fixture
def breaker() -> Language:
    """A blank English tokenizer with only the paragraph component: no parser to blur it."""
    blank = spacy.blank("en")
    blank.add_pipe("ie_paragraphs")
    return blank


def test_html_page_keeps_the_article_and_drops_the_boilerplate() -> None:
    text = html_to_text(PAGE.read_text(encoding="utf-8"))
    assert "Dermalis GmbH, a start-up that grows" in text
    assert "a manufacturing agreement with RheinBio Manufacturing" in text
    for boilerplate in (
        "We use cookies",
        "Accept all",
        "dataLayer",
        "font-family",
        "All rights reserved",
        "Cookie settings",
    ):
        assert boilerplate not in text


def test_html_entities_are_decoded_and_no_tags_remain() -> None:
    text = html_to_text(PAGE.read_text(encoding="utf-8"))
    assert "patient’s own cells" in text
    assert "&rsquo;" not in text and "&mdash;" not in text
    assert "<p" not in text and "</" not in text


def test_html_fragment_keeps_text_and_drops_script_and_style() -> None:
    html = (
        "<div><p>Acme Therapeutics raised $40 million.</p><script>var tracker = 1;</script>"
        "<style>p { color: red; }</style></div>"
    )
    text = html_to_text(html)
    assert "Acme Therapeutics raised $40 million." in text
    assert "tracker" not in text
    assert "color" not in text


def test_html_without_visible_text_gives_an_empty_string() -> None:
    assert html_to_text("<html><body><script>var x = 1;</script></body></html>").strip() == ""


def test_prepared_text_has_plain_spaces_and_unwrapped_lines_at_the_same_offsets() -> None:
    text = "Boston Scientific\u00a0Corp said.\u200b\u200bQuaker\nState Oil\u202fCorp did.\n\nNext"
    prepared = prepare_text(text)
    assert prepared == "Boston Scientific Corp said.  Quaker State Oil Corp did.\n\nNext"
    assert len(prepared) == len(text)


def test_a_line_break_after_a_sentence_end_starts_a_sentence(breaker: Language) -> None:
    doc = breaker("Acme Therapeutics raised $40 million.\nAlpine Ventures led the round.")
    alpine = next(t for t in doc if t.text == "Alpine")
    assert alpine.is_sent_start


def test_a_hard_wrap_inside_a_sentence_starts_nothing(breaker: Language) -> None:
    doc = breaker("Acme Therapeutics raised $40 million in a financing\nled by Alpine Ventures.")
    led = next(t for t in doc if t.text == "led")
    assert not led.is_sent_start


def test_a_blank_line_starts_a_sentence(breaker: Language) -> None:
    doc = breaker("Headline without a full stop\n\nThe company said more.")
    the = next(t for t in doc if t.text == "The")
    assert the.is_sent_start


def test_no_sentence_start_is_forced_inside_a_line(breaker: Language) -> None:
    doc = breaker("Acme Therapeutics and Beta Bio signed an agreement in Basel.")
    assert not any(token.is_sent_start for token in doc[1:])


@pytest.mark.parametrize("markup", ["## About Acme", "**About Acme**", "> About Acme"])
def test_markup_separates_a_heading(breaker: Language, markup: str) -> None:
    doc = breaker(f"Results were strong. {markup} Acme is a biotech.")
    about = next(t for t in doc if t.text == "About")
    assert about.is_sent_start


@pytest.mark.parametrize(
    ("words", "spaces"),
    [
        # "announced,**Jane Doe**leads Acme."
        (
            ["announced", ",", "**", "Jane", "Doe", "**", "leads", "Acme", "."],
            [False, False, False, True, False, False, True, False, False],
        ),
        # "LYNPARZA**became the first."
        (
            ["LYNPARZA", "**", "became", "the", "first", "."],
            [False, False, True, True, False, False],
        ),
    ],
)
def test_bold_glued_to_the_words_around_it_starts_nothing(
    breaker: Language, words: list[str], spaces: list[bool]
) -> None:
    doc = breaker(Doc(breaker.vocab, words=words, spaces=spaces))
    assert not any(token.is_sent_start for token in doc[1:])


def test_bold_glued_to_a_sentence_end_still_opens_a_heading(breaker: Language) -> None:
    # "Results were strong.**About Acme** Acme is a biotech."
    words = ["Results", "were", "strong", ".", "**", "About", "Acme", "**", "Acme", "is", "."]
    spaces = [True, True, False, False, False, True, False, True, True, False, False]
    doc = breaker(Doc(breaker.vocab, words=words, spaces=spaces))
    assert doc[4].is_sent_start and doc[5].is_sent_start


def test_the_pipeline_splits_bold_marks_glued_to_words(nlp: Language) -> None:
    doc = nlp.make_doc("As announced,**Jane Doe**leads Acme; LYNPARZA**became the first.")
    assert [token.text for token in doc] == [
        "As", "announced", ",", "**", "Jane", "Doe", "**", "leads", "Acme", ";",
        "LYNPARZA", "**", "became", "the", "first", "."]  # fmt: skip


def test_the_pipeline_never_runs_a_sentence_across_a_paragraph(nlp: Language) -> None:
    text = (
        "Castellan Genomics appoints new Chief Scientific Officer\n\n"
        "Castellan Genomics today announced the appointment of Dr. Jane Doe.\n"
        "She joins from Beta Bio"
    )
    doc = nlp(text)
    for sentence in doc.sents:
        assert "\n" not in sentence.text.strip(), sentence.text
