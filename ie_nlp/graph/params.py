"""The ecosystem view's tunable numbers and lists, read from ``data/ecosystem.json``.

Kept as data rather than constants so the magnet definition, the rising-term thresholds and
the report's colours can be reviewed (and changed) in one place, without touching code.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ie_nlp.taxonomy import load_data_file

__all__ = ["EcosystemParams", "MagnetParams", "ReportParams", "RisingTermParams", "get_params"]


@dataclass(frozen=True)
class MagnetParams:
    top: int
    # actor types whose ties make an actor a magnet (biotech covers start-ups: the taxonomy
    # has no separate start-up type)
    partner_types: frozenset[str]
    # for directed relationship types: which end ("source"/"target") is the attracting one;
    # a directed type missing here (spin_off, affiliation) does not count
    magnet_side: dict[str, str]


@dataclass(frozen=True)
class RisingTermParams:
    min_count: int
    previous_periods: int
    min_growth: float
    top: int


@dataclass(frozen=True)
class ReportParams:
    max_nodes: int
    layout_seed: int
    layout_iterations: int
    labelled_nodes: int
    actor_type_colours: dict[str, str]
    # colours of chart series (relationship types, capability categories), used in order
    series_colours: list[str]


@dataclass(frozen=True)
class EcosystemParams:
    deal_types_excluded: frozenset[str]
    top_actors: int
    magnets: MagnetParams
    rising_terms: RisingTermParams
    report: ReportParams


@lru_cache(maxsize=1)
def get_params() -> EcosystemParams:
    raw = load_data_file("ecosystem.json")
    magnets = raw["magnets"]
    return EcosystemParams(
        deal_types_excluded=frozenset(raw["deal_types_excluded"]),
        top_actors=int(raw["top_actors"]),
        magnets=MagnetParams(
            top=int(magnets["top"]),
            partner_types=frozenset(magnets["partner_types"]),
            magnet_side=dict(magnets["magnet_side"]),
        ),
        rising_terms=RisingTermParams(**raw["rising_terms"]),
        report=ReportParams(**raw["report"]),
    )
