"""``GET /v1/graph``: the ecosystem network as JSON, GraphML, GEXF or CSV."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ie_nlp.graph.exports import MEDIA_TYPES, render
from ie_nlp.graph.network import build_graph
from service.deps import StoreDep
from service.ecosystem import DateRange, date_range
from service.graph_cache import GraphCacheDep
from service.problems import problem_responses

router = APIRouter(prefix="/v1/graph", tags=["ecosystem"])

ExportFormat = Literal["json", "graphml", "gexf", "csv"]
FILE_NAMES: dict[str, str] = {
    "json": "ecosystem.json",
    "graphml": "ecosystem.graphml",
    "gexf": "ecosystem.gexf",
    "csv": "ecosystem-csv.zip",
}


@router.get(
    "",
    summary="The actor network in a graph format",
    response_class=Response,
    responses={
        200: {
            "description": "The network in the requested format.",
            "content": {media_type: {} for media_type in MEDIA_TYPES.values()},
        },
        **problem_responses(422, 500, 503),
    },
)
def read_graph(
    store: StoreDep,
    dates: Annotated[DateRange, Depends(date_range)],
    cache: GraphCacheDep,
    export_format: Annotated[
        ExportFormat,
        Query(
            alias="format",
            description="json: networkx node-link data, edges under `edges`; graphml; gexf: "
            "GEXF 1.3 with time spells (Gephi timeline); csv: a zip of nodes.csv and "
            "edges.csv.",
        ),
    ] = "json",
) -> Response:
    """Nodes are canonical actors and edges their ties, with the store's stable ids. With
    `since`/`until`, only what articles published in that range report. An unknown `format`
    is a 422 problem (`invalid_fields`). The rendered network is reused until the store
    changes."""
    # The version is read before the snapshot: a write in between then only makes the cached
    # body newer than its key, never older.
    key = (store.version(), dates.since, dates.until, export_format)
    body = cache.get_or_render(
        key, lambda: render(build_graph(store.snapshot(dates.since, dates.until)), export_format)
    )
    headers = {}
    if export_format != "json":
        headers["Content-Disposition"] = f'attachment; filename="{FILE_NAMES[export_format]}"'
    return Response(body, media_type=MEDIA_TYPES[export_format], headers=headers)
