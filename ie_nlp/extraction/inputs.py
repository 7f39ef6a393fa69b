"""Reading input articles from ``.jsonl`` corpora, ``.txt`` and ``.html`` files, or folders of
them, one record at a time; a bad record becomes an ``InputProblem`` with its file and line
instead of stopping the run."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ie_nlp.errors import ErrorCode, InputFileError
from ie_nlp.jsonl import LineError, read_json_lines
from ie_nlp.schema import InputArticle

SUPPORTED_SUFFIXES = (".jsonl", ".txt", ".html", ".htm")


@dataclass(frozen=True)
class InputProblem:
    path: str
    line: int | None
    code: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line is not None else self.path
        return f"{where}: [{self.code}] {self.message}"


@dataclass(frozen=True)
class InputRecord:
    path: str
    line: int | None
    article: InputArticle


def expand_inputs(paths: list[Path]) -> list[Path]:
    """Files to read, folders expanded (sorted, recursively) to their supported files."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.suffix.lower() in SUPPORTED_SUFFIXES)
            )
        elif path.is_file():
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                raise InputFileError(
                    f"{path}: unsupported file type; use {', '.join(SUPPORTED_SUFFIXES)}"
                )
            files.append(path)
        else:
            raise InputFileError(f"{path}: no such file or directory")
    return files


def _validation_message(error: ValidationError) -> str:
    return "; ".join(
        f"{'.'.join(str(p) for p in item['loc']) or 'record'}: {item['msg']}"
        for item in error.errors()
    )


def record_from_json(
    path: str, number: int, raw: dict[str, Any] | LineError
) -> InputRecord | InputProblem:
    """One parsed line (or row) of a corpus as an article, or the problem that keeps it out."""
    if isinstance(raw, LineError):
        code = ErrorCode.INVALID_ARTICLE if raw.code == ErrorCode.NOT_AN_OBJECT else raw.code
        return InputProblem(path, number, code, raw.message)
    try:
        return InputRecord(path, number, InputArticle.model_validate(raw))
    except ValidationError as error:
        return InputProblem(path, number, ErrorCode.INVALID_ARTICLE, _validation_message(error))


def record_from_document(path: str, stem: str, content: str) -> InputRecord | InputProblem:
    """A whole ``.txt`` or ``.html`` file as one article whose id is the file's stem."""
    field = "html" if path.lower().endswith((".html", ".htm")) else "text"
    try:
        article = InputArticle.model_validate({"id": stem, field: content})
    except ValidationError as error:
        return InputProblem(path, None, ErrorCode.INVALID_ARTICLE, _validation_message(error))
    return InputRecord(path, None, article)


def read_inputs(paths: list[Path]) -> Iterator[InputRecord | InputProblem]:
    for path in expand_inputs(paths):
        if path.suffix.lower() == ".jsonl":
            for number, raw in read_json_lines(path):
                yield record_from_json(str(path), number, raw)
        else:
            content = path.read_text(encoding="utf-8", errors="replace")
            yield record_from_document(str(path), path.stem, content)
