"""Where a bulk run's results go, and what an interrupted run already put there.

Two kinds of output: one JSON-lines file (a local path ending in ``.jsonl``), or a folder of
shards, ``part-NNNNN.jsonl`` or ``part-NNNNN.parquet``, with a ``_manifest.json``, on a local disk
or any filesystem pyarrow reaches (``s3://…``). Work is committed whole so that a killed run can
be finished with ``--resume``: the file is flushed after each window and a partial last line is
cut off on resume; a shard is written under a temporary name and renamed (a whole object on an
object store), so every ``part-*`` file present is complete. ``done`` is the set of article ids
already in the output; the engines skip those."""

from __future__ import annotations

import json
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ie_nlp.errors import OutputError
from ie_nlp.extraction.inputs import InputProblem
from ie_nlp.schema import SCHEMA_VERSION

OUTPUT_FORMATS = ("jsonl", "parquet")
SHARD_RECORDS = 1000
# "_": dataset readers (pyarrow, Spark, DuckDB) skip it when they read the folder as a table
MANIFEST = "_manifest.json"
_PART = re.compile(r"^part-(\d+)\.(jsonl|parquet)$")
# Parquet shards keep the contract's nested parts as JSON text: their ``attributes`` are
# free-form objects, which no fixed Arrow schema holds, and one schema for every shard lets
# readers (pyarrow, DuckDB, Spark) scan the folder as one table.
_JSON_COLUMNS = ("actors", "capabilities", "relationships", "meta")

Line = tuple[str, str]  # (article id, the result as one JSON line without its newline)


class ResultSink(ABC):
    """Takes result lines in commits; ``done`` holds the ids an earlier run already wrote."""

    done: set[str]

    @abstractmethod
    def write(self, lines: Sequence[Line]) -> None:
        """Adds results; what this returns from is committed, or will be by ``close``."""

    @abstractmethod
    def close(self, problems: Sequence[InputProblem]) -> None:
        """Commits the rest and marks the output complete."""


def open_sink(
    output: str, output_format: str = "jsonl", resume: bool = False, shard_records: int = 0
) -> ResultSink:
    """The sink ``output`` names: a ``.jsonl`` path is one file, anything else a shard folder.
    Without ``resume`` an earlier run's results there are replaced."""
    if output_format not in OUTPUT_FORMATS:
        raise OutputError(f"unknown output format {output_format!r}; use jsonl or parquet")
    if output.lower().endswith(".jsonl"):
        if output_format != "jsonl":
            raise OutputError(f"{output}: a {output_format} output is a folder of shards")
        if "://" in output:
            raise OutputError(f"{output}: one JSON-lines file is local; give a folder for a URI")
        return JsonlFile(Path(output), resume)
    return ShardFolder(output, output_format, resume, shard_records or SHARD_RECORDS)


class JsonlFile(ResultSink):
    """One result per line, in the order written."""

    def __init__(self, path: Path, resume: bool) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.done = _cut_and_read_ids(path) if resume and path.exists() else set()
        self._handle = path.open("a" if resume else "w", encoding="utf-8")

    def write(self, lines: Sequence[Line]) -> None:
        self._handle.write("".join(f"{line}\n" for _, line in lines))
        self._handle.flush()

    def close(self, problems: Sequence[InputProblem]) -> None:
        self._handle.close()


def _cut_and_read_ids(path: Path) -> set[str]:
    """The ids of the file's complete lines; a last line cut short by a kill is removed."""
    ids: set[str] = set()
    complete = 0
    with path.open("rb") as handle:
        for line in handle:
            if not line.endswith(b"\n"):
                break
            ids.add(_id_of(line, path))
            complete += len(line)
    if complete < path.stat().st_size:
        with path.open("r+b") as handle:
            handle.truncate(complete)
    return ids


def _id_of(line: bytes | str, where: object) -> str:
    try:
        return str(json.loads(line)["id"])
    except (ValueError, KeyError, TypeError) as error:
        raise OutputError(
            f"{where}: a complete line is not a result ({error}); not ours?"
        ) from error


