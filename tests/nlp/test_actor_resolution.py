"""ie_nlp.nlp.actor_resolution: the mentions of one actor in an article become one actor."""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language

from ie_nlp import ExtractionResult
from ie_nlp.schema import Actor

Extract = Callable[..., ExtractionResult]


def actors_with(result: ExtractionResult, form: str) -> list[Actor]:
    """The actors that have ``form`` as their name, an alias or a mention."""
    return [
        actor
        for actor in result.actors
        if form == actor.name
        or form in actor.aliases
        or any(m.text == form for m in actor.mentions)
    ]


def test_merck_long_short_and_acronym_forms_are_one_actor(extract: Extract) -> None:
    result = extract(
        "Merck & Co., Inc. announced results on Monday. Merck said the trial met its "
        "goal. MSD is known as Merck outside North America."
    )
    merck = actors_with(result, "Merck & Co., Inc.")
    assert len(merck) == 1
    assert actors_with(result, "Merck") == merck
    assert actors_with(result, "MSD") == merck
    actor = merck[0]
    assert actor.name == "Merck & Co., Inc."
    assert {"Merck", "MSD"} <= set(actor.aliases)
    assert actor.name not in actor.aliases
    assert len(actor.mentions) == 4


def test_merck_kgaa_and_merck_and_co_stay_apart(extract: Extract) -> None:
    result = extract("Merck KGaA and Merck & Co., Inc. are different companies.")
    kgaa, co = actors_with(result, "Merck KGaA"), actors_with(result, "Merck & Co., Inc.")
    assert len(kgaa) == 1 and len(co) == 1
    assert kgaa[0].id != co[0].id


def test_a_defined_acronym_joins_its_long_form(extract: Extract) -> None:
    text = (
        "Researchers at the Walter and Eliza Hall Institute (WEHI) in Melbourne published new "
        "data. WEHI scientists led the study."
    )
    result = extract(text)
    wehi = actors_with(result, "WEHI")
    assert len(wehi) == 1
    assert wehi[0].name == "Walter and Eliza Hall Institute"
    later = text.rindex("WEHI")
    assert any(m.start == later for m in wehi[0].mentions), "the later bare acronym is a mention"


def test_a_nickname_in_brackets_is_no_defined_acronym(extract: Extract) -> None:
    # a defined acronym counts for a name with the actor filter: a nickname must not
    result = extract(
        "The Translational Genomics Research Institute (TGen) joined the study. BioMedWire "
        "covers the Biotechnology (BioTech), Biomedical Sciences (BioMed) and Life Sciences "
        "sectors."
    )
    acronyms = {actor.name: actor.attributes.get("acronyms") for actor in result.actors}
    assert acronyms["Translational Genomics Research Institute"] == ["TGen"]
    assert not any(forms and ({"BioMed", "BioTech"} & set(forms)) for forms in acronyms.values()), (
        acronyms
    )


def test_a_legal_suffix_does_not_split_an_actor(extract: Extract) -> None:
    result = extract("The company said Acme Therapeutics Inc. and Acme Therapeutics will merge.")
    acme = actors_with(result, "Acme Therapeutics Inc.")
    assert len(acme) == 1
    assert actors_with(result, "Acme Therapeutics") == acme
    assert acme[0].name == "Acme Therapeutics Inc."


def test_repeated_mentions_are_one_actor_with_every_mention(extract: Extract) -> None:
    text = "Acme Therapeutics' shares rose. The board of Acme Therapeutics met."
    result = extract(text)
    acme = actors_with(result, "Acme Therapeutics")
    assert len(acme) == 1
    assert [m.start for m in acme[0].mentions] == [0, text.rindex("Acme")]


def test_a_lone_surname_is_not_an_actor_of_its_own(extract: Extract) -> None:
    result = extract(
        '"We are pleased," said Jane Doe, Chief Executive Officer of Acme '
        "Therapeutics. Doe joined the company in 2020."
    )
    assert [a.name for a in result.actors if a.type == "person"] == ["Jane Doe"]
    assert not any(a.name == "Doe" for a in result.actors)


def test_resolved_actors_have_unique_ids_and_the_fullest_name(nlp: Language) -> None:
    doc = nlp(
        "Castellan Genomics GmbH announced a financing. Castellan Genomics will use the "
        "proceeds for its lead programme, said Jane Doe."
    )
    actors = doc._.ie_actors  # resolve()'s output, typed
    ids = [actor.id for actor in actors]
    assert len(ids) == len(set(ids))
    castellan = [a for a in actors if "Castellan Genomics" in a.surface_forms]
    assert len(castellan) == 1
    assert castellan[0].name == "Castellan Genomics GmbH"
    starts = [m.start for m in castellan[0].mentions]
    assert starts == sorted(starts) and len(starts) == 2


