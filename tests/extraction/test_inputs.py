"""ie_nlp.extraction.inputs: input files to articles; a bad record is a problem with file, line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ie_nlp.errors import InputFileError
from ie_nlp.extraction.inputs import InputProblem, InputRecord, expand_inputs, read_inputs


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def good(article_id: str) -> str:
    return json.dumps({"id": article_id, "text": f"{article_id} is about Acme Therapeutics."})


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    return write_lines(
        tmp_path / "mixed.jsonl",
        [
            good("a1"),  # 1
            "",  # 2 blank: skipped, still counted
            '{"id": "broken", "text": "no closing',  # 3 malformed JSON
            json.dumps({"text": "no id here"}),  # 4 missing id
            good("a2"),  # 5
            json.dumps(["not", "an", "object"]),  # 6
            json.dumps({"id": "empty", "text": "   "}),  # 7 neither text nor html
            json.dumps({"id": "", "text": "empty id"}),  # 8
            json.dumps({"id": "h1", "html": "<p>Acme Therapeutics news.</p>"}),  # 9
        ],
    )


def test_good_records_and_problems_keep_their_lines(mixed: Path) -> None:
    items = list(read_inputs([mixed]))
    records = [i for i in items if isinstance(i, InputRecord)]
    problems = [i for i in items if isinstance(i, InputProblem)]
    assert [(r.article.id, r.line) for r in records] == [("a1", 1), ("a2", 5), ("h1", 9)]
    assert [p.line for p in problems] == [3, 4, 6, 7, 8]
    assert all(p.path == str(mixed) for p in problems + records)  # type: ignore[operator]


def test_problem_codes(mixed: Path) -> None:
    codes = {p.line: p.code for p in read_inputs([mixed]) if isinstance(p, InputProblem)}
    assert codes == {
        3: "malformed_json",
        4: "invalid_article",
        6: "invalid_article",
        7: "invalid_article",
        8: "invalid_article",
    }


def test_a_missing_id_is_named_in_the_message(mixed: Path) -> None:
    problem = next(p for p in read_inputs([mixed]) if isinstance(p, InputProblem) and p.line == 4)
    assert "id" in problem.message


def test_a_problem_reads_as_file_line_code_message(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "bad.jsonl", ["{nope"])
    (problem,) = list(read_inputs([path]))
    assert isinstance(problem, InputProblem)
    assert str(problem).startswith(f"{path}:1: [malformed_json] ")


def test_input_order_is_kept_across_the_stream(tmp_path: Path) -> None:
    path = write_lines(tmp_path / "many.jsonl", [good(f"n{i:02d}") for i in range(30)])
    ids = [r.article.id for r in read_inputs([path]) if isinstance(r, InputRecord)]
    assert ids == [f"n{i:02d}" for i in range(30)]


def test_extra_fields_are_kept(tmp_path: Path) -> None:
    path = write_lines(
        tmp_path / "extra.jsonl",
        [
            json.dumps(
                {
                    "id": "x",
                    "text": "Acme news.",
                    "title": "T",
                    "published": "2024-03-12",
                    "custom": 7,
                }
            )
        ],
    )
    (record,) = list(read_inputs([path]))
    assert isinstance(record, InputRecord)
    assert record.article.title == "T"
    assert record.article.model_extra == {"custom": 7}


def test_undecodable_bytes_do_not_stop_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes(b'{"id": "l1", "text": "Z\xfcrich biotech"}\n' + good("l2").encode() + b"\n")
    ids = [r.article.id for r in read_inputs([path]) if isinstance(r, InputRecord)]
    assert ids == ["l1", "l2"]


def test_txt_and_html_files_are_one_article_each(tmp_path: Path) -> None:
    (tmp_path / "note.txt").write_text("Acme Therapeutics raised money.", encoding="utf-8")
    (tmp_path / "page.html").write_text("<p>Beta Bio news.</p>", encoding="utf-8")
    items = list(read_inputs([tmp_path / "note.txt", tmp_path / "page.html"]))
    assert all(isinstance(i, InputRecord) for i in items)
    note, page = (i.article for i in items)  # type: ignore[union-attr]
    assert (note.id, note.text, note.html) == ("note", "Acme Therapeutics raised money.", None)
    assert (page.id, page.text, page.html) == ("page", None, "<p>Beta Bio news.</p>")
    assert all(i.line is None for i in items)  # type: ignore[union-attr]


def test_an_empty_document_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n", encoding="utf-8")
    (problem,) = list(read_inputs([path]))
    assert isinstance(problem, InputProblem)
    assert problem.path == str(path)
    assert problem.code == "invalid_article"


def test_a_folder_expands_recursively_sorted_to_supported_files(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b", encoding="utf-8")
    (tmp_path / "a.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.HTML").write_text("<p>c</p>", encoding="utf-8")
    (tmp_path / "sub" / "d.htm").write_text("<p>d</p>", encoding="utf-8")
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    files = expand_inputs([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in files] == [
        "a.jsonl",
        "b.txt",
        "sub/c.HTML",
        "sub/d.htm",
    ]


def test_an_unsupported_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF")
    with pytest.raises(InputFileError) as raised:
        expand_inputs([path])
    assert raised.value.code == "input_unreadable"
    assert str(path) in raised.value.message


def test_a_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file"):
        list(read_inputs([tmp_path / "absent.jsonl"]))


def test_the_sample_corpus_reads_cleanly() -> None:
    sample = Path(__file__).resolve().parents[2] / "corpora" / "sample"
    items = list(read_inputs([sample / "articles.jsonl", sample / "pages"]))
    assert all(isinstance(i, InputRecord) for i in items)
    ids = [i.article.id for i in items]  # type: ignore[union-attr]
    assert ids == [f"sample-{n:02d}" for n in range(1, 15)] + ["interview", "rhine-article"]