class ShardFolder(ResultSink):
    """``part-NNNNN.<format>`` files of ``shard_records`` results each, and a manifest."""

    def __init__(self, output: str, output_format: str, resume: bool, shard_records: int) -> None:
        from ie_nlp.extraction.sources import filesystem_for

        self.filesystem, self.root = filesystem_for(output)
        self.output, self.format, self.shard_records = output, output_format, shard_records
        self.filesystem.create_dir(self.root, recursive=True)
        self.shards: list[dict[str, Any]] = []
        self.done = set()
        self._buffer: list[Line] = []
        self._next = 0
        for name, index, shard_format in self._listing():
            if not resume or index < 0:
                self.filesystem.delete_file(f"{self.root}/{name}")
                continue
            if shard_format != output_format:
                raise OutputError(f"{output}: holds {shard_format} shards; resume with that format")
            ids = list(self._read_ids(name))
            self.done.update(ids)
            self.shards.append({"name": name, "records": len(ids)})
            self._next = max(self._next, index + 1)
        self._write_manifest(complete=False, problems=())

    def _listing(self) -> Iterator[tuple[str, int, str]]:
        """``(name, index, format)`` of each shard, and of a killed run's unfinished files
        (``.part-….tmp``, ``._manifest.json.tmp``) with index -1."""
        from pyarrow import fs

        listing = self.filesystem.get_file_info(fs.FileSelector(self.root))
        for name in sorted(info.base_name for info in listing):
            if name.startswith(".") and name.endswith(".tmp"):
                yield name, -1, ""
            elif match := _PART.match(name):
                yield name, int(match[1]), match[2]

    def _read_ids(self, name: str) -> Iterator[str]:
        path = f"{self.root}/{name}"
        if name.endswith(".parquet"):
            import pyarrow.parquet as pq

            with self.filesystem.open_input_file(path) as handle:
                yield from (str(i) for i in pq.read_table(handle, columns=["id"])["id"].to_pylist())
            return
        with self.filesystem.open_input_stream(path) as handle:
            for line in handle.read().splitlines():
                if line.strip():
                    yield _id_of(line, f"{self.output}/{name}")

    def write(self, lines: Sequence[Line]) -> None:
        self._buffer.extend(lines)
        while len(self._buffer) >= self.shard_records:
            self._commit(self._buffer[: self.shard_records])
            del self._buffer[: self.shard_records]

    def close(self, problems: Sequence[InputProblem]) -> None:
        if self._buffer:
            self._commit(self._buffer)
            self._buffer = []
        self._write_manifest(complete=True, problems=problems)

    def _commit(self, lines: Sequence[Line]) -> None:
        name = f"part-{self._next:05d}.{self.format}"
        self._put(name, self._encode(lines))
        self._next += 1
        self.shards.append({"name": name, "records": len(lines)})
        self._write_manifest(complete=False, problems=())

    def _encode(self, lines: Sequence[Line]) -> bytes:
        if self.format == "jsonl":
            return "".join(f"{line}\n" for _, line in lines).encode("utf-8")
        import pyarrow as pa
        import pyarrow.parquet as pq

        records = [json.loads(line) for _, line in lines]
        columns: dict[str, list[Any]] = {
            "schema_version": [r.get("schema_version", SCHEMA_VERSION) for r in records],
            "id": [r["id"] for r in records],
            "text": [r.get("text") for r in records],
            "terms": [r.get("terms", []) for r in records],
        }
        for name in _JSON_COLUMNS:
            columns[name] = [json.dumps(r.get(name), ensure_ascii=False) for r in records]
        sink = pa.BufferOutputStream()
        pq.write_table(pa.table(columns, schema=parquet_schema()), sink)
        return bytes(sink.getvalue())

    def _put(self, name: str, content: bytes) -> None:
        """Writes ``name`` whole: under a temporary name first, then renamed."""
        temporary = f"{self.root}/.{name}.tmp"
        with self.filesystem.open_output_stream(temporary) as out:
            out.write(content)
        self.filesystem.move(temporary, f"{self.root}/{name}")

    def _write_manifest(self, complete: bool, problems: Sequence[InputProblem]) -> None:
        manifest = {
            "schema_version": SCHEMA_VERSION,
            "format": self.format,
            "complete": complete,
            "records": sum(shard["records"] for shard in self.shards),
            "shards": self.shards,
            "problems": [asdict(problem) for problem in problems],
        }
        self._put(MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False).encode("utf-8"))


def parquet_schema() -> Any:
    """The one schema of every Parquet shard (pyarrow is imported only when one is written)."""
    import pyarrow as pa

    return pa.schema(
        [
            ("schema_version", pa.string()),
            ("id", pa.string()),
            ("text", pa.string()),
            ("terms", pa.list_(pa.string())),
            *((name, pa.string()) for name in _JSON_COLUMNS),
        ]
    )


def parquet_row_to_record(row: dict[str, Any]) -> dict[str, Any]:
    """A Parquet shard's row as the contract's JSON record again."""
    record = dict(row)
    for name in _JSON_COLUMNS:
        record[name] = json.loads(record[name])
    if record.get("text") is None:
        record.pop("text", None)
    return record