def test_a_sentence_final_period_is_not_part_of_the_name(extract: Extract) -> None:
    text = "The papers were published by Gulf Coast Newspapers Inc. Gulf Coast is a subsidiary."
    result = extract(text)
    [actor] = actors_with(result, "Gulf Coast Newspapers Inc.")
    assert actor.name == "Gulf Coast Newspapers Inc"
    assert all(text[m.start : m.end] == m.text for m in actor.mentions)  # offsets unchanged


def test_a_period_before_a_line_break_that_ends_the_sentence_is_not_part_of_the_name(
    extract: Extract,
) -> None:
    text = "Snyder Oil Partners LP said it acquired 12 pct of Cenergy Corp.\n    It said more."
    [actor] = actors_with(extract(text), "Cenergy Corp.")
    assert actor.name == "Cenergy Corp"


def test_two_names_with_a_legal_form_are_two_companies(extract: Extract) -> None:
    result = extract(
        "Gelco Corp said it signed a letter of intent to sell its courier unit, Gelco Express "
        "Ltd, to a rival for 54 mln dlrs."
    )
    assert len(actors_with(result, "Gelco Corp")) == 1
    assert len(actors_with(result, "Gelco Express Ltd")) == 1
    assert actors_with(result, "Gelco Corp") != actors_with(result, "Gelco Express Ltd")


def test_a_short_form_still_joins_the_full_name(extract: Extract) -> None:
    result = extract("Oncotelic Therapeutics Inc said it raised funds. Oncotelic Inc will grow.")
    assert actors_with(result, "Oncotelic Inc") == actors_with(result, "Oncotelic Therapeutics Inc")


def test_a_gazetteer_actor_also_carries_the_gazetteer_names(extract: Extract) -> None:
    result = extract("The U.S. FDA approved the drug of Castellan Genomics Inc. on Monday.")
    fda = actors_with(result, "U.S. FDA")
    assert len(fda) == 1
    assert fda[0].attributes["gazetteer_name"] == "U.S. Food and Drug Administration"
    assert {"FDA", "U.S. Food and Drug Administration"} <= set(fda[0].aliases)
    assert "U.S. FDA" not in fda[0].aliases
    castellan = actors_with(result, "Castellan Genomics Inc.")
    assert castellan and castellan[0].aliases == []


def test_a_name_after_invisible_or_no_break_spaces_comes_out_whole(extract: Extract) -> None:
    text = (
        "Moles matter.\u200b\u200bCalifornia Skin Institute said Boston\u00a0Scientific Corp "
        "helped."
    )
    result = extract(text)
    names = {actor.name for actor in result.actors}
    assert {"California Skin Institute", "Boston Scientific Corp"} <= names
    institute = actors_with(result, "California Skin Institute")[0]
    mention = institute.mentions[0]
    assert text[mention.start : mention.end] == "California Skin Institute"


def test_a_companys_short_form_written_later_is_a_mention(extract: Extract) -> None:
    result = extract(
        "Oncotelic Therapeutics Inc said it raised funds. The money lets Oncotelic grow."
    )
    (oncotelic,) = actors_with(result, "Oncotelic Therapeutics Inc")
    assert [m.text for m in oncotelic.mentions] == ["Oncotelic Therapeutics Inc", "Oncotelic"]


def test_a_short_form_the_ner_once_reads_as_a_place_is_still_a_mention(extract: Extract) -> None:
    # the NER reads the last "Disarm" as a place and the others as people: the company's
    # short form is a place only where the NER reads it as one at least as often as not
    result = extract(
        "Lilly will acquire Disarm Therapeutics. Disarm's scientific founders started the "
        "company. The scientific team at Disarm discovered it. Atlas supported the "
        "foundational work at Disarm."
    )
    (disarm,) = actors_with(result, "Disarm Therapeutics")
    assert [m.text for m in disarm.mentions] == ["Disarm Therapeutics"] + ["Disarm"] * 3


def test_a_word_the_text_writes_in_lower_case_is_no_short_form(extract: Extract) -> None:
    result = extract(
        "Precision BioSciences Inc said it will grow. Precision medicine needs precision tools."
    )
    precision = actors_with(result, "Precision BioSciences Inc")
    assert [m.text for m in precision[0].mentions] == ["Precision BioSciences Inc"]


def test_words_glued_by_scraping_are_apart_in_the_name(extract: Extract) -> None:
    result = extract("Jane Doe is dean of the Larner Collegeof Medicine at the University.")
    college = actors_with(result, "Larner College of Medicine")
    assert college, [actor.name for actor in result.actors]
    # the mention keeps the article's own text at its offsets
    assert [m.text for m in college[0].mentions] == ["Larner Collegeof Medicine"]
