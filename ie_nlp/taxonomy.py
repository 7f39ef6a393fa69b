"""The contract's identifiers, loaded from ``data/taxonomy.json``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any


@dataclass(frozen=True)
class CapabilityCategory:
    id: str
    market: str
    parent: str | None
    description: str


@dataclass(frozen=True)
class RelationshipType:
    id: str
    directed: bool
    description: str


@dataclass(frozen=True)
class Taxonomy:
    actor_types: dict[str, str]
    capability_categories: dict[str, CapabilityCategory]
    relationship_types: dict[str, RelationshipType]

    def market_of(self, category: str) -> str:
        return self.capability_categories[category].market

    def is_directed(self, relationship_type: str) -> bool:
        return self.relationship_types[relationship_type].directed

    def as_json(self) -> dict[str, Any]:
        """The taxonomy as served by ``GET /v1/taxonomy``."""
        return {
            "actor_types": [{"id": k, "description": v} for k, v in self.actor_types.items()],
            "capability_categories": [
                {"id": c.id, "market": c.market, "parent": c.parent, "description": c.description}
                for c in self.capability_categories.values()
            ],
            "relationship_types": [
                {"id": r.id, "directed": r.directed, "description": r.description}
                for r in self.relationship_types.values()
            ],
        }


def load_data_file(name: str) -> Any:
    """A JSON data file bundled in ``ie_nlp/data``."""
    return json.loads(resources.files("ie_nlp.data").joinpath(name).read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def get_taxonomy() -> Taxonomy:
    raw = load_data_file("taxonomy.json")
    return Taxonomy(
        actor_types=dict(raw["actor_types"]),
        capability_categories={
            k: CapabilityCategory(k, v["market"], v["parent"], v["description"])
            for k, v in raw["capability_categories"].items()
        },
        relationship_types={
            k: RelationshipType(k, v["directed"], v["description"])
            for k, v in raw["relationship_types"].items()
        },
    )


ACTOR_TYPES: tuple[str, ...] = tuple(get_taxonomy().actor_types)
CAPABILITY_CATEGORIES: tuple[str, ...] = tuple(get_taxonomy().capability_categories)
RELATIONSHIP_TYPES: tuple[str, ...] = tuple(get_taxonomy().relationship_types)
