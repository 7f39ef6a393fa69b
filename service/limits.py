"""Request-body size limit (``IE_MAX_REQUEST_BYTES``), enforced in two places.

* A declared ``Content-Length`` over the limit is refused before routing: no route, parser or
  model sees any of it.
* A body without a length (``Transfer-Encoding: chunked``) or with a false one is counted while
  it is read; the read that crosses the limit raises :class:`PayloadTooLarge`, which the route
  propagates and the problem handlers answer as 413.

Either way the answer is ``413`` with code ``payload_too_large``. Before answering, the rest of
the body is read and dropped, up to :func:`drain_bound` bytes in all: a client that writes its
whole body before reading (Python's ``urllib``, many simple clients) would otherwise find the
connection closed under it and get a reset instead of the problem body. A client that sent
``Expect: 100-continue`` has not sent its body, so it gets the answer at once; a body longer than
the bound is not read further and its client may still see a reset.
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


# Reading this much of a refused body is cheap next to a client that cannot see why it failed.
DRAIN_FACTOR = 4
DRAIN_MIN_BYTES = 64 * 1024 * 1024


def drain_bound(max_bytes: int) -> int:
    """Most bytes of a refused request body read (and dropped) before the 413 is sent."""
    return max(DRAIN_FACTOR * max_bytes, DRAIN_MIN_BYTES)


async def drain_body(receive: Receive, received: int, bound: int) -> None:
    """Read and drop the rest of a request body until it ends, the client disconnects or
    ``received`` (the bytes read so far) passes ``bound``."""
    while received <= bound:
        message = await receive()
        if message["type"] != "http.request":
            return
        received += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


def declared_length(headers: Headers) -> int | None:
    raw = headers.get("content-length")
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
        self.drain_bound = drain_bound(max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        headers = Headers(scope=scope)
        length = declared_length(headers)
        if length is not None and length > self.max_bytes:
            waits_to_send = headers.get("expect", "").lower() == "100-continue"
            if not waits_to_send and length <= self.drain_bound:
                await drain_body(receive, 0, self.drain_bound)
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
                    if message.get("more_body", False):
                        await drain_body(receive, received, self.drain_bound)
                    raise PayloadTooLarge(self.max_bytes)
            return message

        await self.app(scope, counting_receive, send)
