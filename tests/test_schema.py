"""ie_nlp.schema: CONTRACT.md's input article and extraction result as pydantic models."""

from __future__ import annotations

import json
from typing import Any

import pytest
from pydantic import ValidationError

from ie_nlp.schema import SCHEMA_VERSION, ExtractionResult, InputArticle
from ie_nlp.taxonomy import ACTOR_TYPES, CAPABILITY_CATEGORIES, RELATIONSHIP_TYPES, get_taxonomy


def result(**overrides: Any) -> dict[str, Any]:
    record: dict[str, Any] = {
        "id": "r1",
        "actors": [
            {
                "id": "a1",
                "name": "Pfizer",
                "type": "large_pharma",
                "mentions": [{"start": 0, "end": 6, "text": "Pfizer"}],
            },
            {"id": "a2", "name": "Seagen", "type": "biotech", "aliases": ["Seagen Inc."]},
        ],
        "capabilities": [
            {"category": "monoclonal_antibodies", "market": "main", "actor": "a2"},
            {"category": "diagnostics", "market": "complementary", "actor": None},
        ],
        "relationships": [
            {
                "type": "acquisition",
                "source": "a1",
                "target": "a2",
                "confidence": 0.9,
                "evidence": {
                    "start": 0,
                    "end": 39,
                    "text": "Pfizer acquired Seagen for $43 billion.",
                },
                "attributes": {"amount": 43_000_000_000, "currency": "USD"},
            },
        ],
    }
    record.update(overrides)
    return record


def test_taxonomy_identifiers_match_the_contract() -> None:
    assert set(ACTOR_TYPES) == {
        "large_pharma",
        "biotech",
        "tech_supplier",
        "service_provider",
        "medtech",
        "university",
        "research_institute",
        "hospital",
        "investor",
        "public_body",
        "intermediary",
        "other_org",
        "person",
    }
    assert len(CAPABILITY_CATEGORIES) == 17
    assert {"monoclonal_antibodies", "cell_therapy", "digital_health"} <= set(CAPABILITY_CATEGORIES)
    assert set(RELATIONSHIP_TYPES) == {
        "acquisition",
        "merger",
        "investment",
        "grant",
        "licensing",
        "research_collaboration",
        "outsourcing",
        "supply",
        "partnership",
        "spin_off",
        "affiliation",
    }
    taxonomy = get_taxonomy()
    assert {t for t in RELATIONSHIP_TYPES if not taxonomy.is_directed(t)} == {
        "merger",
        "research_collaboration",
        "partnership",
    }
    assert taxonomy.market_of("medical_devices") == "complementary"
    assert taxonomy.market_of("gene_editing") == "main"


# --- input articles ----------------------------------------------------------------------


def test_an_article_needs_text_or_html() -> None:
    assert InputArticle(id="t", text="Acme news.").text == "Acme news."
    assert InputArticle(id="h", html="<p>Acme news.</p>").html == "<p>Acme news.</p>"
    assert InputArticle(id="w", text="  ", html="<p>x</p>").html == "<p>x</p>"
    for fields in ({"id": "n"}, {"id": "e", "text": ""}, {"id": "s", "text": " \n", "html": " "}):
        with pytest.raises(ValidationError):
            InputArticle.model_validate(fields)


@pytest.mark.parametrize("fields", [{"text": "x"}, {"id": "", "text": "x"}, {"id": 7, "text": "x"}])
def test_an_article_needs_a_string_id(fields: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        InputArticle.model_validate(fields)


def test_an_article_keeps_optional_and_extra_fields() -> None:
    article = InputArticle.model_validate(
        {
            "id": "a",
            "text": "x",
            "title": "T",
            "url": "https://example.org/a",
            "published": "2024-03-12",
            "source": "wire",
            "language": "en",
            "section": "biotech",
        }
    )
    assert (article.title, article.published, article.language) == ("T", "2024-03-12", "en")
    assert article.model_extra == {"section": "biotech"}


# --- extraction results ------------------------------------------------------------------


def test_a_valid_result_round_trips_through_json() -> None:
    parsed = ExtractionResult.model_validate(result())
    assert parsed.schema_version == SCHEMA_VERSION == "1"
    record = parsed.as_record()
    assert "text" not in record
    assert ExtractionResult.model_validate(json.loads(json.dumps(record))) == parsed


def test_as_record_keeps_the_text_of_an_html_input() -> None:
    record = ExtractionResult.model_validate(result(text="Pfizer acquired Seagen.")).as_record()
    assert record["text"] == "Pfizer acquired Seagen."


def test_extra_fields_are_allowed() -> None:
    record = result()
    record["actors"][0]["attributes"] = {"description": "a large pharma"}
    record["relationships"][0]["trigger"] = "acquired"
    record["pipeline"] = "test"
    parsed = ExtractionResult.model_validate(record)
    assert parsed.as_record()["relationships"][0]["trigger"] == "acquired"
    assert parsed.as_record()["pipeline"] == "test"


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("actors", 0, "type"), "pharma"),
        (("capabilities", 0, "category"), "antibodies"),
        (("relationships", 0, "type"), "acquires"),
        (("relationships", 0, "confidence"), 1.5),
        (("relationships", 0, "confidence"), -0.1),
        (("actors", 0, "confidence"), 2.0),
        (("capabilities", 0, "confidence"), -1.0),
        (("actors", 0, "mentions", 0, "start"), -1),
        (("relationships", 0, "source"), "a9"),
        (("relationships", 0, "target"), "a9"),
        (("capabilities", 0, "actor"), "a9"),
        (("actors", 1, "id"), "a1"),
    ],
)
def test_an_invalid_result_is_rejected(path: tuple[Any, ...], value: Any) -> None:
    record = result()
    target: Any = record
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValidationError):
        ExtractionResult.model_validate(record)


def test_a_relationship_needs_evidence_and_confidence() -> None:
    for field in ("evidence", "confidence"):
        record = result()
        del record["relationships"][0][field]
        with pytest.raises(ValidationError):
            ExtractionResult.model_validate(record)


def test_the_json_schema_can_be_generated() -> None:
    schema = ExtractionResult.model_json_schema()
    assert {"id", "actors", "capabilities", "relationships"} <= set(schema["properties"])
    assert "id" in InputArticle.model_json_schema()["required"]
