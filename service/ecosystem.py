"""Dependencies shared by the ecosystem routes (graph, signals, report): the store snapshot of
a date range, the period and region query parameters, the app's rising-term counter, and the
signals computed from them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated

from fastapi import Depends, Query, Request

from ie_nlp.graph.periods import PeriodUnit
from ie_nlp.graph.signal_models import Signals
from ie_nlp.graph.signals import compute_signals
from ie_nlp.graph.snapshot import Snapshot
from ie_nlp.graph.terms import TermCounter
from service.deps import SettingsDep, StoreDep
from service.problems import ProblemError


@dataclass(frozen=True)
class DateRange:
    since: date | None
    until: date | None


def date_range(
    since: Annotated[
        date | None, Query(description="Only articles published on or after this day.")
    ] = None,
    until: Annotated[
        date | None, Query(description="Only articles published on or before this day.")
    ] = None,
) -> DateRange:
    if since is not None and until is not None and since > until:
        raise ProblemError(422, "invalid_date_range", f"since ({since}) is after until ({until}).")
    return DateRange(since, until)


def get_snapshot(store: StoreDep, dates: Annotated[DateRange, Depends(date_range)]) -> Snapshot:
    return store.snapshot(dates.since, dates.until)


def get_term_counter(request: Request, settings: SettingsDep) -> TermCounter:
    """One counter per app, so each article's noun chunks are parsed once per process."""
    counter: TermCounter | None = getattr(request.app.state, "term_counter", None)
    if counter is None:
        counter = TermCounter.from_settings(settings)
        request.app.state.term_counter = counter
    return counter


def region_names(
    settings: SettingsDep,
    region: Annotated[
        list[str] | None,
        Query(description="Place names of the 'local' region, repeatable [default: IE_REGION]."),
    ] = None,
) -> list[str]:
    return region or settings.region


SnapshotDep = Annotated[Snapshot, Depends(get_snapshot)]
TermCounterDep = Annotated[TermCounter, Depends(get_term_counter)]
RegionDep = Annotated[list[str], Depends(region_names)]
PeriodQuery = Annotated[
    PeriodUnit, Query(description="Length of the periods: month, quarter or year.")
]
RisingTermsQuery = Annotated[
    bool,
    Query(
        description="Compute rising terms (parses every article once per server process; "
        "false answers faster on a large store)."
    ),
]


def get_signals(
    snapshot: SnapshotDep,
    terms: TermCounterDep,
    region: RegionDep,
    period: PeriodQuery = "quarter",
    rising_terms: RisingTermsQuery = True,
) -> Signals:
    """The signals of the requested periods (shared by `/v1/signals` and `/report`)."""
    return compute_signals(snapshot, period, region=region, terms=terms if rising_terms else None)


SignalsDep = Annotated[Signals, Depends(get_signals)]
