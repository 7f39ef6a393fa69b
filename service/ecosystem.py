"""Dependencies shared by the ecosystem routes (graph, signals, report): the store snapshot of
a date range, the period and region query parameters, the app's rising-term counter, and the
signals computed from them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Depends, Query

from ie_nlp.errors import ErrorCode
from ie_nlp.graph.periods import PeriodUnit
from ie_nlp.graph.signal_models import Signals
from ie_nlp.graph.signals import compute_signals
from ie_nlp.graph.snapshot import Snapshot
from service.deps import SettingsDep, StoreDep
from service.models import IsoDate
from service.problems import ProblemError


@dataclass(frozen=True)
class DateRange:
    since: date | None
    until: date | None


def date_range(
    since: Annotated[
        IsoDate | None, Query(description="Only articles published on or after this day.")
    ] = None,
    until: Annotated[
        IsoDate | None, Query(description="Only articles published on or before this day.")
    ] = None,
) -> DateRange:
    if since is not None and until is not None and since > until:
        raise ProblemError(
            422, ErrorCode.INVALID_DATE_RANGE, f"since ({since}) is after until ({until})."
        )
    return DateRange(since, until)


def get_snapshot(store: StoreDep, dates: Annotated[DateRange, Depends(date_range)]) -> Snapshot:
    return store.snapshot(dates.since, dates.until)


def region_names(
    settings: SettingsDep,
    region: Annotated[
        list[str] | None,
        Query(description="Place names of the 'local' region, repeatable [default: IE_REGION]."),
    ] = None,
) -> list[str]:
    return region or settings.region


SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]
RegionDep = Annotated[list[str], Depends(region_names)]
PeriodQuery = Annotated[
    PeriodUnit, Query(description="Length of the periods: month, quarter or year.")
]
RisingTermsQuery = Annotated[
    bool,
    Query(
        description="Include rising terms (from the terms stored with each article; false "
        "leaves them out)."
    ),
]


def get_signals(
    snapshot: SnapshotDep,
    region: RegionDep,
    period: PeriodQuery = "quarter",
    rising_terms: RisingTermsQuery = True,
) -> Signals:
    """The signals of the requested periods (shared by `/v1/signals` and `/report`)."""
    return compute_signals(snapshot, period, region=region, with_rising_terms=rising_terms)


SignalsDep = Annotated[Signals, Depends(get_signals)]
