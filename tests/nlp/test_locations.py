"""ie_nlp.nlp.locations: the places an article writes next to an organisation."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from ie_nlp import ExtractionResult

Extract = Callable[..., ExtractionResult]


def locations(result: ExtractionResult) -> dict[str, list[str] | None]:
    return {actor.name: actor.attributes.get("locations") for actor in result.actors}


@pytest.mark.parametrize(
    ("text", "name", "expected"),
    [
        (
            "Basel-based Acme Therapeutics signed a deal with Pfizer.",
            "Acme Therapeutics",
            ["Basel"],
        ),
        (
            "Pfizer signed a deal with Beta Bio, a Boston-based biotech.",
            "Beta Bio",
            ["Boston"],
        ),
        (
            "Peabody Coal Co of Henderson, Kentucky, bought the mines.",
            "Peabody Coal Co",
            ["Henderson", "Kentucky"],
        ),
        (
            "Epsilon Bio, based in Cambridge, Massachusetts, signed a deal with Pfizer.",
            "Epsilon Bio",
            ["Cambridge", "Massachusetts"],
        ),
        ("Delta Pharma (Munich) signed a deal with Pfizer.", "Delta Pharma", ["Munich"]),
    ],
)
def test_a_place_next_to_a_mention_locates_the_organisation(
    extract: Extract, text: str, name: str, expected: list[str]
) -> None:
    assert locations(extract(text))[name] == expected


def test_an_organisation_the_text_does_not_place_has_no_locations(extract: Extract) -> None:
    found = locations(extract("Basel-based Acme Therapeutics signed a deal with Pfizer."))
    assert found["Pfizer"] is None
