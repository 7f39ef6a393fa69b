"""ie_nlp.extraction.sources: input files from local paths and URIs, JSON lines and Parquet; a
bad record is a problem with its file and line (a Parquet row's number)."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from ie_nlp.errors import InputFileError
from ie_nlp.extraction.inputs import InputProblem, InputRecord
from ie_nlp.extraction.sources import list_sources, read_source


def good(article_id: str) -> str:
    return json.dumps({"id": article_id, "text": f"{article_id}: Acme Therapeutics news."})


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    (folder / "nested").mkdir(parents=True)
    (folder / "a.jsonl").write_text(
        "\n".join([good("j1"), "{broken", json.dumps({"text": "no id"}), good("j2")]) + "\n",
        encoding="utf-8",
    )
    rows = [
        {"id": "p1", "text": "Beta Bio raised money.", "title": "T"},
        {"id": None, "text": "A row without an id.", "title": None},
        {"id": "p3", "text": "Acme hired Jane Doe.", "title": None},
    ]
    pq.write_table(pa.Table.from_pylist(rows), folder / "nested" / "b.parquet")
    (folder / "nested" / "c.html").write_text("<p>Acme Therapeutics.</p>", encoding="utf-8")
    (folder / "README.md").write_text("not an input", encoding="utf-8")
    return folder


def outcomes(source: str) -> list[tuple[str, int | None, str]]:
    """(kind or code, line, id or path) of each record of ``source``."""
    found: list[tuple[str, int | None, str]] = []
    for item in read_source(source):
        if isinstance(item, InputRecord):
            found.append(("article", item.line, item.article.id))
        else:
            assert isinstance(item, InputProblem)
            found.append((item.code, item.line, item.path))
    return found


def test_a_folder_stands_for_its_supported_files_sorted(corpus: Path) -> None:
    assert list_sources([str(corpus)]) == [
        str(corpus / "a.jsonl"),
        str(corpus / "nested" / "b.parquet"),
        str(corpus / "nested" / "c.html"),
    ]


def test_a_file_uri_lists_file_uris(corpus: Path) -> None:
    assert list_sources([f"file://{corpus}/nested"]) == [
        f"file://{corpus}/nested/b.parquet",
        f"file://{corpus}/nested/c.html",
    ]


def test_jsonl_records_and_problems_carry_file_and_line(corpus: Path) -> None:
    source = str(corpus / "a.jsonl")
    assert outcomes(source) == [
        ("article", 1, "j1"),
        ("malformed_json", 2, source),
        ("invalid_article", 3, source),
        ("article", 4, "j2"),
    ]


def test_parquet_rows_are_articles_numbered_from_1(corpus: Path) -> None:
    source = f"file://{corpus}/nested/b.parquet"
    assert outcomes(source) == [
        ("article", 1, "p1"),
        ("invalid_article", 2, source),
        ("article", 3, "p3"),
    ]
    first = next(iter(read_source(source)))
    assert isinstance(first, InputRecord)
    assert (first.article.title, first.article.text) == ("T", "Beta Bio raised money.")


def test_a_page_is_one_article_named_by_its_file(corpus: Path) -> None:
    (record,) = read_source(str(corpus / "nested" / "c.html"))
    assert isinstance(record, InputRecord)
    assert (record.article.id, record.line) == ("c", None)
    assert record.article.html == "<p>Acme Therapeutics.</p>"


def test_a_file_gone_before_it_is_read_is_one_problem(corpus: Path) -> None:
    source = str(corpus / "a.jsonl")
    Path(source).unlink()
    assert outcomes(source) == [("input_unreadable", None, source)]


@pytest.mark.parametrize("name", ["absent.jsonl", "README.md"])
def test_a_missing_or_unsupported_input_fails_before_any_reading(corpus: Path, name: str) -> None:
    with pytest.raises(InputFileError, match=name):
        list_sources([str(corpus / "a.jsonl"), str(corpus / name)])
