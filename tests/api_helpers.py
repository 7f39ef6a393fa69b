"""Shared helpers of the API tests (tests/service) and of `ie-nlp serve`'s (tests/cli): a plain
module, since conftest.py is not importable by name."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import httpx

from ie_nlp import ExtractionResult

REPO_DIR = Path(__file__).resolve().parents[1]
PROBLEM_FIELDS = {"type": str, "title": str, "status": int, "detail": str, "code": str}

# Values the limited server runs with; tests derive their payload sizes from these.
LIMITED_MAX_REQUEST_BYTES = 2000
LIMITED_MAX_BATCH_ARTICLES = 3
LIMITED_MAX_TEXT_CHARS = 300


class ResponseLike(Protocol):
    """httpx's Response, or the TestClient's (which may come from another httpx package)."""

    @property
    def status_code(self) -> int: ...
    @property
    def headers(self) -> Mapping[str, str]: ...
    @property
    def text(self) -> str: ...
    def json(self) -> Any: ...


@dataclass
class Server:
    base_url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    # /readyz answers observed while waiting for the server, oldest first.
    startup_probes: list[httpx.Response] = field(default_factory=list)

    def log_tail(self, chars: int = 4000) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=15)


def assert_problem(response: ResponseLike, status: int, code: str) -> dict[str, Any]:
    """The response is an RFC 9457 problem with this status and code, and leaks no traceback."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert "Traceback" not in response.text
    body: dict[str, Any] = response.json()
    for name, kind in PROBLEM_FIELDS.items():
        assert isinstance(body.get(name), kind), (name, body)
    assert body["status"] == status
    assert body["code"] == code, body
    assert body["type"].endswith(code)
    assert body["detail"].strip()
    return body


def spans_of(result: ExtractionResult) -> list[tuple[str, int, int, str]]:
    """Every character span of a result: actor and capability mentions, evidence sentences."""
    spans = [
        (f"actor {actor.id}", m.start, m.end, m.text)
        for actor in result.actors
        for m in actor.mentions
    ]
    for i, capability in enumerate(result.capabilities):
        spans += [(f"capability {i}", m.start, m.end, m.text) for m in capability.mentions]
        if capability.evidence is not None:
            e = capability.evidence
            spans.append((f"capability {i} evidence", e.start, e.end, e.text))
    for i, relationship in enumerate(result.relationships):
        e = relationship.evidence
        spans.append((f"relationship {i} evidence", e.start, e.end, e.text))
    return spans


def assert_offsets_slice(result: ExtractionResult, text: str) -> None:
    for where, start, end, span_text in spans_of(result):
        assert 0 <= start <= end <= len(text), (where, start, end, len(text))
        assert text[start:end] == span_text, (where, text[start:end], span_text)
