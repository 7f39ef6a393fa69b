"""``ie-nlp ingest``: result files and corpora in, a summary out, bad lines reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_helpers import SAMPLE_ARTICLES, Article

from ie_nlp.cli import cli
from ie_nlp.store import Store


@pytest.fixture
def results_file(tmp_path: Path, sample: list[Article]) -> Path:
    path = tmp_path / "results.jsonl"
    lines = [json.dumps(result.as_record()) for result, _ in sample]
    lines[3:3] = ["{not json", '{"id": "broken", "actors": [{"id": "a1"}]}']
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    outcome = CliRunner().invoke(cli, ["ingest", *args])
    return outcome.exit_code, outcome.output


def test_ingest_reports_bad_lines_and_stores_the_rest(
    results_file: Path, store_url: str, sample: list[Article]
) -> None:
    code, output = run(
        str(results_file), "--articles", str(SAMPLE_ARTICLES), "--database-url", store_url
    )
    assert code == 1
    assert f"{results_file}:4: [malformed_json]" in output
    assert f"{results_file}:5: [invalid_result]" in output
    assert f"articles: {len(sample)} new, 0 unchanged, 0 replaced" in output
    assert "2 errors" in output
    with Store.open(store_url) as store:
        assert store.counts()["articles"] == len(sample)
        dates = [published for _, published, _ in store.snapshot().articles]
        assert None not in dates

    code, output = run(str(results_file), "--database-url", store_url, "--reresolve")
    assert code == 1
    assert f"0 new, {len(sample)} unchanged" in output
    assert "reresolve:" in output and "0 article actors reassigned" in output


def test_ingest_needs_results_or_reresolve(store_url: str) -> None:
    code, output = run("--database-url", store_url)
    assert code == 2
    assert "give RESULTS files, or --reresolve" in output


def test_ingest_reports_a_bad_database_url() -> None:
    code, output = run("missing.jsonl", "--database-url", "nosuchdialect://x")
    assert code == 1
    assert "[store_unavailable]" in output


def test_help_has_an_example() -> None:
    code, output = run("--help")
    assert code == 0
    assert "Examples:" in output and "ie-nlp ingest out/sample.jsonl --articles" in output
