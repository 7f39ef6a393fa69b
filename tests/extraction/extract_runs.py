"""Inputs and command-line runs for the bulk-extraction tests: corpora built from the bundled
sample, and ``ie-nlp extract`` killed with SIGKILL midway, then resumed."""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

REPO_DIR = Path(__file__).resolve().parents[2]
SAMPLE_DIR = REPO_DIR / "corpora" / "sample"
RUN_TIMEOUT_S = 300
SUMMARY = re.compile(r"(?P<articles>\d+) articles, .*? (?P<errors>\d+) errors, .*words/s\)")
ALREADY = re.compile(r"; (?P<already>\d+) already in the output")


def sample_articles() -> list[dict[str, Any]]:
    lines = (SAMPLE_DIR / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def many_articles(count: int) -> list[dict[str, Any]]:
    """``count`` real-length articles: the sample's texts in turn under new ids."""
    texts = [article["text"] for article in sample_articles()]
    return [{"id": f"k{n:03d}", "text": texts[n % len(texts)]} for n in range(count)]


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def command() -> list[str]:
    """The ``ie-nlp`` console script next to this interpreter, else ``python -m ie_nlp.cli``."""
    script = shutil.which("ie-nlp", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "ie_nlp.cli"]


def run_and_kill(args: list[str], env: dict[str, str], written: Callable[[], int]) -> None:
    """Starts ``ie-nlp extract ARGS`` and kills it with SIGKILL as soon as ``written()`` (the
    articles committed to its output) is above 0."""
    process = subprocess.Popen(
        [*command(), "extract", *args, "--no-progress"],
        cwd=REPO_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + RUN_TIMEOUT_S
    try:
        while written() == 0:
            if process.poll() is not None or time.monotonic() > deadline:
                stderr = process.stderr.read().decode() if process.stderr else ""
                pytest.fail(f"the run ended or hung before writing anything:\n{stderr[-3000:]}")
            time.sleep(0.05)
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.communicate()


@dataclass
class Resumed:
    returncode: int
    stderr: str
    extracted: int  # articles the resumed run extracted
    already: int  # articles it found in the output


def resume(args: list[str], env: dict[str, str]) -> Resumed:
    """The same command with ``--resume``, to its end."""
    done = subprocess.run(
        [*command(), "extract", *args, "--no-progress", "--resume"],
        cwd=REPO_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT_S,
    )
    summary, already = SUMMARY.search(done.stderr), ALREADY.search(done.stderr)
    assert summary and already, done.stderr[-3000:]
    return Resumed(done.returncode, done.stderr, int(summary["articles"]), int(already["already"]))
