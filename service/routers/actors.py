"""``GET /v1/actors`` and ``GET /v1/actors/{id}``: the canonical actors of the store."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from ie_nlp import get_taxonomy
from ie_nlp.store import ActorProfile, ActorSummary, Page
from service.deps import StoreDep
from service.models import LimitQuery, OffsetQuery
from service.problems import problem_responses

router = APIRouter(prefix="/v1/actors", tags=["store"])


@router.get(
    "",
    response_model=Page[ActorSummary],
    summary="List actors, most reported first",
    responses=problem_responses(422, 503),
)
def list_actors(
    store: StoreDep,
    limit: LimitQuery = 50,
    offset: OffsetQuery = 0,
    type: Annotated[
        str | None,
        Query(
            description="Actor type (CONTRACT.md), e.g. biotech.",
            # Listed, so the schema says that any other value, the empty one included, is
            # refused (unknown_identifier).
            json_schema_extra={"enum": list(get_taxonomy().actor_types)},
        ),
    ] = None,
    capability: Annotated[
        str | None,
        Query(
            description="Capability category; a parent category includes its children.",
            json_schema_extra={"enum": list(get_taxonomy().capability_categories)},
        ),
    ] = None,
    name: Annotated[
        str | None,
        Query(min_length=1, description="Case-insensitive part of the name or an alias."),
    ] = None,
) -> Page[ActorSummary]:
    """One page of actors with the number of articles that name them; `total` counts every
    match. An unknown `type` or `capability` is 422 `unknown_identifier` (the detail lists
    the valid ones); a bad `limit`/`offset` is 422 `invalid_fields`."""
    return store.list_actors(
        type=type, capability=capability, name=name, limit=limit, offset=offset
    )


@router.get(
    "/{actor_id}",
    response_model=ActorProfile,
    summary="One actor: aliases, capabilities, relationships with evidence",
    responses=problem_responses(404, 422, 503),
)
def read_actor(
    store: StoreDep,
    actor_id: Annotated[str, Path(description="Canonical actor id, e.g. act_3f9a1c2b7d4e.")],
) -> ActorProfile:
    """The actor's aliases with the resolver's reason for each, its capabilities with mention
    counts, and every relationship with the sentences and source articles that state it.
    404 `actor_not_found` for an unknown id."""
    return store.actor_profile(actor_id)
