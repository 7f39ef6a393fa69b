"""Wiring only: build the FastAPI app from settings, routers, middleware and error handlers.

Run with ``ie-nlp serve`` or ``uvicorn service.main:app``.
"""

from __future__ import annotations

from fastapi import FastAPI

from ie_nlp import Settings, __version__, get_settings
from service.docs import add_offline_docs
from service.graph_cache import GraphCache
from service.limits import BodySizeLimitMiddleware
from service.openapi import DESCRIPTION, TAGS, TITLE, build_openapi
from service.problems import register_problem_handlers
from service.routers import (
    actors,
    articles,
    extract,
    graph,
    health,
    relationships,
    report,
    signals,
    taxonomy,
)
from service.state import ExtractionRunner, ModelState, StoreHolder, build_lifespan


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    state = ModelState()
    store = StoreHolder(settings)
    app = FastAPI(
        title=TITLE,
        version=__version__,
        description=DESCRIPTION,
        openapi_tags=TAGS,
        lifespan=build_lifespan(state, settings, store),
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.model = state
    app.state.runner = ExtractionRunner()
    app.state.store = store
    app.state.graph_cache = GraphCache()

    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_request_bytes)
    register_problem_handlers(app)

    app.include_router(extract.router)
    app.include_router(articles.router)
    app.include_router(actors.router)
    app.include_router(relationships.router)
    app.include_router(graph.router)
    app.include_router(signals.router)
    app.include_router(report.router)
    app.include_router(taxonomy.router)
    app.include_router(health.router)
    add_offline_docs(app)

    app.openapi = build_openapi(app)  # type: ignore[method-assign]
    return app


app = create_app()
