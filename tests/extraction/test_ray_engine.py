"""``ie-nlp extract --engine ray --address`` on a real two-node Ray cluster (``ray_cluster``),
killed with SIGKILL midway and finished with ``--resume``: every article once, only what was
missing extracted again, bad records reported with file, line and code without failing the
job, and the same results as the local engine, record for record (timings aside)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from extract_runs import SAMPLE_DIR, Resumed, many_articles, resume, run_and_kill, write_jsonl

from ie_nlp.extraction.bulk import WINDOW_PER_WORKER, extract_files
from ie_nlp.extraction.outputs import MANIFEST, parquet_row_to_record
from ie_nlp.extraction.ray_cluster import LocalCluster
from ie_nlp.extraction.ray_engine import plan_actors

BAD_LINES = [
    json.dumps({"id": "g1", "text": "Pfizer acquired Seagen for $43 billion."}),  # 1
    '{"id": "broken", "text": "no closing brace"',  # 2
    json.dumps({"text": "A record without an id."}),  # 3
    *(json.dumps(article) for article in many_articles(10)),  # 4-13
]
ARTICLES = 14 + 2 + 11  # the sample's articles and pages, the good records of the mixed file


@dataclass
class KilledAndResumed:
    before: int  # articles committed when the first run was killed
    first_manifest: dict[str, Any]
    resumed: Resumed
    records: list[dict[str, Any]]
    manifest: dict[str, Any]


def comparable(record: dict[str, Any]) -> dict[str, Any]:
    """The record without its timing, the one part that differs from run to run."""
    return {**record, "meta": {k: v for k, v in record["meta"].items() if k != "seconds"}}


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    mixed = write_jsonl(tmp_path_factory.mktemp("ray-in") / "mixed.jsonl", BAD_LINES)
    return [SAMPLE_DIR / "articles.jsonl", SAMPLE_DIR / "pages", mixed]


@pytest.fixture(scope="module")
def ray_run(
    ray_cluster: LocalCluster, inputs: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> KilledAndResumed:
    """One actor, Parquet shards of 4: the first window of 16 results is committed while the
    other 11 articles are still being extracted, and the run is killed then."""
    folder = tmp_path_factory.mktemp("ray-out") / "shards"
    args = [*(str(p) for p in inputs), "-o", str(folder), "--engine", "ray",
            "--address", ray_cluster.address, "--workers", "1", "--format", "parquet",
            "--shard-size", "4"]  # fmt: skip
    env = {**os.environ, **ray_cluster.env, "PYTHONIOENCODING": "utf-8"}

    def committed() -> int:
        return sum(pq.read_metadata(p).num_rows for p in folder.glob("part-*.parquet"))

    run_and_kill(args, env, committed)
    before = committed()
    first_manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    resumed = resume(args, env)
    records = [parquet_row_to_record(row) for row in pq.read_table(folder).to_pylist()]
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    return KilledAndResumed(before, first_manifest, resumed, records, manifest)


def test_killed_midway_with_complete_shards_only(ray_run: KilledAndResumed) -> None:
    assert 0 < ray_run.before < ARTICLES
    assert ray_run.first_manifest["complete"] is False


def test_resume_extracts_only_what_was_missing(ray_run: KilledAndResumed) -> None:
    resumed = ray_run.resumed
    assert (resumed.already, resumed.extracted) == (ray_run.before, ARTICLES - ray_run.before)


def test_every_article_is_in_the_output_once(ray_run: KilledAndResumed) -> None:
    ids = [record["id"] for record in ray_run.records]
    expected = [a["id"] for a in many_articles(10)] + ["g1", "interview", "rhine-article"]
    expected += [f"sample-{n:02d}" for n in range(1, 15)]
    assert sorted(ids) == sorted(expected)
    assert (ray_run.manifest["complete"], ray_run.manifest["records"]) == (True, ARTICLES)


def test_bad_records_are_reported_with_file_line_and_code(
    ray_run: KilledAndResumed, inputs: list[Path]
) -> None:
    mixed = inputs[2].resolve()
    stderr = ray_run.resumed.stderr
    assert f"{mixed}:2: [malformed_json]" in stderr
    assert f"{mixed}:3: [invalid_article]" in stderr
    assert ray_run.resumed.returncode == 1, "the job finishes, with exit status 1"
    problems = sorted((p["path"], p["line"], p["code"]) for p in ray_run.manifest["problems"])
    assert problems == [(str(mixed), 2, "malformed_json"), (str(mixed), 3, "invalid_article")]


@pytest.mark.usefixtures("shared_pipeline")
def test_ray_gives_the_local_engines_results_record_for_record(
    ray_run: KilledAndResumed, inputs: list[Path], tmp_path: Path
) -> None:
    output = tmp_path / "local.jsonl"
    extract_files(inputs, output)
    lines = output.read_text(encoding="utf-8").splitlines()
    expected = {record["id"]: comparable(record) for record in map(json.loads, lines)}
    found = {record["id"]: comparable(record) for record in ray_run.records}
    assert sorted(found) == sorted(expected)
    for article_id, record in expected.items():
        assert found[article_id] == record, article_id
    assert sum(len(r["relationships"]) for r in expected.values()) > 0


ARRIVALS = """
import sys
from ie_nlp.extraction.ray_engine import extract_with_ray
extract_with_ray([sys.argv[1]], sys.argv[2], workers=1, address=sys.argv[3],
                 on_article=lambda n: print(n, flush=True))
"""


def test_results_of_one_file_reach_the_output_window_by_window(
    ray_cluster: LocalCluster, tmp_path: Path
) -> None:
    """Ray Data would join a file's windows into one block, and its results would reach the
    output only when the whole file was done: a kill would lose the file's work."""
    articles = write_jsonl(
        tmp_path / "one-file.jsonl", [json.dumps(a) for a in many_articles(3 * WINDOW_PER_WORKER)]
    )
    # A driver process of its own: Ray reads the cluster's token when it is imported.
    driver = subprocess.run(
        [sys.executable, "-c", ARRIVALS, str(articles), str(tmp_path / "out.jsonl"),
         ray_cluster.address],
        env={**os.environ, **ray_cluster.env}, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert driver.returncode == 0, driver.stderr
    arrivals = [int(line) for line in driver.stdout.split()]
    assert sum(arrivals) == 3 * WINDOW_PER_WORKER
    assert len(arrivals) >= 3
    assert max(arrivals) <= WINDOW_PER_WORKER


@pytest.mark.parametrize(
    ("cpus", "workers", "plan"),
    [
        ([1.0, 1.0], None, (2, 1)),  # one actor per CPU
        ([1.0, 1.0], 1, (1, 1)),  # 2 CPUs' worth, but no node has 2
        ([4.0], 2, (2, 2)),  # the CPUs shared out as threads
        ([2.0], 8, (2, 1)),  # never more actors than CPUs
    ],
)
def test_actors_and_threads_follow_workers_and_the_cluster(
    cpus: list[float], workers: int | None, plan: tuple[int, int]
) -> None:
    assert plan_actors(cpus, workers) == plan
