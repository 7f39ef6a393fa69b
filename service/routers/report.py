"""``GET /report``: the ecosystem report page (self-contained HTML)."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from ie_nlp.graph.html_report import render_report
from service.ecosystem import SignalsDep, SnapshotDep
from service.problems import problem_responses

router = APIRouter(tags=["ecosystem"])


@router.get(
    "/report",
    summary="The ecosystem report as one HTML page",
    response_class=HTMLResponse,
    responses=problem_responses(422, 500, 503),
)
def read_report(snapshot: SnapshotDep, signals: SignalsDep) -> HTMLResponse:
    """The page `ie-nlp report` writes: the network, deal and capability trends, top magnets
    and rising terms, with no external resources (CSS, JS and data inline)."""
    return HTMLResponse(render_report(snapshot, signals))
