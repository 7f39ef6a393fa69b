"""``GET /v1/relationships``: aggregated relationships of the store, by type and date."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from ie_nlp.store import Page, RelationshipView
from service.deps import StoreDep
from service.models import LimitQuery, OffsetQuery
from service.problems import problem_responses

router = APIRouter(prefix="/v1/relationships", tags=["store"])


@router.get(
    "",
    response_model=Page[RelationshipView],
    summary="List relationships, most recently reported first",
    responses=problem_responses(422, 503),
)
def list_relationships(
    store: StoreDep,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
    type: Annotated[
        str | None, Query(description="Relationship type (CONTRACT.md), e.g. acquisition.")
    ] = None,
    since: Annotated[
        date | None, Query(description="Only evidence from articles published on/after.")
    ] = None,
    until: Annotated[
        date | None, Query(description="Only evidence from articles published on/before.")
    ] = None,
) -> Page[RelationshipView]:
    """Each relationship once per actor pair and type (undirected types with the smaller
    actor id as source), with its evidence from articles in [`since`, `until`]. An unknown
    `type` is 422 `unknown_identifier`; a malformed date 422 `invalid_fields`."""
    return store.relationships(type=type, since=since, until=until, limit=limit, offset=offset)
