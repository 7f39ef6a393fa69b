"""Input articles from anywhere pyarrow's filesystems reach: local paths, ``file://``, ``s3://``,
``gs://``, ``hdfs://`` URIs. Files are JSON lines, Parquet (one article per row), ``.txt`` or
``.html``; a folder stands for its supported files. Each source is read on its own, so a cluster
reads in parallel, and a bad record becomes an ``InputProblem`` with its file and line (a
Parquet row's number) instead of stopping the run. Needs the ``ie-nlp[ray]`` extra (pyarrow)."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING

from ie_nlp.errors import ErrorCode, InputFileError
from ie_nlp.extraction.inputs import (
    InputProblem,
    InputRecord,
    record_from_document,
    record_from_json,
)
from ie_nlp.jsonl import parse_json_lines

if TYPE_CHECKING:
    from pyarrow.fs import FileSystem

SOURCE_SUFFIXES = (".jsonl", ".parquet", ".txt", ".html", ".htm")
PARQUET_ROWS_PER_READ = 256


def filesystem_for(location: str) -> tuple[FileSystem, str]:
    """The filesystem that holds ``location`` (a URI or a local path) and its path there."""
    try:
        from pyarrow import fs
    except ImportError as error:  # pragma: no cover - the extra is installed in development
        raise InputFileError(
            "reading URIs, Parquet and shard folders needs pyarrow: pip install 'ie-nlp[ray]'"
        ) from error
    if "://" in location:
        try:
            return fs.FileSystem.from_uri(location)
        except Exception as error:  # pyarrow raises ArrowInvalid, OSError and others by scheme
            raise InputFileError(f"{location}: {error}") from error
    return fs.LocalFileSystem(), os.path.abspath(location)


def _uri(location: str, path: str) -> str:
    """``path`` on ``location``'s filesystem, spelled so that any node can open it again."""
    if "://" not in location:
        return path
    return f"{location.split('://', 1)[0]}://{path}"


def list_sources(locations: list[str]) -> list[str]:
    """Every file to read, folders expanded (recursively, sorted). A missing path or an
    unsupported file fails here, before anything is read or written."""
    from pyarrow import fs

    sources: list[str] = []
    for location in locations:
        filesystem, path = filesystem_for(location)
        info = filesystem.get_file_info(path)
        if info.type == fs.FileType.Directory:
            found = filesystem.get_file_info(fs.FileSelector(path, recursive=True))
            sources.extend(
                _uri(location, item.path)
                for item in sorted(found, key=lambda item: item.path)
                if item.type == fs.FileType.File and item.path.lower().endswith(SOURCE_SUFFIXES)
            )
        elif info.type == fs.FileType.File:
            if not path.lower().endswith(SOURCE_SUFFIXES):
                raise InputFileError(
                    f"{location}: unsupported file type; use {', '.join(SOURCE_SUFFIXES)}"
                )
            sources.append(_uri(location, path))
        else:
            raise InputFileError(f"{location}: no such file or directory")
    return sources


def read_source(source: str) -> Iterator[InputRecord | InputProblem]:
    """The records of one file, in order. A file that cannot be read at all is one problem
    (no line), so a vanished object never fails a whole job."""
    try:
        yield from _read(source)
    except (OSError, InputFileError) as error:
        yield InputProblem(source, None, ErrorCode.INPUT_UNREADABLE, str(error))


def _read(source: str) -> Iterator[InputRecord | InputProblem]:
    filesystem, path = filesystem_for(source)
    name = path.lower()
    if name.endswith(".jsonl"):
        with filesystem.open_input_stream(path) as raw:
            lines = io.TextIOWrapper(raw, encoding="utf-8", errors="replace")
            for number, value in parse_json_lines(lines):
                yield record_from_json(source, number, value)
    elif name.endswith(".parquet"):
        import pyarrow.parquet as pq

        with filesystem.open_input_file(path) as handle:
            number = 0
            for batch in pq.ParquetFile(handle).iter_batches(batch_size=PARQUET_ROWS_PER_READ):
                for row in batch.to_pylist():
                    number += 1
                    yield record_from_json(source, number, row)
    else:
        with filesystem.open_input_stream(path) as raw:
            content = raw.read().decode("utf-8", errors="replace")
        stem = os.path.splitext(os.path.basename(path))[0]
        yield record_from_document(source, stem, content)
