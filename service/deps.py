"""Request dependencies: settings, the loaded extraction (the extractor or the pool of worker
processes), the extraction runner, the ecosystem store, JSON-only bodies.

Everything is read from ``app.state`` (filled by ``create_app``) rather than from module globals,
so two apps with different settings can live in one process.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from ie_nlp import ErrorCode, Settings
from ie_nlp.store import Store
from service.problems import ProblemError
from service.state import (
    RETRY_AFTER_SECONDS,
    Extraction,
    ExtractionRunner,
    ModelState,
    StoreHolder,
)

JSON_MEDIA_TYPE = "application/json"


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_model_state(request: Request) -> ModelState:
    state: ModelState = request.app.state.model
    return state


def get_runner(request: Request) -> ExtractionRunner:
    runner: ExtractionRunner = request.app.state.runner
    return runner


def get_store(request: Request) -> Store:
    """The app's store, opened on the first call (a sync dependency: FastAPI runs it in a
    worker thread, so opening never blocks the event loop). ``StoreError`` becomes 503."""
    holder: StoreHolder = request.app.state.store
    return holder.get()


def not_ready_problem(state: ModelState) -> ProblemError:
    """503 while the models are loading (``not_ready``) or after they failed to load (the load
    error's code, ``model_unavailable``): the first is transient, the second needs an operator."""
    error = state.error
    if error is not None:
        detail = f"The extraction models failed to load: {error.message}"
        return ProblemError(503, error.code, detail)
    return ProblemError(
        503,
        ErrorCode.NOT_READY,
        "The extraction models are still loading; retry shortly.",
        headers={"Retry-After": RETRY_AFTER_SECONDS},
    )


def get_extractor(state: Annotated[ModelState, Depends(get_model_state)]) -> Extraction:
    extractor = state.extractor
    if extractor is None:
        raise not_ready_problem(state)
    return extractor


def is_json_media_type(content_type: str | None) -> bool:
    if not content_type:
        return False
    media_type = content_type.split(";", 1)[0].strip().lower()
    if media_type == JSON_MEDIA_TYPE:
        return True
    kind, _, subtype = media_type.partition("/")
    return kind == "application" and subtype.endswith("+json")


def require_json(request: Request) -> None:
    """415 for anything but a JSON body.

    FastAPI leaves a non-JSON body unparsed and would report it as a confusing 422 on the body
    type; a route-level dependency runs before body validation errors are raised, so the client
    gets the real reason.
    """
    content_type = request.headers.get("content-type")
    if not is_json_media_type(content_type):
        given = content_type or "no Content-Type header"
        raise ProblemError(
            415,
            ErrorCode.UNSUPPORTED_MEDIA_TYPE,
            f"Expected a JSON body (Content-Type: {JSON_MEDIA_TYPE}), got {given}.",
        )


SettingsDep = Annotated[Settings, Depends(get_settings)]
ModelStateDep = Annotated[ModelState, Depends(get_model_state)]
ExtractorDep = Annotated[Extraction, Depends(get_extractor)]
RunnerDep = Annotated[ExtractionRunner, Depends(get_runner)]
StoreDep = Annotated[Store, Depends(get_store)]
