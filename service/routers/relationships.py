"""``GET /v1/relationships``: aggregated relationships of the store, by type and date."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from ie_nlp import get_taxonomy
from ie_nlp.store import Page, RelationshipView
from service.deps import StoreDep
from service.ecosystem import DateRange, date_range
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
    dates: Annotated[DateRange, Depends(date_range)],
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
    type: Annotated[
        str | None,
        Query(
            description="Relationship type (CONTRACT.md), e.g. acquisition.",
            # Listed, so the schema says that any other value is refused (unknown_identifier).
            json_schema_extra={"enum": list(get_taxonomy().relationship_types)},
        ),
    ] = None,
) -> Page[RelationshipView]:
    """Each relationship once per actor pair and type (undirected types with the smaller
    actor id as source), with its evidence from articles in [`since`, `until`], its deal
    terms and its latest status with every change. An unknown `type` is 422
    `unknown_identifier`; a malformed date 422 `invalid_fields`; `since` after `until` 422
    `invalid_date_range`."""
    return store.relationships(
        type=type, since=dates.since, until=dates.until, limit=limit, offset=offset
    )
