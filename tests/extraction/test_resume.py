"""Kill test of the local engine: ``ie-nlp extract`` killed with SIGKILL midway, then the same
command with ``--resume``: every input article in the output exactly once, in input order, and
the resumed run extracts only what was missing. (The Ray engine's is in test_ray_engine.py.)"""

from __future__ import annotations

import json
import os
from pathlib import Path

from extract_runs import many_articles, resume, run_and_kill, write_jsonl

ARTICLES = 24  # the first window (16) is written well before the last article is done


def complete_lines(path: Path) -> list[str]:
    if not path.exists():
        return []
    content = path.read_text(encoding="utf-8")
    return content.splitlines()[: content.count("\n")]


def test_a_killed_local_run_is_finished_by_resume(tmp_path: Path) -> None:
    articles = many_articles(ARTICLES)
    lines = [json.dumps(a) for a in articles]
    source = write_jsonl(tmp_path / "in.jsonl", [*lines[:5], "{broken", *lines[5:]])
    output = tmp_path / "out.jsonl"
    args = [str(source), "-o", str(output), "--workers", "1"]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}

    run_and_kill(args, env, lambda: len(complete_lines(output)))
    before = len(complete_lines(output))  # all that was flushed up to the kill itself
    assert 0 < before < ARTICLES, "killed midway"
    resumed = resume(args, env)

    assert (resumed.already, resumed.extracted) == (before, ARTICLES - before)
    ids = [json.loads(line)["id"] for line in output.read_text(encoding="utf-8").splitlines()]
    assert ids == [a["id"] for a in articles], "each article once, in input order"
    assert f"{source}:6: [malformed_json]" in resumed.stderr, "the bad record is reported"
    assert resumed.returncode == 1, "and makes the exit status 1"
