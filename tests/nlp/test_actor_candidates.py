"""ie_nlp.nlp.actor_candidates: which entity spans become actor candidates, and how they are
cleaned (ANNOTATION.md § Actors: no drugs, trials, journals, exchanges or news wires)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from ie_nlp.names import normalize_name
from ie_nlp.nlp.actor_candidates import Candidate, find_candidates
from ie_nlp.nlp.lexicons import get_lexicons


def candidates(nlp: Language, text: str) -> list[Candidate]:
    return find_candidates(nlp(text), get_lexicons())


def texts(found: list[Candidate]) -> list[str]:
    return [candidate.span.text for candidate in found]


def test_an_organisation_is_a_candidate_of_kind_org(nlp: Language) -> None:
    found = candidates(nlp, "Castellan Genomics signed an agreement with Beta Bio.")
    kinds = {c.span.text: c.kind for c in found}
    assert kinds.get("Castellan Genomics") == "org"
    assert kinds.get("Beta Bio") == "org"


def test_a_person_is_a_candidate_of_kind_person(nlp: Language) -> None:
    found = candidates(
        nlp, '"We are pleased," said Jane Doe, Chief Executive Officer of Acme Therapeutics.'
    )
    kinds = {c.span.text: c.kind for c in found}
    assert kinds.get("Jane Doe") == "person"
    assert kinds.get("Acme Therapeutics") == "org"


def test_determiners_and_possessives_are_trimmed(nlp: Language) -> None:
    found = texts(
        candidates(
            nlp, "The University of Basel's researchers and Acme Therapeutics' scientists met."
        )
    )
    assert "University of Basel" in found
    assert "Acme Therapeutics" in found
    assert not any(text.startswith("The ") or text.endswith(("'s", "'")) for text in found)


def test_headline_verbs_at_a_name_edge_are_trimmed(nlp: Language) -> None:
    headline = "Lilly to Acquire Verve Therapeutics\n\nEli Lilly and Company announced a deal."
    found = texts(candidates(nlp, headline))
    assert not any(text.split()[0] in {"Acquire", "Announces"} for text in found), found
    # a bare form that begins a company's name stays
    assert "Complete Genomics" in texts(
        candidates(nlp, "Complete Genomics signed an agreement with Beta Bio.")
    )


@pytest.mark.parametrize(
    ("headline", "verb", "name"),
    [
        ("Eli Lilly and Company and Loxo Oncology Announce Expiration of Hart-Scott-Rodino "
         "Waiting Period", "Announce", "Loxo Oncology"),
        ("NewAge Industries and Carolina Components Group Announce a Collaboration to Supply "
         "Tubing", "Announce", "Carolina Components Group"),
    ],
)  # fmt: skip
def test_a_name_ends_before_a_headline_verb_inside_it(
    nlp: Language, headline: str, verb: str, name: str
) -> None:
    found = texts(candidates(nlp, headline))
    assert name in found, found
    assert not any(verb in candidate for candidate in found), found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Centerview Partners LLC is acting as adviser to Merck.", "Centerview Partners LLC"),
        # a merger vehicle: the legal form says the words before it are one name
        ("Viacom said its unit Arsenal Acquiring Corp merged into Arsenal Holdings Inc.",
         "Arsenal Acquiring Corp"),
    ],
)  # fmt: skip
def test_a_headline_verbs_form_stays_in_a_name_that_goes_on_as_one(
    nlp: Language, text: str, name: str
) -> None:
    found = texts(candidates(nlp, text))
    assert name in found, found


def test_a_headline_name_needs_a_cue_a_legal_form_or_a_listing(nlp: Language) -> None:
    found = texts(
        candidates(
            nlp,
            "Soligenix Inc. Reports Positive Safety Review for New Company Drug\n\n"
            "The review was positive.",
        )
    )
    assert "Soligenix Inc." in found
    # "Co" and "Company" end many title-case phrases that name no one
    assert not any(text.endswith("Company") for text in found), found


def test_a_listed_name_is_an_organisation_whatever_its_label(nlp: Language) -> None:
    found = candidates(
        nlp, "Trial News\n\nSoligenix (NASDAQ: SNGX), a late-stage company, reported data."
    )
    kinds = {c.span.text: c.kind for c in found}
    assert kinds.get("Soligenix") == "org", kinds


def test_a_bare_verb_ending_a_compound_subject_is_trimmed(nlp: Language) -> None:
    headline = (
        "Merck and Institute for Systems Biology Collaborate to Define Mechanisms\n\n"
        "Merck and the Institute for Systems Biology today announced a collaboration."
    )
    found = texts(candidates(nlp, headline))
    assert "Institute for Systems Biology" in found
    assert not any(text.endswith("Collaborate") for text in found), found


def test_candidate_spans_are_spans_of_the_doc(nlp: Language) -> None:
    doc = nlp("Alpine Ventures led the round in Acme Therapeutics, joined by Beta Bio.")
    for candidate in find_candidates(doc, get_lexicons()):
        assert candidate.span.doc is doc
        assert doc.text[candidate.span.start_char : candidate.span.end_char] == candidate.span.text


def test_a_gazetteer_alias_is_tied_to_its_canonical_entry(nlp: Language) -> None:
    found = candidates(nlp, "Acme Therapeutics received approval from the FDA.")
    fda = next(c for c in found if c.span.text == "FDA")
    assert fda.kind == "org"
    assert fda.gazetteer_name  # the canonical name of the agency


@pytest.mark.parametrize(
    ("text", "non_actor"),
    [
        (
            "Acme Therapeutics published the results in Nature Medicine on Monday.",
            "Nature Medicine",
        ),
        (
            "The Acme Therapeutics study appeared in The New England Journal of Medicine.",
            "New England Journal of Medicine",
        ),
        ("Acme Therapeutics published the data in The Lancet.", "Lancet"),
        ("Acme Therapeutics announced the results via Business Wire.", "Business Wire"),
        ("NEW YORK--(BUSINESS WIRE)--Acme Therapeutics today announced results.", "Business Wire"),
        ("Acme Therapeutics shares trade on the Nasdaq under the ticker ACME.", "Nasdaq"),
        ("Shares of Acme Therapeutics rose 5% on the NYSE.", "NYSE"),
        ("Acme Therapeutics is developing pembrolizumab for lung cancer.", "pembrolizumab"),
        ("Acme Therapeutics will start a trial of CSG-101 next year.", "CSG-101"),
        ("Acme Therapeutics presented data at the ASCO Annual Meeting in Chicago.", "ASCO"),
    ],
)
def test_journals_wires_exchanges_drugs_and_meetings_are_not_candidates(
    nlp: Language, text: str, non_actor: str
) -> None:
    found = [normalize_name(t) for t in texts(candidates(nlp, text))]
    assert not any(normalize_name(non_actor) in key for key in found), found
    assert "acme therapeutics" in found


def test_generic_references_are_not_candidates(nlp: Language) -> None:
    found = [
        normalize_name(t)
        for t in texts(
            candidates(
                nlp, "The Company said the Board approved the plan. The Company expects growth."
            )
        )
    ]
    assert "company" not in found
    assert "board" not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Shandwick said it bought Hayes-Albion Corp last year.", "Hayes-Albion Corp"),
        (
            "The unit was sold to First Montauk Securities Corp on Monday.",
            "First Montauk Securities Corp",
        ),
        ("Kurt Becher GmbH and Oelmuehle Hamburg AG signed the deal.", "Oelmuehle Hamburg AG"),
        (
            "The bank sold its stake in British Printing Corp Plc to a fund.",
            "British Printing Corp Plc",
        ),
        (
            "Henkel is selling its unit Noblee und Thoerl GmbH to a rival.",
            "Noblee und Thoerl GmbH",
        ),
        (
            "Sanwa Bank Ltd bought a stake in Banco Portugues de Investmento Sarl this week.",
            "Banco Portugues de Investmento Sarl",
        ),
        (
            "The company completed the acquisition of Union Bancorp of West Virginia Inc today.",
            "Union Bancorp of West Virginia Inc",
        ),
        (
            "It bought a stake in Westwood Energy Properties Limited Partnership for 10 mln dlrs.",
            "Westwood Energy Properties Limited Partnership",
        ),
        (
            "Scott's said it acquired Capital Food Services Ltd of Ottawa.",
            "Capital Food Services Ltd",
        ),
        ("Kraft Inc completed the acquisition of Holleb and Co, a distributor.", "Holleb and Co"),
        ("Resdel Industries said it and San/Bar Corp agreed to merge.", "San/Bar Corp"),
        (
            "The unit of Far West Savings and Loan Association agreed to the deal.",
            "Far West Savings and Loan Association",
        ),
    ],
)
def test_a_legal_form_marks_a_whole_name(nlp: Language, text: str, name: str) -> None:
    assert name in texts(candidates(nlp, text))


def test_a_capitalised_title_word_can_be_a_first_name(nlp: Language) -> None:
    found = texts(candidates(nlp, "Merck's research chief Dean Y. Li presented the data."))
    assert "Dean Y. Li" in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Novavax congratulates Robert F. Kennedy, Jr. on his confirmation.",
            "Robert F. Kennedy, Jr.",
        ),
        ("The board elected John F. Heerdink Jr. as its chair.", "John F. Heerdink Jr."),
    ],
)
def test_a_generational_suffix_stays_in_a_persons_name(nlp: Language, text: str, name: str) -> None:
    kinds = {c.span.text: c.kind for c in candidates(nlp, text)}
    assert kinds.get(name) == "person", kinds


def test_a_name_may_begin_with_a_digit_but_not_with_a_number(nlp: Language) -> None:
    found = texts(candidates(nlp, "The round was led by 5AM Ventures with Gamma Capital."))
    assert "5AM Ventures" in found
    # the cue-word ruler's name: "5AM" is a word of its own, not punctuation
    found = texts(candidates(nlp, "Investors include 5AM Ventures and ARCH Venture Partners."))
    assert "5AM Ventures" in found
    assert not any("3M" in text for text in texts(
        candidates(nlp, "Telomir Pharmaceuticals Secures $3M Equity Investment")))  # fmt: skip
    assert not any(text.startswith("2023") for text in texts(
        candidates(nlp, "The 2023 Annual Report of Acme Therapeutics is out.")))  # fmt: skip


def test_a_known_organisations_name_keeps_a_last_word_that_headlines_use_as_a_verb(
    nlp: Language,
) -> None:
    found = texts(candidates(nlp, "The round was led by ARCH Venture Partners and Beta Bio."))
    assert "ARCH Venture Partners" in found, found


def test_a_name_the_ner_ends_at_and_is_rejoined(nlp: Language) -> None:
    found = texts(
        candidates(
            nlp, "Shandwick Plc agreed to buy the Los Angeles-based Rogers and Cowan Inc today."
        )
    )
    assert "Rogers and Cowan Inc" in found


def test_a_complete_name_before_and_stays_apart(nlp: Language) -> None:
    found = texts(
        candidates(
            nlp,
            "Researchers at the Center for Clinical Management Research and University of "
            "Michigan Medical School led the study.",
        )
    )
    assert "University of Michigan Medical School" in found
    assert not any(" and University" in text for text in found)


def test_of_joins_a_name_only_after_an_organisation_word(nlp: Language) -> None:
    found = texts(candidates(nlp, "The deal was announced by Jane Doe of Acme Inc yesterday."))
    assert "Acme Inc" in found
    assert not any("Doe of" in text for text in found)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Scott's Hospitality Inc said it acquired Capital Food Services Ltd.",
            "Scott's Hospitality Inc",
        ),
        (
            "Borg-Warner agreed to sell the group to Clayton and Dubilier Inc for 240 mln dlrs.",
            "Clayton and Dubilier Inc",
        ),
    ],
)
def test_a_name_cut_at_a_possessive_or_and_is_rejoined(nlp: Language, text: str, name: str) -> None:
    assert name in texts(candidates(nlp, text))


def test_an_owner_written_alone_elsewhere_stays_apart(nlp: Language) -> None:
    text = "Pfizer said it bought a lab. Pfizer's Hospira Inc unit will run it."
    found = texts(candidates(nlp, text))
    assert "Hospira Inc" in found
    assert "Pfizer's Hospira Inc" not in found


def test_a_person_before_and_stays_apart(nlp: Language) -> None:
    found = texts(
        candidates(
            nlp,
            "Taft Broadcasting Co vice chairman Dudley Taft and Narragansett Capital Inc said "
            "they will pursue their effort.",
        )
    )
    assert "Narragansett Capital Inc" in found
    assert not any("Taft and" in text for text in found)


def test_a_name_does_not_run_across_a_sentence_break(nlp: Language) -> None:
    found = texts(
        candidates(
            nlp,
            "Former owners hold 40 pct in CytRx Biopool Ltd. Biopool AB develops diagnostic "
            "products.",
        )
    )
    assert "Biopool AB" in found
    assert not any("Ltd. Biopool" in text for text in found)


def test_and_phrases_make_no_name_without_an_organisation_word(nlp: Language) -> None:
    assert texts(candidates(nlp, "Oil and Gas Prices rose sharply in March.")) == []


def test_an_organisation_word_makes_a_person_label_an_organisation(nlp: Language) -> None:
    found = candidates(nlp, "Stanley Works said it has acquired Acme Holding Corp.")
    assert ("Stanley Works", "org") in [(c.span.text, c.kind) for c in found]


def test_an_unlabelled_proper_name_right_before_said_is_an_organisation(nlp: Language) -> None:
    found = candidates(nlp, "Wyse Technology said it agreed to acquire Link Technologies Inc.")
    assert ("Wyse Technology", "org") in [(c.span.text, c.kind) for c in found]


def test_a_proper_name_away_from_a_reporting_verb_is_left_to_the_ner(nlp: Language) -> None:
    found = texts(candidates(nlp, "Shares of Wyse Technology rose after the report."))
    assert "Wyse Technology" not in found


def test_an_institutions_field_may_end_in_a_word_that_ends_treatment_names(
    nlp: Language,
) -> None:
    doc = nlp(
        "Researchers at the Center for Regenerative Medicine & Cell Based Therapies of Ohio "
        "State work on new treatments. They compared Cell Based Therapies in mice. The Gene "
        "Editing Institute of the Helen F. Graham Cancer Center is in Delaware."
    )
    names = (
        "Center for Regenerative Medicine & Cell Based Therapies",
        "Cell Based Therapies in",
        "Gene Editing Institute of the Helen F. Graham Cancer",  # the NER cut "Center"
    )
    ents = []
    for name in names:
        start = doc.text.index(name)
        span = doc.char_span(start, start + len(name.removesuffix(" in")), label="ORG")
        assert span is not None
        ents.append(span)
    doc.ents = ents
    assert texts(find_candidates(doc, get_lexicons())) == [names[0]]


def test_a_name_the_tokenizer_split_at_hyphens_is_whole(nlp: Language) -> None:
    found = texts(candidates(nlp, "C-I-L Inc said it would buy Trimac Ltd's stake."))
    assert "C-I-L Inc" in found
