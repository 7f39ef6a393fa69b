"""``ie-nlp gold-articles`` through click's CliRunner: input articles written from gold records,
from a given corpora folder and, where it is present, from the real shared corpus in ../shared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from ie_nlp.cli import cli
from ie_nlp.settings import REPO_DIR

from .gold_files import GOLD, write_jsonl

CORPORA = REPO_DIR.parent / "shared" / "corpora"

needs_corpora = pytest.mark.skipif(
    not (CORPORA / "wire_biopharma.jsonl").is_file(),
    reason=f"shared corpora not found at {CORPORA}",
)


def test_gold_articles_writes_input_articles(tmp_path: Path) -> None:
    corpora = tmp_path / "corpora"
    corpora.mkdir()
    write_jsonl(
        corpora / "wire.jsonl", [{"id": "w1", "title": "T", "text": "Acme Bio AG raised money."}]
    )
    gold = write_jsonl(
        tmp_path / "gold.jsonl",
        [{"id": "w1", "source_file": "wire.jsonl", "text_length": 11, "actors": []}, *GOLD],
    )
    out = tmp_path / "articles.jsonl"
    args = ["gold-articles", str(gold), "-o", str(out), "--corpora", str(corpora)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines == [
        {"id": "w1", "text": "Acme Bio AG", "title": "T"},
        {"id": "a1", "text": GOLD[0]["text"]},
    ]

    args = ["gold-articles", str(gold), "-o", str(out), "--corpora", str(tmp_path / "missing")]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0
    assert "shared corpora folder, which is needed" in result.output
    assert str(tmp_path / "missing") in result.output


@needs_corpora
def test_gold_reference_resolves_against_the_shared_corpus(tmp_path: Path) -> None:
    with (CORPORA / "wire_biopharma.jsonl").open(encoding="utf-8") as handle:
        article = json.loads(handle.readline())
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"id": article["id"], "source_file": "wire_biopharma.jsonl", "text_length": 200})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "articles.jsonl"
    result = CliRunner().invoke(cli, ["gold-articles", str(gold), "-o", str(out)])
    assert result.exit_code == 0, result.output
    written = json.loads(out.read_text())
    assert written["text"] == article["text"][:200]
    assert written["title"] == article["title"]
