"""``GET /v1/signals``: ecosystem signals per period."""

from __future__ import annotations

from fastapi import APIRouter

from ie_nlp.graph.signal_models import Signals
from service.ecosystem import SignalsDep
from service.problems import problem_responses

router = APIRouter(prefix="/v1/signals", tags=["ecosystem"])


@router.get(
    "",
    summary="Deals, entrants, capabilities, central actors, magnets, rising terms per period",
    response_model=Signals,
    responses=problem_responses(422, 500, 503),
)
def read_signals(signals: SignalsDep) -> Signals:
    """Periods run from the earliest to the latest article's period. Deals and entrants are
    what is new in a period; centrality and magnets are measured on the cumulative network
    up to the period's end; `region` splits ties into local and external (docs/ecosystem.md)."""
    return signals
