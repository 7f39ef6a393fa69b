"""Peak memory of ``ie-nlp extract`` on a 1,000-article corpus from ``../shared/corpora``.

``--n`` articles (default 1,000) are drawn deterministically, an even mix of the three shared
corpus files (the same sampler as ``bench_throughput.py``), written to a temporary ``.jsonl``,
and the real CLI ``ie-nlp extract SAMPLE -o OUT --workers W`` runs as a child process.

Two figures:

* ``max_rss_mb``: the child's peak resident set size, exact, from ``os.wait4`` (``ru_maxrss``;
  with worker processes it is the largest single process, not their sum);
* ``peak_tree_rss_mb``: the largest sum of ``VmRSS`` over the child and all its descendants,
  sampled every ``--interval`` seconds from ``/proc`` (what several workers hold together).

A one-line-per-second RSS trace is kept in the JSON (``trace``), so the after-load level and any
growth over the corpus can be seen. Target: peak < 2 GB, checked as 2 GiB (2,048 MiB); the
peak is also printed in decimal MB.

Usage::

    .venv/bin/python benchmarks/bench_memory.py
    .venv/bin/python benchmarks/bench_memory.py --n 200 --workers 2
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path
from typing import Any

from _common import (
    ChildPoller,
    add_io_arguments,
    ie_nlp_command,
    require_shared,
    run_child,
    sample_articles,
    words,
    write_jsonl,
    write_result,
)

TARGET_MB = 2048


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def tree_rss_mb(root: int) -> tuple[float, int]:
    """Summed RSS of ``root`` and its descendants, and how many processes that is."""
    tree, stack, total, count = _children(), [root], 0.0, 0
    while stack:
        pid = stack.pop()
        rss = _rss_mb(pid)
        if rss:
            total, count = total + rss, count + 1
        stack.extend(tree.get(pid, []))
    return total, count


class Sampler(ChildPoller):
    """Samples the summed RSS of the child's process tree."""

    def __init__(self, interval: float) -> None:
        super().__init__(interval)
        self.peak = 0.0
        self.peak_processes = 0
        self.trace: list[tuple[float, float, int]] = []
        self._last_trace = -1.0

    def poll(self) -> None:
        total, count = tree_rss_mb(self.pid)
        now = self.elapsed()
        if total > self.peak:
            self.peak, self.peak_processes = total, count
        if now - self._last_trace >= 1.0:
            self.trace.append((round(now, 1), round(total, 1), count))
            self._last_trace = now


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=1000, help="articles in the corpus (1000)")
    parser.add_argument("--seed", type=int, default=13, help="sampling seed (13)")
    parser.add_argument("--workers", type=int, default=1, help="ie-nlp extract --workers (1)")
    parser.add_argument(
        "--interval", type=float, default=0.2, help="RSS sampling interval in seconds (0.2)"
    )
    add_io_arguments(parser, "memory")
    args = parser.parse_args()

    corpora = require_shared(args.shared, "corpora")
    articles = sample_articles(corpora, args.n, args.seed)
    total_words = sum(words(a["text"]) for a in articles)
    print(
        f"corpus: {len(articles)} articles, {total_words:,} words (seed {args.seed}); "
        f"ie-nlp extract --workers {args.workers} ...",
        flush=True,
    )

    sampler = Sampler(args.interval)
    with tempfile.TemporaryDirectory(prefix="ie-nlp-bench-") as tmp:
        sample, output = Path(tmp) / "corpus.jsonl", Path(tmp) / "out.jsonl"
        write_jsonl(sample, articles)
        argv = [
            *ie_nlp_command(),
            "extract",
            str(sample),
            "-o",
            str(output),
            "--workers",
            str(args.workers),
            "--no-progress",
        ]
        try:
            run = run_child(argv, on_start=sampler.start)
        finally:
            sampler.stop()
        if run.returncode != 0:
            raise SystemExit(f"ie-nlp extract failed ({run.returncode}):\n{run.stderr[-3000:]}")
        produced = sum(1 for _ in output.open(encoding="utf-8"))

    peak = max(run.max_rss_mb, sampler.peak) if args.workers > 1 else run.max_rss_mb
    result: dict[str, Any] = {
        "corpus": {"n": len(articles), "seed": args.seed, "words": total_words},
        "workers": args.workers,
        "results_written": produced,
        "wall_s": run.wall_s,
        "child_cpu_s": run.cpu_s,
        "max_rss_mb": run.max_rss_mb,
        "peak_tree_rss_mb": sampler.peak,
        "peak_tree_processes": sampler.peak_processes,
        "peak_mb": peak,
        "target_mb": TARGET_MB,
        "meets_target": peak < TARGET_MB,
        "cli_stderr_tail": run.stderr.strip().splitlines()[-1:] if run.stderr.strip() else [],
        "trace": [{"t_s": t, "rss_mb": r, "processes": c} for t, r, c in sampler.trace],
    }
    path = write_result("memory", result, args.output)
    print(f"results written: {produced}/{len(articles)} in {run.wall_s:.0f} s")
    print(
        f"peak RSS (wait4 ru_maxrss, largest process): {run.max_rss_mb:,.0f} MiB "
        f"= {run.max_rss_mb * 1.048576:,.0f} MB"
    )
    print(
        f"peak summed RSS of the process tree (sampled every {args.interval} s): "
        f"{sampler.peak:,.0f} MiB over {sampler.peak_processes} process(es)"
    )
    verdict = "meets" if peak < TARGET_MB else "misses"
    print(f"target < {TARGET_MB:,} MiB (2 GiB): {verdict}; peak is {peak / TARGET_MB:.0%} of it")
    print(f"result written to {path}")


if __name__ == "__main__":
    main()
