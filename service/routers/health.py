"""Liveness and readiness probes.

``/healthz`` says the process serves HTTP (restart it if this fails); ``/readyz`` says it can
extract (route traffic to it only then). Keeping them apart lets an orchestrator wait out a
model load instead of killing a server that is merely starting.
"""

from __future__ import annotations

from fastapi import APIRouter

from ie_nlp import __version__
from service.deps import ModelStateDep, not_ready_problem
from service.models import Health, Readiness
from service.problems import problem_responses

router = APIRouter(tags=["health"])


@router.get(
    "/healthz",
    summary="Liveness: the process is up",
    response_model=Health,
    responses=problem_responses(500),
)
async def healthz() -> Health:
    """Always 200 while the server runs, also while models are loading or failed to load."""
    return Health(version=__version__)


@router.get(
    "/readyz",
    summary="Readiness: the extractor is loaded",
    response_model=Readiness,
    responses=problem_responses(503),
)
async def readyz(state: ModelStateDep) -> Readiness:
    """200 once the extractor is loaded. Otherwise 503 with code `not_ready` while loading,
    or the load error's code (`model_unavailable`) when loading failed."""
    if state.extractor is None:
        raise not_ready_problem(state)
    return Readiness(version=__version__, load_seconds=state.load_seconds)
