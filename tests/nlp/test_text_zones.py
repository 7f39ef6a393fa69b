"""ie_nlp.nlp.text_zones: where each sentence of a release stands, on docs parsed by the real
pipeline."""

from __future__ import annotations

from spacy.language import Language

from ie_nlp.nlp.lexicons import get_lexicons
from ie_nlp.nlp.text_zones import Zoning


def zones(nlp: Language, text: str) -> list[tuple[str, frozenset[str]]]:
    zoning = Zoning(get_lexicons().text_zones)
    return [
        (sentence.text.strip(), zoning.zones(sentence, number))
        for number, sentence in enumerate(nlp(text).sents)
    ]


def test_the_about_paragraph_runs_from_its_heading_to_the_end(nlp: Language) -> None:
    text = (
        "Acme Therapeutics Raises $40 Million\n\n"
        "Acme Therapeutics said on Monday that it raised $40 million. "
        "The money funds two trials. The company will hire staff. "
        "Its chief executive spoke to reporters.\n\n"
        "About Acme Therapeutics\n\n"
        "Acme Therapeutics develops antibodies. It was founded in 2015."
    )
    found = zones(nlp, text)
    assert "headline" in found[0][1]
    assert "lead" in found[1][1]
    about = [text for text, zone in found if "about" in zone]
    assert about[0].startswith("About Acme")
    assert about[-1].startswith("It was founded")
    assert not any("about" in zone for text, zone in found if "raised" in text)


def test_contacts_and_safe_harbour_text_are_marked(nlp: Language) -> None:
    text = (
        "Acme Therapeutics develops antibodies. "
        "This release contains forward-looking statements about our plans. "
        "Media contact: Jane Doe, press@acme.example."
    )
    found = dict(zones(nlp, text))
    assert "legal" in next(z for t, z in found.items() if t.startswith("This release"))
    assert "contact" in next(z for t, z in found.items() if t.startswith("Media contact"))
    assert "legal" not in next(z for t, z in found.items() if t.startswith("Acme"))
