"""``ie-nlp extract`` end to end: the installed console script as a subprocess (what users
run), plus quick in-process checks of its argument errors."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from ie_nlp.cli import cli
from ie_nlp.extraction.extractor import Extractor
from ie_nlp.schema import ExtractionResult
from ie_nlp.settings import Settings

REPO_DIR = Path(__file__).resolve().parents[2]
SAMPLE_DIR = REPO_DIR / "corpora" / "sample"
SUMMARY = re.compile(
    r"(?P<articles>\d+) articles, \d+ actors, \d+ capabilities, \d+ relationships, "
    r"(?P<errors>\d+) errors, [\d.]+ s \([\d,]+ words/s\)"
)
RUN_TIMEOUT_S = 420


def command() -> list[str]:
    """The console script next to this interpreter, else ``python -m ie_nlp.cli``."""
    search = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
    script = shutil.which("ie-nlp", path=search)
    return [script] if script else [sys.executable, "-m", "ie_nlp.cli"]


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    output: Path

    def records(self) -> list[dict[str, Any]]:
        return [json.loads(line) for line in self.output.read_text(encoding="utf-8").splitlines()]

    def summary(self) -> re.Match[str]:
        match = SUMMARY.search(self.stderr)
        assert match, f"no summary line in stderr:\n{self.stderr[-3000:]}"
        assert f"{self.output}: " in self.stderr
        return match


def good(article_id: str, text: str) -> str:
    return json.dumps({"id": article_id, "text": text})


@pytest.fixture(scope="module")
def bad_input(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cli-in") / "mixed.jsonl"
    lines = [
        good("g1", "Pfizer acquired Seagen for $43 billion."),  # 1
        '{"id": "broken", "text": "no closing brace"',  # 2
        json.dumps({"text": "A record without an id."}),  # 3
        good(
            "g2", '"We are pleased," said Jane Doe, Chief Executive Officer of Acme Therapeutics.'
        ),  # 4
        good(
            "g3",
            "Acme Therapeutics, a clinical-stage biotechnology company, raised $40 "
            "million in a Series B financing led by Alpine Ventures.",
        ),  # 5
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, bad_input: Path) -> dict[str, Run]:
    """The module's two subprocess runs, started together so their model loads overlap:
    the console script with one worker on the sample corpus, its pages and the file with bad
    records; ``python -m ie_nlp.cli`` with two workers on the same inputs (two windows, so
    results written in order while the second window is already being extracted)."""
    out = tmp_path_factory.mktemp("cli-out")
    jobs = {
        "one": [
            *command(),
            "extract",
            str(SAMPLE_DIR / "articles.jsonl"),
            str(SAMPLE_DIR / "pages"),
            str(bad_input),
            "-o",
            str(out / "one.jsonl"),
            "--workers",
            "1",
            "--no-progress",
        ],
        "two": [
            sys.executable,
            "-m",
            "ie_nlp.cli",
            "extract",
            str(SAMPLE_DIR / "articles.jsonl"),
            str(SAMPLE_DIR / "pages"),
            str(bad_input),
            "-o",
            str(out / "two.jsonl"),
            "--workers",
            "2",
            "--no-progress",
        ],
    }
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    started = {
        name: subprocess.Popen(
            args,
            cwd=REPO_DIR,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for name, args in jobs.items()
    }
    finished: dict[str, Run] = {}
    for name, process in started.items():
        try:
            stdout, stderr = process.communicate(timeout=RUN_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            for other in started.values():
                other.kill()
            pytest.fail(f"`{' '.join(jobs[name])}` ran over {RUN_TIMEOUT_S} s")
        finished[name] = Run(process.returncode, stdout, stderr, out / f"{name}.jsonl")
    return finished


SAMPLE_IDS = [f"sample-{n:02d}" for n in range(1, 15)] + ["interview", "rhine-article"]


def test_one_line_per_good_record_in_input_order(runs: dict[str, Run]) -> None:
    records = runs["one"].records()
    assert [r["id"] for r in records] == [*SAMPLE_IDS, "g1", "g2", "g3"]
    for record in records:
        ExtractionResult.model_validate(record)
        assert record["schema_version"] == "1"
    assert sum(len(r["actors"]) for r in records) > 0


def test_bad_records_are_named_by_file_and_line(runs: dict[str, Run], bad_input: Path) -> None:
    run = runs["one"]
    assert f"{bad_input}:2" in run.stderr
    assert f"{bad_input}:3" in run.stderr
    for line in (1, 4, 5):
        assert f"{bad_input}:{line}:" not in run.stderr
    assert "articles.jsonl:" not in run.stderr, "no problem in the sample corpus"


def test_bad_records_make_the_exit_status_1(runs: dict[str, Run]) -> None:
    run = runs["one"]
    assert run.returncode == 1, run.stderr[-3000:]


def test_the_summary_line_counts_articles_and_errors(runs: dict[str, Run]) -> None:
    summary = runs["one"].summary()
    assert (summary["articles"], summary["errors"]) == (str(len(SAMPLE_IDS) + 3), "2")


def test_html_pages_carry_their_text_and_offsets(runs: dict[str, Run]) -> None:
    records = {r["id"]: r for r in runs["one"].records()}
    page = records["rhine-article"]
    assert "Dermalis GmbH" in page["text"]
    assert "We use cookies" not in page["text"]
    assert "text" not in records["interview"]
    for mention in (m for actor in page["actors"] for m in actor["mentions"]):
        assert page["text"][mention["start"] : mention["end"]] == mention["text"]


def test_two_workers_give_the_same_results_as_one(runs: dict[str, Run], bad_input: Path) -> None:
    one, two = runs["one"], runs["two"]
    assert two.returncode == 1, two.stderr[-3000:]
    assert f"{bad_input}:2" in two.stderr and f"{bad_input}:3" in two.stderr
    summary = two.summary()
    assert (summary["articles"], summary["errors"]) == (str(len(SAMPLE_IDS) + 3), "2")

    def digest(records: list[dict[str, Any]]) -> list[tuple[str, list[tuple[str, str]]]]:
        return [(r["id"], [(a["name"], a["type"]) for a in r["actors"]]) for r in records]

    assert digest(two.records()) == digest(one.records())


# --- in process, on the session's pipeline ------------------------------------------------


@pytest.fixture
def shared_pipeline(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> None:
    def from_settings(settings: Settings | None = None) -> Extractor:
        return Extractor(extractor.nlp, settings or extractor.settings)

    monkeypatch.setattr(Extractor, "from_settings", staticmethod(from_settings))


def test_a_clean_input_exits_0_with_a_summary(shared_pipeline: None, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(
        good("c1", "Pfizer acquired Seagen for $43 billion.") + "\n", encoding="utf-8"
    )
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(source), "-o", str(output), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["id"] for line in output.read_text().splitlines()] == ["c1"]
    match = SUMMARY.search(result.stderr)
    assert match and (match["articles"], match["errors"]) == ("1", "0")


def test_min_confidence_leaves_out_less_likely_relationships(
    shared_pipeline: None, tmp_path: Path
) -> None:
    source = SAMPLE_DIR / "articles.jsonl"
    confidences = {}
    for floor in ("0.0", "0.7"):
        output = tmp_path / f"out-{floor}.jsonl"
        result = CliRunner().invoke(
            cli,
            ["extract", str(source), "-o", str(output), "--no-progress", "--min-confidence", floor],
        )
        assert result.exit_code == 0, result.output
        confidences[floor] = [
            relationship["confidence"]
            for line in output.read_text().splitlines()
            for relationship in json.loads(line)["relationships"]
        ]
    assert any(c < 0.7 for c in confidences["0.0"]), "the sample has less likely relationships"
    assert confidences["0.7"] and all(c >= 0.7 for c in confidences["0.7"])
    assert len(confidences["0.7"]) < len(confidences["0.0"])


def test_a_bad_record_exits_1_in_process(
    shared_pipeline: None, bad_input: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        cli, ["extract", str(bad_input), "-o", str(output), "--no-progress"]
    )
    assert result.exit_code == 1
    assert f"{bad_input}:2: [malformed_json]" in result.stderr
    assert f"{bad_input}:3: [invalid_article]" in result.stderr
    assert len(output.read_text().splitlines()) == 3


def test_a_missing_input_fails_with_its_code(shared_pipeline: None, tmp_path: Path) -> None:
    missing = tmp_path / "absent.jsonl"
    result = CliRunner().invoke(cli, ["extract", str(missing), "-o", str(tmp_path / "o.jsonl")])
    assert result.exit_code == 1
    assert "[input_unreadable]" in result.stderr
    assert str(missing) in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["extract", "corpora/sample/articles.jsonl"],  # no -o
        ["extract", "-o", "out.jsonl"],  # no input
        ["extract", "x.jsonl", "-o", "out.jsonl", "--workers", "0"],
        ["extract", "x.jsonl", "-o", "out.jsonl", "--engine", "spark"],
        ["extract", "s3://bucket/x.jsonl", "-o", "out.jsonl"],  # a URI needs --engine ray
        ["extract", "x.jsonl", "-o", "out.jsonl", "--address", "10.0.0.5:6379"],
    ],
)
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2


def test_extract_help_documents_the_exit_status() -> None:
    result = CliRunner().invoke(cli, ["extract", "--help"])
    assert result.exit_code == 0
    assert "exit status is 1" in " ".join(result.output.split())


def test_a_parquet_output_must_be_a_folder(shared_pipeline: None, tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text(good("p1", "Pfizer acquired Seagen.") + "\n", encoding="utf-8")
    output = tmp_path / "out.jsonl"
    result = CliRunner().invoke(
        cli, ["extract", str(source), "-o", str(output), "--format", "parquet"]
    )
    assert result.exit_code == 1
    assert "[output_unusable]" in result.stderr
    assert not output.exists()


def test_extract_help_names_the_engines_and_resume() -> None:
    result = CliRunner().invoke(cli, ["extract", "--help"])
    assert result.exit_code == 0
    for option in ("--engine", "--address", "--resume", "--format", "--shard-size"):
        assert option in result.output
    assert "--engine ray" in result.output
