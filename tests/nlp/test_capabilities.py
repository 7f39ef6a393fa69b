"""ie_nlp.nlp.capabilities: capability mentions from the lexicon and INN stems, attributed to
the organisation that holds them, or to nobody."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ie_nlp import ExtractionResult
from ie_nlp.schema import Capability
from ie_nlp.taxonomy import get_taxonomy

Extract = Callable[..., ExtractionResult]


def actor_id(result: ExtractionResult, name: str) -> str:
    found = [a.id for a in result.actors if a.name == name]
    assert len(found) == 1, [a.name for a in result.actors]
    return found[0]


def capability(result: ExtractionResult, category: str) -> Capability:
    found = [c for c in result.capabilities if c.category == category]
    assert found, [c.category for c in result.capabilities]
    return found[0]


@pytest.mark.parametrize(
    ("drug", "category"),
    [
        ("zanidatamab", "monoclonal_antibodies"),
        ("pembrolizumab", "monoclonal_antibodies"),
        ("osimertinib", "small_molecules"),
        ("tisagenlecleucel", "cell_therapy"),
    ],
)
def test_an_inn_stem_gives_a_capability_of_the_company_in_the_sentence(
    extract: Extract, drug: str, category: str
) -> None:
    text = f"Acme Therapeutics is developing {drug} for patients with gastric cancer."
    result = extract(text)
    found = capability(result, category)
    assert found.actor == actor_id(result, "Acme Therapeutics")
    assert any(m.text == drug for m in found.mentions)
    assert found.market == "main"


def test_a_lexicon_term_gives_a_capability(extract: Extract) -> None:
    result = extract("Rhine Biologics, a global CDMO, will manufacture the antibody.")
    found = capability(result, "manufacturing_services")
    assert found.actor == actor_id(result, "Rhine Biologics")
    assert found.market == "complementary"


def test_a_capability_no_one_named_holds_is_not_given_to_the_company_named_before(
    extract: Extract,
) -> None:
    result = extract(
        "Acme Therapeutics appointed a new chief financial officer in Basel. "
        "Gene therapy is a growing field, analysts said."
    )
    # nobody, if anything: the gold gives a category to nobody in 62 of the 1,357 cases the
    # holder model is asked about, so the model seldom keeps it
    assert all(c.actor is None for c in result.capabilities if c.category == "gene_therapy")


def test_the_company_refers_back_to_the_previous_subject(extract: Extract) -> None:
    result = extract(
        "Acme Therapeutics is a clinical-stage biotechnology company. The company "
        "develops CAR-T cell therapies."
    )
    assert capability(result, "cell_therapy").actor == actor_id(result, "Acme Therapeutics")


def test_the_holder_is_the_organisation_of_the_capabilitys_sentence(extract: Extract) -> None:
    result = extract(
        "Acme Therapeutics partnered with Beta Bio. Beta Bio makes adeno-associated virus vectors."
    )
    assert capability(result, "gene_therapy").actor == actor_id(result, "Beta Bio")


def test_mentions_of_one_category_and_holder_make_one_record(extract: Extract) -> None:
    result = extract(
        "Acme Therapeutics is developing zanidatamab, a bispecific antibody, and "
        "a second monoclonal antibody."
    )
    records = [c for c in result.capabilities if c.category == "monoclonal_antibodies"]
    assert len(records) == 1
    assert len(records[0].mentions) >= 2


def test_categories_and_markets_come_from_the_taxonomy(extract: Extract) -> None:
    taxonomy = get_taxonomy()
    result = extract(
        "Tessera Health develops digital health software and diagnostics. Acme "
        "Therapeutics develops mRNA vaccines, siRNA therapeutics and small molecules."
    )
    assert result.capabilities
    for found in result.capabilities:
        assert found.category in taxonomy.capability_categories
        assert found.market == taxonomy.market_of(found.category)


def test_an_organisation_name_alone_gives_no_capability(extract: Extract) -> None:
    result = extract("Acme Therapeutics appointed a new chief financial officer in Basel.")
    assert result.capabilities == []
