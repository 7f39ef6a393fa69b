"""``GET /v1/taxonomy``: the contract's identifiers, so clients need not hard-code them."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ie_nlp import get_taxonomy
from service.problems import problem_responses

router = APIRouter(prefix="/v1/taxonomy", tags=["taxonomy"])


@router.get(
    "",
    summary="Actor types, capability categories and relationship types",
    responses=problem_responses(500),
)
async def read_taxonomy() -> dict[str, Any]:
    """The identifiers of CONTRACT.md §1 with descriptions, capability markets and parents,
    and whether each relationship type is directed (source → target)."""
    # Served without the extractor: it is static data, useful even while models load.
    return get_taxonomy().as_json()
