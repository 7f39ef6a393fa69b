"""RFC 9457 problem details: the one shape every error response of the service takes.

Clients branch on ``code`` (a stable snake_case string); ``title`` and ``detail`` are for people
and may change wording. Handlers here turn every exception that can escape a route into a
``application/problem+json`` response, so no framework default (plain text, ``{"detail": ...}``)
and no stack trace ever reaches a client.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from ie_nlp import (
    ErrorCode,
    FetchFailedError,
    IENLPError,
    InvalidArticleError,
    ModelLoadError,
    UrlFetchDisabledError,
    UrlForbiddenError,
)
from ie_nlp.errors import StoreError

logger = logging.getLogger(__name__)

PROBLEM_MEDIA_TYPE = "application/problem+json"

# A URN rather than an http URL: the project owns no domain to host problem pages on, and a URN
# is still a stable, absolute identifier as RFC 9457 asks for.
TYPE_PREFIX = "urn:ie-nlp:problem:"

# Codes for the HTTP errors the framework raises itself (routing, body reading, our middleware).
HTTP_STATUS_CODES: dict[int, str] = {
    400: ErrorCode.MALFORMED_JSON,
    404: ErrorCode.NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    413: ErrorCode.PAYLOAD_TOO_LARGE,
    415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
    503: ErrorCode.NOT_READY,
}


class FieldError(BaseModel):
    """One failed validation: where (``loc``) and why (``msg``)."""

    loc: list[str | int] = Field(description='Path to the field, e.g. ["body", "text"].')
    msg: str


class Problem(BaseModel):
    """An error response (RFC 9457 problem details with a stable ``code``)."""

    type: str = Field(description="URI identifying the problem type: urn:ie-nlp:problem:<code>.")
    title: str = Field(description="Short summary of the problem type.")
    status: int = Field(description="The HTTP status code.")
    detail: str = Field(description="What went wrong with this request.")
    code: str = Field(description="Stable snake_case error code to branch on.")
    errors: list[FieldError] | None = Field(
        None, description="Validation failures (only with code invalid_fields)."
    )

    model_config = {
        "json_schema_extra": {
            "examples": [
                {
                    "type": "urn:ie-nlp:problem:invalid_fields",
                    "title": "Unprocessable Content",
                    "status": 422,
                    "detail": "1 field failed validation: body: either a non-empty 'text' or "
                    "'html' is required",
                    "code": ErrorCode.INVALID_FIELDS,
                    "errors": [{"loc": ["body"], "msg": "either a non-empty 'text' or 'html'"}],
                }
            ]
        }
    }


class ProblemError(Exception):
    """Raised by service code to answer with a problem; carries everything the body needs."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: str,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail
        self.headers = dict(headers or {})


def status_title(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem_response(
    status: int,
    code: str,
    detail: str,
    *,
    errors: Sequence[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    problem = Problem(
        type=TYPE_PREFIX + code,
        title=status_title(status),
        status=status,
        detail=detail,
        code=code,
        errors=list(errors) if errors is not None else None,
    )
    return JSONResponse(
        problem.model_dump(exclude_none=True),
        status_code=status,
        headers=dict(headers or {}),
        media_type=PROBLEM_MEDIA_TYPE,
    )


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` entry documenting a route's error statuses with the Problem model."""
    return {
        status: {"model": Problem, "description": f"{status_title(status)} (problem details)"}
        for status in sorted(set(statuses))
    }


def field_errors(raw: Sequence[Any]) -> list[FieldError]:
    """Pydantic's error dicts reduced to loc and msg: ``input`` is dropped on purpose, because it
    can echo a whole article back."""
    return [
        FieldError(loc=[str(p) if not isinstance(p, int) else p for p in e["loc"]], msg=e["msg"])
        for e in raw
    ]


def describe_field_errors(errors: Sequence[FieldError], root: str = "body") -> str:
    first = errors[0]
    where = ".".join(str(part) for part in first.loc) or root
    noun = "field" if len(errors) == 1 else "fields"
    return f"{len(errors)} {noun} failed validation; first: {where}: {first.msg}"


def ienlp_status(error: IENLPError) -> int:
    """The HTTP status of a library error; its ``code`` goes into the problem body unchanged."""
    # The models or the store database are unavailable: the server is up, a part of it is not.
    if isinstance(error, (ModelLoadError, StoreError)):
        return 503
    # Checked before the ValueError rule: UrlForbiddenError is a ValueError too, yet a refused
    # URL (off by setting, or the SSRF guard) is a permission matter, not a malformed body.
    if isinstance(error, (UrlFetchDisabledError, UrlForbiddenError)):
        return 403
    # The page behind the URL failed (unreachable, error status, robots.txt, no article text):
    # an upstream failure, not the client's request.
    if isinstance(error, FetchFailedError):
        return 502
    if isinstance(error, InvalidArticleError):
        return 422
    # An id that names nothing in the store (actor_not_found).
    if isinstance(error, LookupError):
        return 404
    # The library raises ValueError subclasses for input it refuses (too long, malformed).
    if isinstance(error, ValueError):
        return 422
    return 500


async def handle_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    raw = list(exc.errors())
    # FastAPI reports an unparseable JSON body as a validation error; it is a syntax error of the
    # request, not a field problem, so it gets its own 400 code.
    decode_errors = [e for e in raw if e.get("type") == "json_invalid"]
    if decode_errors:
        reason = (decode_errors[0].get("ctx") or {}).get("error", "invalid JSON")
        position = decode_errors[0]["loc"][-1]
        return problem_response(
            400,
            ErrorCode.MALFORMED_JSON,
            f"Request body is not valid JSON: {reason} at {position}.",
        )
    errors = field_errors(raw)
    return problem_response(
        422, ErrorCode.INVALID_FIELDS, describe_field_errors(errors), errors=errors
    )


async def handle_http_exception(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = HTTP_STATUS_CODES.get(exc.status_code, f"http_{exc.status_code}")
    detail = exc.detail if isinstance(exc.detail, str) else status_title(exc.status_code)
    if exc.status_code == 404:
        detail = f"No resource at {request.url.path}; see /docs for the API."
    elif exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}."
    elif exc.status_code == 400 and detail == "There was an error parsing the body":
        detail = "Request body could not be decoded as UTF-8 JSON."
    return problem_response(exc.status_code, code, detail, headers=exc.headers)


async def handle_problem_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ProblemError)
    return problem_response(exc.status, exc.code, exc.detail, headers=exc.headers)


async def handle_ienlp_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, IENLPError)
    status = ienlp_status(exc)
    if status == 500:
        logger.exception("library error on %s %s", request.method, request.url.path)
        return problem_response(500, exc.code, "The server failed to process the request.")
    return problem_response(status, exc.code, exc.message)


async def handle_unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(
        500,
        ErrorCode.INTERNAL_ERROR,
        "The server failed to process the request; the error is logged.",
    )


def register_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_exception)
    app.add_exception_handler(ProblemError, handle_problem_error)
    app.add_exception_handler(IENLPError, handle_ienlp_error)
    app.add_exception_handler(Exception, handle_unexpected)
