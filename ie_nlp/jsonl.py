"""JSON lines, read in one place: every reader of a ``.jsonl`` file (input articles, results to
ingest, gold annotations, the gazetteer) gets ``(line number, object)`` or a ``LineError`` for a
line that is not one JSON object, and decides itself whether that skips the line or stops."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ie_nlp.errors import ErrorCode


@dataclass(frozen=True)
class LineError:
    """Why a line is no JSON object: ``malformed_json``, or ``not_an_object`` for valid JSON
    of another kind; ``message`` says what the parser saw."""

    code: ErrorCode
    message: str


def read_json_lines(path: Path) -> Iterator[tuple[int, dict[str, Any] | LineError]]:
    """``(line number, object or error)`` for every non-blank line. Opening the file may raise
    ``OSError``; undecodable bytes are replaced, never fatal."""
    with path.open(encoding="utf-8", errors="replace") as handle:
        yield from parse_json_lines(handle)


def parse_json_lines(lines: Iterable[str]) -> Iterator[tuple[int, dict[str, Any] | LineError]]:
    """``read_json_lines`` over lines from anywhere (a stream from object storage, say)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            yield number, LineError(ErrorCode.MALFORMED_JSON, str(error))
            continue
        if isinstance(value, dict):
            yield number, value
        else:
            yield number, LineError(ErrorCode.NOT_AN_OBJECT, "a line must hold one JSON object")
