"""Gold files: loading with line-numbered errors, and text resolution against a corpora folder."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ie_nlp.errors import GoldFormatError, InputFileError
from ie_nlp.evaluation import gold_articles, load_gold, load_gold_files, resolve_texts
from ie_nlp.settings import get_settings

TEXT = "Acme Bio raised EUR 10 million from Alpine Ventures. Unrelated tail text."
CUT = len("Acme Bio raised EUR 10 million from Alpine Ventures.")


def write_jsonl(path: Path, records: list[Any]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def reference_record(**extra: Any) -> dict[str, Any]:
    record = {
        "id": "wire-1",
        "source_file": "wire.jsonl",
        "text_length": CUT,
        "actors": [
            {"name": "Acme Bio", "type": "biotech", "aliases": []},
            {"name": "Alpine Ventures", "type": "investor", "aliases": []},
        ],
        "capabilities": [],
        "relationships": [
            {"type": "investment", "source": "Alpine Ventures", "target": "Acme Bio"}
        ],
    }
    record.update(extra)
    return record


@pytest.fixture
def corpora(tmp_path: Path) -> Path:
    folder = tmp_path / "corpora"
    folder.mkdir()
    write_jsonl(
        folder / "wire.jsonl",
        [
            {"id": "wire-0", "text": "Other article."},
            {
                "id": "wire-1",
                "title": "Acme raises",
                "published": "2025-01-02",
                "source": "Wire",
                "url": "https://example.org/1",
                "text": TEXT,
            },
        ],
    )
    return folder


def test_load_gold_parses_both_record_forms(tmp_path: Path) -> None:
    path = write_jsonl(
        tmp_path / "gold.jsonl",
        [reference_record(), {"id": "own-1", "text": "Beta Bio AG.", "actors": []}],
    )
    records = load_gold(path)
    assert [r.id for r in records] == ["wire-1", "own-1"]
    assert records[0].text is None and records[0].source_file == "wire.jsonl"
    assert records[0].annotation.relationships[0].source == "#1"
    assert records[1].text == "Beta Bio AG."


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", r"gold\.jsonl:2: not valid JSON"),
        ("[1, 2]", r"gold\.jsonl:2: a line must hold one JSON object"),
        ('{"actors": []}', r"gold\.jsonl:2: 'id' must be a non-empty string"),
        (
            '{"id": "x", "actors": [{"name": "A", "type": "startup"}]}',
            r"gold\.jsonl:2: actors\[0\]: unknown actor type 'startup'",
        ),
        ('{"id": "x", "text_length": -1}', r"gold\.jsonl:2: 'text_length' must be"),
        ('{"id": "wire-1"}', r"gold\.jsonl:2: article id 'wire-1' is already annotated on line 1"),
    ],
)
def test_bad_gold_lines_are_reported_with_their_number(
    tmp_path: Path, line: str, message: str
) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(json.dumps(reference_record()) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(GoldFormatError, match=message):
        load_gold(path)


def test_load_gold_files_reads_folders_and_rejects_ids_twice(tmp_path: Path) -> None:
    folder = tmp_path / "gold"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", [reference_record()])
    write_jsonl(folder / "b.jsonl", [{"id": "own-1", "text": "x"}])
    assert [r.id for r in load_gold_files([folder])] == ["wire-1", "own-1"]
    write_jsonl(folder / "c.jsonl", [{"id": "own-1", "text": "y"}])
    with pytest.raises(GoldFormatError, match=r"c\.jsonl:1: article id 'own-1' is already"):
        load_gold_files([folder])


def test_resolve_texts_cuts_the_corpus_article(tmp_path: Path, corpora: Path) -> None:
    path = write_jsonl(
        tmp_path / "gold.jsonl",
        [
            reference_record(),
            reference_record(id="wire-0", text_length=None, actors=[], relationships=[]),
        ],
    )
    resolved = resolve_texts(load_gold(path), corpora)
    assert resolved[0].text == TEXT[:CUT]
    assert resolved[1].text == "Other article."


def test_gold_articles_are_contract_input_articles(tmp_path: Path, corpora: Path) -> None:
    path = write_jsonl(
        tmp_path / "gold.jsonl",
        [reference_record(), {"id": "own-1", "text": "Beta Bio AG.", "title": "Beta"}],
    )
    articles = gold_articles(load_gold(path), corpora)
    assert articles == [
        {
            "id": "wire-1",
            "text": TEXT[:CUT],
            "title": "Acme raises",
            "published": "2025-01-02",
            "source": "Wire",
        },
        {"id": "own-1", "text": "Beta Bio AG.", "title": "Beta"},
    ]


def test_records_with_text_need_no_corpora(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "gold.jsonl", [{"id": "own-1", "text": "Beta Bio AG."}])
    assert resolve_texts(load_gold(path), tmp_path / "nowhere")[0].text == "Beta Bio AG."


def test_missing_corpora_folder_says_where_it_looked(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "gold.jsonl", [reference_record()])
    missing = tmp_path / "shared" / "corpora"
    with pytest.raises(InputFileError, match="shared corpora folder, which is needed") as info:
        resolve_texts(load_gold(path), missing)
    assert str(missing) in info.value.message


def test_default_corpora_folder_comes_from_settings(
    tmp_path: Path, corpora: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_jsonl(tmp_path / "gold.jsonl", [reference_record()])
    monkeypatch.setenv("IE_SHARED_CORPORA_DIR", str(corpora))
    get_settings.cache_clear()
    try:
        assert get_settings().shared_corpora_dir == corpora
        assert resolve_texts(load_gold(path))[0].text == TEXT[:CUT]
    finally:
        monkeypatch.delenv("IE_SHARED_CORPORA_DIR")
        get_settings.cache_clear()


@pytest.mark.parametrize(
    ("record", "error", "message"),
    [
        (reference_record(source_file="other.jsonl"), InputFileError, "corpus file .* not found"),
        (reference_record(id="wire-9"), GoldFormatError, "no article with that id"),
        (reference_record(text_length=10_000), GoldFormatError, "longer than the corpus article"),
        (reference_record(source_file=None), GoldFormatError, "neither 'text' nor 'source_file'"),
    ],
)
def test_unresolvable_references_are_clear_errors(
    tmp_path: Path, corpora: Path, record: dict[str, Any], error: type[Exception], message: str
) -> None:
    path = write_jsonl(tmp_path / "gold.jsonl", [record])
    with pytest.raises(error, match=message):
        resolve_texts(load_gold(path), corpora)
