"""ie_nlp.extraction.outputs: results committed whole, and read back to resume a killed run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from ie_nlp.errors import OutputError
from ie_nlp.extraction.inputs import InputProblem
from ie_nlp.extraction.outputs import MANIFEST, open_sink, parquet_row_to_record


def result(article_id: str) -> dict[str, Any]:
    return {
        "schema_version": "1",
        "id": article_id,
        "actors": [
            {
                "id": "a1",
                "name": "Acme",
                "type": "COMPANY",
                "attributes": {"role": "acquirer", "n": 2},
                "mentions": [{"start": 0, "end": 4, "text": "Acme"}],
            }
        ],
        "capabilities": [],
        "relationships": [],
        "terms": ["gene therapy"],
        "meta": {"seconds": 0.1},
    }


def lines(*ids: str) -> list[tuple[str, str]]:
    return [(i, json.dumps(result(i))) for i in ids]


def file_ids(path: Path) -> list[str]:
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


def manifest(folder: Path) -> dict[str, Any]:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))


def test_a_jsonl_file_resumes_after_its_complete_lines(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    sink = open_sink(str(path))
    sink.write(lines("a", "b"))
    sink.close([])
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"schema_version": "1", "id": "c", "act')  # a kill mid-line
    resumed = open_sink(str(path), resume=True)
    assert resumed.done == {"a", "b"}
    assert path.read_text(encoding="utf-8").endswith("\n"), "the partial line is cut off"
    resumed.write(lines("c"))
    resumed.close([])
    assert file_ids(path) == ["a", "b", "c"]


def test_without_resume_a_jsonl_file_is_replaced(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text(json.dumps(result("old")) + "\n", encoding="utf-8")
    sink = open_sink(str(path))
    assert sink.done == set()
    sink.write(lines("new"))
    sink.close([])
    assert file_ids(path) == ["new"]


def test_a_complete_line_that_is_no_result_refuses_to_resume(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("not json\n", encoding="utf-8")
    with pytest.raises(OutputError, match="not a result"):
        open_sink(str(path), resume=True)


def test_shards_are_committed_as_they_fill_and_the_manifest_follows(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    sink = open_sink(str(folder), shard_records=2)
    sink.write(lines("a", "b", "c"))
    assert sorted(p.name for p in folder.iterdir()) == [MANIFEST, "part-00000.jsonl"]
    assert manifest(folder)["complete"] is False
    sink.write(lines("d", "e"))
    problem = InputProblem("in.jsonl", 3, "malformed_json", "Expecting value")
    sink.close([problem])
    assert [file_ids(folder / f"part-0000{n}.jsonl") for n in range(3)] == [
        ["a", "b"],
        ["c", "d"],
        ["e"],
    ]
    final = manifest(folder)
    assert final["complete"] is True
    assert final["records"] == 5
    assert [s["records"] for s in final["shards"]] == [2, 2, 1]
    assert final["problems"] == [
        {"path": "in.jsonl", "line": 3, "code": "malformed_json", "message": "Expecting value"}
    ]


def test_a_shard_folder_resumes_from_its_committed_shards(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    sink = open_sink(str(folder), shard_records=2)
    sink.write(lines("a", "b", "c"))  # "c" is still buffered when the run is killed
    (folder / ".part-00001.jsonl.tmp").write_text('{"id": "c"', encoding="utf-8")
    resumed = open_sink(str(folder), resume=True, shard_records=2)
    assert resumed.done == {"a", "b"}
    assert not (folder / ".part-00001.jsonl.tmp").exists()
    resumed.write(lines("c"))
    resumed.close([])
    assert file_ids(folder / "part-00001.jsonl") == ["c"]
    assert manifest(folder)["records"] == 3


def test_without_resume_an_earlier_runs_shards_are_removed(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    first = open_sink(str(folder), shard_records=1)
    first.write(lines("a", "b"))
    first.close([])
    second = open_sink(str(folder), shard_records=1)
    second.write(lines("c"))
    second.close([])
    assert sorted(p.name for p in folder.iterdir()) == [MANIFEST, "part-00000.jsonl"]
    assert file_ids(folder / "part-00000.jsonl") == ["c"]


def test_parquet_shards_hold_the_contract_records(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    sink = open_sink(f"file://{folder}", "parquet", shard_records=2)
    sink.write(lines("a", "b", "c"))
    sink.close([])
    table = pq.read_table(folder)  # every shard has one schema: the folder reads as one table
    assert table.num_rows == 3
    records = [parquet_row_to_record(row) for row in table.to_pylist()]
    assert sorted(records, key=lambda r: r["id"]) == [result(i) for i in ("a", "b", "c")]
    assert open_sink(str(folder), "parquet", resume=True).done == {"a", "b", "c"}
    with pytest.raises(OutputError, match="parquet shards"):
        open_sink(str(folder), "jsonl", resume=True)


@pytest.mark.parametrize(
    ("output", "output_format", "message"),
    [
        ("out.jsonl", "parquet", "folder of shards"),
        ("s3://bucket/out.jsonl", "jsonl", "is local"),
        ("out", "csv", "unknown output format"),
    ],
)
def test_impossible_outputs_are_refused(output: str, output_format: str, message: str) -> None:
    with pytest.raises(OutputError, match=message):
        open_sink(output, output_format)
