"""ie_nlp.extraction.bulk.extract_files: files in, one result line per good article out, bad records
reported with file and line while the rest is processed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from ie_nlp.errors import InputFileError
from ie_nlp.extraction.bulk import WINDOW_PER_WORKER, BatchSummary, extract_files
from ie_nlp.extraction.extractor import Extractor
from ie_nlp.extraction.inputs import InputProblem
from ie_nlp.extraction.outputs import MANIFEST, parquet_row_to_record
from ie_nlp.schema import ExtractionResult

pytestmark = pytest.mark.usefixtures("shared_pipeline")


def article(article_id: str, text: str | None = None) -> str:
    text = text or f"Acme Therapeutics {article_id} develops zanidatamab with Beta Bio."
    return json.dumps({"id": article_id, "text": text})


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read_output(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_good_records_are_written_and_bad_ones_reported(tmp_path: Path) -> None:
    source = write(
        tmp_path / "in.jsonl",
        [
            article("g1"),
            "{broken json",
            json.dumps({"text": "no id"}),
            article("g2"),
        ],
    )
    reported: list[InputProblem] = []
    counted: list[int] = []
    output = tmp_path / "out" / "nested" / "results.jsonl"
    summary = extract_files([source], output, on_problem=reported.append, on_article=counted.append)
    records = read_output(output)
    assert [r["id"] for r in records] == ["g1", "g2"]
    for record in records:
        ExtractionResult.model_validate(record)
    assert summary.articles == 2 and sum(counted) == 2
    assert [(p.path, p.line) for p in summary.problems] == [(str(source), 2), (str(source), 3)]
    assert reported == summary.problems


def test_summary_counts_match_the_output(tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl", [article("c1"), article("c2")])
    output = tmp_path / "out.jsonl"
    summary = extract_files([source], output)
    records = read_output(output)
    assert summary.actors == sum(len(r["actors"]) for r in records) > 0
    assert summary.capabilities == sum(len(r["capabilities"]) for r in records)
    assert summary.relationships == sum(len(r["relationships"]) for r in records)
    assert summary.words > 0
    assert summary.seconds > 0


def test_an_article_over_the_limit_is_a_problem_and_the_rest_go_on(
    tmp_path: Path, extractor: Extractor
) -> None:
    long_text = "Acme Therapeutics raised money. " * 20
    source = write(
        tmp_path / "in.jsonl", [article("s1"), article("too-long", long_text), article("s2")]
    )
    settings = extractor.settings.model_copy(update={"max_text_chars": 200})
    output = tmp_path / "out.jsonl"
    summary = extract_files([source], output, settings=settings)
    assert [r["id"] for r in read_output(output)] == ["s1", "s2"]
    (problem,) = summary.problems
    assert (problem.path, problem.line, problem.code) == (str(source), 2, "text_too_long")


def test_order_is_kept_across_windows(tmp_path: Path) -> None:
    ids = [f"w{i:02d}" for i in range(WINDOW_PER_WORKER + 5)]
    source = write(tmp_path / "in.jsonl", [article(i, f"Beta Bio {i} news.") for i in ids])
    output = tmp_path / "out.jsonl"
    summary = extract_files([source], output)
    assert [r["id"] for r in read_output(output)] == ids
    assert summary.articles == len(ids)


def test_documents_and_jsonl_mix(tmp_path: Path) -> None:
    write(tmp_path / "a.jsonl", [article("j1")])
    (tmp_path / "b.txt").write_text(
        "Beta Bio signed a deal with Acme Therapeutics.", encoding="utf-8"
    )
    (tmp_path / "c.html").write_text(
        "<html><body><p>Acme Therapeutics hired Jane Doe.</p></body></html>", encoding="utf-8"
    )
    output = tmp_path / "out.jsonl"
    extract_files([tmp_path], output)
    records = read_output(output)
    assert [r["id"] for r in records] == ["j1", "b", "c"]
    assert "text" not in records[1]
    html_record = records[2]
    assert "Acme Therapeutics hired Jane Doe." in html_record["text"]
    for mention in (m for a in html_record["actors"] for m in a["mentions"]):
        assert html_record["text"][mention["start"] : mention["end"]] == mention["text"]


def test_a_missing_input_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError):
        extract_files([tmp_path / "absent.jsonl"], tmp_path / "out.jsonl")


def test_an_empty_input_gives_an_empty_output(tmp_path: Path) -> None:
    source = write(tmp_path / "in.jsonl", [""])
    output = tmp_path / "out.jsonl"
    summary = extract_files([source], output)
    assert output.read_text(encoding="utf-8") == ""
    assert summary.articles == 0 and summary.problems == []


def test_resume_writes_only_what_a_killed_run_left_out(tmp_path: Path) -> None:
    ids = [f"r{i}" for i in range(5)]
    source = write(tmp_path / "in.jsonl", [*(article(i) for i in ids), "{broken"])
    output = tmp_path / "out.jsonl"
    extract_files([source], output)
    complete = output.read_text(encoding="utf-8").splitlines()
    killed = "\n".join(complete[:2]) + "\n" + complete[2][:40]  # two lines and a cut one
    output.write_text(killed, encoding="utf-8")

    summary = extract_files([source], output, resume=True)
    assert [r["id"] for r in read_output(output)] == ids
    assert (summary.already_done, summary.articles) == (2, 3)
    assert "2 already in the output" in summary.line()
    assert [(p.line, p.code) for p in summary.problems] == [(6, "malformed_json")]
    again = extract_files([source], output, resume=True)
    assert (again.already_done, again.articles) == (5, 0)
    assert [r["id"] for r in read_output(output)] == ids


def test_a_folder_output_gets_parquet_shards_in_input_order(tmp_path: Path) -> None:
    ids = [f"s{i}" for i in range(5)]
    source = write(tmp_path / "in.jsonl", [article(i) for i in ids])
    folder = tmp_path / "shards"
    summary = extract_files([source], folder, output_format="parquet", shard_records=2)
    names = sorted(p.name for p in folder.iterdir())
    assert names == [MANIFEST] + [f"part-0000{n}.parquet" for n in range(3)]
    records = [parquet_row_to_record(row) for row in pq.read_table(folder).to_pylist()]
    assert [r["id"] for r in records] == ids
    for record in records:
        ExtractionResult.model_validate(record)
    assert sum(len(r["actors"]) for r in records) == summary.actors > 0
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert (manifest["complete"], manifest["records"]) == (True, 5)


def test_summary_line() -> None:
    summary = BatchSummary(
        articles=3,
        words=900,
        actors=7,
        capabilities=2,
        relationships=1,
        problems=[InputProblem("x.jsonl", 2, "malformed_json", "bad")],
        seconds=2.0,
    )
    line = summary.line()
    assert re.fullmatch(
        r"3 articles, 7 actors, 2 capabilities, 1 relationships, 1 errors, 2\.0 s "
        r"\(450 words/s\)",
        line,
    ), line
    assert "0 words/s" in BatchSummary().line()
