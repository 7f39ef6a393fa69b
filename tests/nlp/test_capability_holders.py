"""ie_nlp.nlp.capability_holders: the (category, holder) pairs the holder model decides on,
and what the text says of each, on docs from the real pipeline."""

from __future__ import annotations

from typing import Any

from spacy.language import Language

from ie_nlp.nlp.capability_holders import HolderCandidate


def candidates(nlp: Language, text: str) -> dict[tuple[str, str | None], HolderCandidate]:
    doc = nlp(text)
    finder: Any = nlp.get_pipe("ie_capabilities")
    found = finder.candidates(doc, doc._.ie_capabilities)
    return {(c.category, c.holder.name if c.holder else None): c for c in found}


def test_the_subject_of_the_sentence_is_a_local_candidate_and_nobody_is_asked(
    nlp: Language,
) -> None:
    found = candidates(nlp, "Acme Therapeutics develops monoclonal antibodies for cancer.")
    holder = found[("monoclonal_antibodies", "Acme Therapeutics")]
    assert holder.features["local"] == 1.0
    assert holder.features["subject"] == 1.0
    assert holder.features["nearest"] == 1.0
    assert holder.evidence.text.startswith("Acme Therapeutics develops")
    assert [m.text for m in holder.mentions] == ["monoclonal antibodies"]
    nobody = found[("monoclonal_antibodies", None)]
    assert nobody.features["nobody"] == 1.0
    assert "local" not in nobody.features


def test_an_organisation_named_only_elsewhere_is_asked_with_what_sets_it_apart(
    nlp: Language,
) -> None:
    text = (
        "Rhine Biologics signed a supply agreement with Globex Pharma. "
        "Globex Pharma develops cell therapies for solid tumours."
    )
    found = candidates(nlp, text)
    named = found[("cell_therapy", "Globex Pharma")]
    assert named.features["local"] == 1.0
    away = found[("cell_therapy", "Rhine Biologics")]
    assert "local" not in away.features
    assert away.features.get("elsewhere") == 1.0 or away.features.get("focus_absent") == 1.0
    assert away.features["holder_share"] < named.features["holder_share"]


def test_the_evidence_is_the_first_sentence_that_names_the_holder(nlp: Language) -> None:
    # a legal form makes the holder an actor whatever the actor filter says: this test is
    # about the evidence (the filter gives "Castellan Genomics" here 0.33, near its threshold)
    text = (
        "Gene therapy is a growing field. "
        "Castellan Genomics Inc. develops gene therapy vectors for rare diseases."
    )
    holder = candidates(nlp, text)[("gene_therapy", "Castellan Genomics Inc.")]
    assert holder.evidence.text.startswith("Castellan Genomics Inc. develops")
    assert all(m.sent == holder.evidence for m in holder.mentions)
    assert holder.features["category_mentions"] > holder.features["local_mentions"] > 0
