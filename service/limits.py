"""Request-body size limit (``IE_MAX_REQUEST_BYTES``), enforced in two places.

* A declared ``Content-Length`` over the limit is refused before routing and before a single body
  byte is read, so an oversized upload costs the server nothing.
* A body without a length (``Transfer-Encoding: chunked``) or with a false one is counted while
  it is read; the read that crosses the limit raises :class:`PayloadTooLarge`, which the route
  propagates and the problem handlers answer as 413.

Either way the answer is ``413`` with code ``payload_too_large``.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ie_nlp import ErrorCode
from service.problems import problem_response


class PayloadTooLarge(StarletteHTTPException):
    """An HTTPException so that FastAPI's body reader re-raises it instead of turning it into
    a generic 400 "error parsing the body"."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large_detail(limit))


def too_large_detail(limit: int) -> str:
    return f"Request body is larger than the limit of {limit} bytes (IE_MAX_REQUEST_BYTES)."


def declared_length(scope: Scope) -> int | None:
    raw = Headers(scope=scope).get("content-length")
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        # The HTTP server rejects malformed lengths; if one slips through, counting still holds.
        return None


class BodySizeLimitMiddleware:
    """Pure ASGI middleware: wrapping ``receive`` keeps streaming intact (no buffering here)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        length = declared_length(scope)
        if length is not None and length > self.max_bytes:
            response = problem_response(
                413, ErrorCode.PAYLOAD_TOO_LARGE, too_large_detail(self.max_bytes)
            )
            await response(scope, receive, send)
            return

        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise PayloadTooLarge(self.max_bytes)
            return message

        await self.app(scope, counting_receive, send)
