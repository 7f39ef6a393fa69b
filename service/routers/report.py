"""``GET /report``: the ecosystem report page (self-contained HTML)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from ie_nlp.graph.report import render_report
from ie_nlp.graph.signals import compute_signals
from service.ecosystem import (
    PeriodQuery,
    RegionDep,
    RisingTermsQuery,
    SnapshotDep,
    TermCounterDep,
)
from service.problems import problem_responses

router = APIRouter(tags=["ecosystem"])


@router.get(
    "/report",
    summary="The ecosystem report as one HTML page",
    response_class=HTMLResponse,
    responses=problem_responses(422, 500, 503),
)
def read_report(
    snapshot: SnapshotDep,
    terms: TermCounterDep,
    region: RegionDep,
    period: PeriodQuery = "quarter",
    rising_terms: RisingTermsQuery = True,
) -> HTMLResponse:
    """The page `ie-nlp report` writes: the network, deal and capability trends, top magnets
    and rising terms, with no external resources (CSS, JS and data inline)."""
    signals = compute_signals(
        snapshot, period, region=region, terms=terms if rising_terms else None
    )
    return HTMLResponse(render_report(snapshot, signals))
