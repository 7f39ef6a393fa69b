"""Helpers shared by the benchmark scripts (not a benchmark itself).

The scripts read real text from the shared corpora next to the checkout
(``<repo>/../shared``); when that folder is absent they print why and exit 0.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = REPO.parent / "shared"
RESULTS_DIR = Path(__file__).resolve().parent / "results"
CORPUS_FILES = ("health_releases.jsonl", "pharma_newsroom.jsonl", "wire_biopharma.jsonl")


def ie_nlp_command() -> list[str]:
    """The installed ``ie-nlp`` console script of this interpreter's environment."""
    script = Path(sys.executable).parent / "ie-nlp"
    found = str(script) if script.exists() else shutil.which("ie-nlp")
    if not found:
        raise SystemExit("the ie-nlp command is not installed (pip install -e .)")
    return [found]


def require_shared(shared: Path, *parts: str) -> Path:
    """``shared/<parts>``, or exit 0 with a clear message when it is not there."""
    path = shared.joinpath(*parts)
    if not path.exists():
        print(
            f"SKIPPED: {path} not found. These benchmarks need the shared corpora folder "
            f"(default {DEFAULT_SHARED}; pass --shared).",
            file=sys.stderr,
        )
        sys.exit(0)
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def write_jsonl(path: Path, records: Sequence[dict[str, Any]]) -> None:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_shards(folder: Path, records: Sequence[dict[str, Any]], size: int) -> None:
    """``records`` as ``part-00000.jsonl``, … of ``size`` each: Ray returns one input file's
    results together, so only a sharded input lets its progress be followed."""
    folder.mkdir(parents=True, exist_ok=True)
    for start in range(0, len(records), size):
        write_jsonl(folder / f"part-{start // size:05d}.jsonl", records[start : start + size])


def words(text: str) -> int:
    """Whitespace words, the same count ``ie-nlp extract`` reports."""
    return len(text.split())


def sample_articles(corpora: Path, n: int, seed: int = 13) -> list[dict[str, Any]]:
    """``n`` articles mixed evenly across the three shared corpus files, deterministically.

    Each file contributes ``n // 3`` articles (the first ``n % 3`` files one more), drawn with
    ``random.Random(seed)``; the draws are interleaved file by file. Only ``id``, ``text``,
    ``title``, ``published`` and ``source`` are kept.
    """
    rng = random.Random(seed)
    picks: list[list[dict[str, Any]]] = []
    for index, name in enumerate(CORPUS_FILES):
        articles = [a for a in read_jsonl(corpora / name) if (a.get("text") or "").strip()]
        want = n // len(CORPUS_FILES) + (1 if index < n % len(CORPUS_FILES) else 0)
        if want > len(articles):
            raise SystemExit(f"{name} has only {len(articles)} articles; asked for {want}")
        picks.append(rng.sample(articles, want))
    keep = ("id", "text", "title", "published", "source")
    mixed: list[dict[str, Any]] = []
    for row in range(max(len(p) for p in picks)):
        for pick in picks:
            if row < len(pick):
                mixed.append({k: pick[row][k] for k in keep if k in pick[row]})
    return mixed


_SENTENCE_END = re.compile(r"[.!?][\"')\]]?(?=\s)")


def cut_at_sentence(text: str, limit: int) -> str:
    """The longest prefix of ``text`` of at most ``limit`` characters ending a sentence."""
    if len(text) <= limit:
        return text
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, limit + 1) if m.end() <= limit]
    return text[: ends[-1]] if ends else text[:limit]


@dataclass
class ChildRun:
    """One finished child process: wall time, its own rusage, exit status and output."""

    argv: list[str]
    returncode: int
    wall_s: float
    user_s: float
    sys_s: float
    max_rss_mb: float
    stdout: str
    stderr: str

    @property
    def cpu_s(self) -> float:
        return self.user_s + self.sys_s


def run_child(
    argv: Sequence[str],
    env: dict[str, str] | None = None,
    cwd: Path = REPO,
    on_start: Callable[[int], None] | None = None,
) -> ChildRun:
    """Run ``argv`` to completion; rusage comes from ``os.wait4`` for that child alone
    (``ru_maxrss`` is its peak resident set size, or its largest waited-for descendant's)."""
    # Output goes to temporary files, not pipes: Popen.wait/communicate would reap the child
    # themselves and lose its rusage, so the child is reaped here with wait4.
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=out, stderr=err, text=True)
        if on_start is not None:
            on_start(proc.pid)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    return ChildRun(
        list(argv),
        proc.returncode,
        wall,
        usage.ru_utime,
        usage.ru_stime,
        usage.ru_maxrss / 1024,
        stdout,
        stderr,
    )


def cmdline(pid: int) -> str:
    """The command line of a process, "" once it is gone."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def status_number(pid: int, field: str) -> int:
    """A number field of /proc/PID/status (``VmRSS``/``VmHWM`` in KiB, ``PPid``); 0 once the
    process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def ray_workers() -> list[int]:
    """The processes of Ray's actor pool (``ray::MapWorker…``) on this machine."""
    pids = [int(entry.name) for entry in Path("/proc").iterdir() if entry.name.isdigit()]
    return [pid for pid in pids if cmdline(pid).startswith("ray::MapWorker")]


class ChildPoller:
    """Calls ``poll`` every ``interval`` seconds in a background thread, from ``start`` (given
    the child's pid: ``run_child(..., on_start=poller.start)``) until ``stop``."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.pid = 0
        self.started = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def start(self, pid: int) -> None:
        self.pid, self.started = pid, time.perf_counter()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.poll()
            self._stop.wait(self.interval)

    def poll(self) -> None:
        raise NotImplementedError


def machine() -> dict[str, Any]:
    """Where and when the measurement was taken."""
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "git_commit": commit,
        "git_dirty": bool(
            subprocess.run(
                ["git", "status", "--porcelain", "--", "ie_nlp", "service"],
                cwd=REPO,
                capture_output=True,
                text=True,
                check=False,
            ).stdout.strip()
        ),
        "loadavg": [round(x, 2) for x in os.getloadavg()],
        "self_max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def write_result(name: str, payload: dict[str, Any], output: Path | None = None) -> Path:
    """Write ``payload`` (plus ``machine()``) as JSON to ``output`` or
    ``benchmarks/results/<name>-<timestamp>.json``; returns the path."""
    payload = {"benchmark": name, "machine": machine(), **payload}
    if output is None:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        output = RESULTS_DIR / f"{name}-{stamp}.json"
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return output


def add_io_arguments(parser: argparse.ArgumentParser, name: str) -> None:
    """The options every benchmark takes: where ``../shared`` is and where the JSON goes."""
    parser.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help=f"shared folder with corpora/ (default {DEFAULT_SHARED})",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help=f"result JSON (default benchmarks/results/{name}-<time>.json)",
    )
