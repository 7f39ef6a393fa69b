"""Is memory flat over a long run? RSS of the extracting process of ``ie-nlp extract`` against
the number of articles it has written, over ``--n`` articles (default 10,000).

The corpus is every article of ``../shared/corpora`` (about 2,650), shuffled with ``--seed``
and repeated in fresh shuffles until ``--n``; a repeat's id gets a ``~pass2``-style suffix so
every record is its own article. Repeats add no new words, so growth from new vocabulary shows
in the first pass only: the vocabulary's strings are freed per window anyway (spaCy's memory
zones), and the lemmatizer's cache (emptied past 100,000 entries, a bound this corpus does not
reach) stops growing.
The corpus is written as shards of ``--shard-size`` articles (``_common.write_shards``).

The real CLI runs as a child, with one worker: ``--engine local`` (the CLI process extracts)
or ``--engine ray`` (one Ray actor, ``ray::MapWorker…``, extracts; Ray is started by the CLI).
Every ``--interval`` seconds the extracting process's ``VmRSS`` and the output's line count are
sampled, with the part of RSS that is shared memory (``RssShmem``: a Ray actor's view of the
node's object store, which Ray bounds per node, not per actor). RSS swings within a window of
articles (its arrays come and go), so each point of the curve is a band of ``--every``
articles: ``rss_mb`` is the largest sample while they were extracted (what the process needs),
``rss_min_mb`` the smallest, ``shmem_mb`` the largest shared part; the last point is all the
articles written, from the samples after the point before. The JSON is rewritten at every
point, so a run stopped early still leaves its curve.

Target (issue 11): RSS after ``--n`` articles within 10% of RSS after 1,000: the band ending at
``--n`` against the band ending at 1,000.

Usage::

    .venv/bin/python benchmarks/bench_memory_curve.py                 # ~2 h on one core
    .venv/bin/python benchmarks/bench_memory_curve.py --engine ray --n 3000
    .venv/bin/python benchmarks/bench_memory_curve.py --n 300 --every 100   # a quick check
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import tempfile
from pathlib import Path
from typing import Any

from _common import (
    CORPUS_FILES,
    RESULTS_DIR,
    ChildPoller,
    add_io_arguments,
    ie_nlp_command,
    ray_workers,
    read_jsonl,
    require_shared,
    run_child,
    status_number,
    write_result,
    write_shards,
)

TOLERANCE = 0.10
BASELINE_ARTICLES = 1000


def long_corpus(corpora: Path, n: int, seed: int) -> list[dict[str, Any]]:
    """``n`` articles: the whole corpus in shuffled passes, ids made unique per pass."""
    keep = ("id", "text", "title", "published", "source")
    pool = [
        {k: a[k] for k in keep if k in a}
        for name in CORPUS_FILES
        for a in read_jsonl(corpora / name)
        if (a.get("text") or "").strip()
    ]
    rng, passes = random.Random(seed), 0
    articles: list[dict[str, Any]] = []
    while len(articles) < n:
        passes += 1
        order = rng.sample(pool, len(pool))
        suffix = f"~pass{passes}" if passes > 1 else ""
        articles.extend({**a, "id": a["id"] + suffix} for a in order[: n - len(articles)])
    return articles


def summarise(band: list[dict[str, float]]) -> dict[str, float]:
    """One point of the curve from the samples of its band."""
    rss = [t["rss_mb"] for t in band]
    return {"rss_mb": max(rss), "rss_min_mb": min(rss),
            "shmem_mb": max(t.get("shmem_mb", 0.0) for t in band)}  # fmt: skip


class Curve(ChildPoller):
    """Samples the extracting process's RSS against the output's line count."""

    def __init__(self, output: Path, engine: str, every: int, interval: float) -> None:
        super().__init__(interval)
        self.output, self.engine, self.every = output, engine, every
        self.points: list[dict[str, float]] = []  # at each multiple of ``every`` articles
        self.trace: list[dict[str, float]] = []  # every sample
        self.on_point: Any = None
        self._lines, self._offset = 0, 0

    def _extracting_pid(self) -> int:
        if self.engine == "local":
            return self.pid
        return next(iter(ray_workers()), 0)

    def _count_lines(self) -> int:
        try:
            with self.output.open("rb") as handle:
                handle.seek(self._offset)
                chunk = handle.read()
        except OSError:
            return self._lines
        self._offset += len(chunk)
        self._lines += chunk.count(b"\n")
        return self._lines

    def poll(self) -> None:
        pid = self._extracting_pid()
        rss = status_number(pid, "VmRSS") / 1024 if pid else 0.0
        shared = status_number(pid, "RssShmem") / 1024 if pid else 0.0
        articles = self._count_lines()
        if not rss:
            return
        sample = {"t_s": round(self.elapsed(), 1), "articles": articles, "rss_mb": round(rss, 1),
                  "shmem_mb": round(shared, 1)}  # fmt: skip
        self.trace.append(sample)
        reached = articles // self.every * self.every
        previous = self.points[-1]["articles"] if self.points else 0
        if reached > previous:
            # a sample taken with c articles written saw the next ones being extracted; at 0
            # the models were still loading
            band = [
                t
                for t in self.trace
                if previous <= t["articles"] < reached and (t["articles"] or previous)
            ] or [sample]
            self.points.append({"articles": reached, "t_s": sample["t_s"], "written": articles,
                                **summarise(band)})  # fmt: skip
            if self.on_point:
                self.on_point()

    def finish(self, written: int) -> None:
        """The last band: the run ends as its last window is written, usually between two
        samples, so the samples after the last point stand for the articles written in all."""
        previous = self.points[-1]["articles"] if self.points else 0
        band = [t for t in self.trace if t["articles"] >= previous]
        if written > previous and band:
            self.points.append({"articles": written, "t_s": band[-1]["t_s"], "written": written,
                                **summarise(band)})  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="articles (10000)")
    parser.add_argument("--engine", choices=("local", "ray"), default="local")
    parser.add_argument("--every", type=int, default=500, help="a curve point every N (500)")
    parser.add_argument("--shard-size", type=int, default=250, help="input articles per file")
    parser.add_argument("--interval", type=float, default=2.0, help="sampling interval (2 s)")
    parser.add_argument("--seed", type=int, default=13, help="shuffling seed (13)")
    add_io_arguments(parser, "memory_curve")
    args = parser.parse_args()

    corpora = require_shared(args.shared, "corpora")
    articles = long_corpus(corpora, args.n, args.seed)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    path = args.output or RESULTS_DIR / f"memory_curve-{args.engine}-{stamp}.json"
    with tempfile.TemporaryDirectory(prefix="ie-nlp-curve-") as tmp:
        inputs, output = Path(tmp) / "in", Path(tmp) / "out.jsonl"
        write_shards(inputs, articles, args.shard_size)
        argv = [*ie_nlp_command(), "extract", str(inputs), "-o", str(output),
                "--engine", args.engine, "--workers", "1", "--no-progress"]  # fmt: skip
        curve = Curve(output, args.engine, args.every, args.interval)

        def report(final: dict[str, Any] | None = None) -> dict[str, Any]:
            points = curve.points
            base = next((p for p in points if p["articles"] == BASELINE_ARTICLES), None)
            last = points[-1] if points else None
            verdict: dict[str, Any] = {}
            if base and last and last["articles"] > BASELINE_ARTICLES:
                growth = last["rss_mb"] / base["rss_mb"] - 1
                verdict = {"rss_at_1000_mb": base["rss_mb"], "last_point": last["articles"],
                           "rss_at_last_mb": last["rss_mb"], "growth": round(growth, 4),
                           "within_10pct": abs(growth) <= TOLERANCE}  # fmt: skip
            payload = {"corpus": {"n": len(articles), "seed": args.seed,
                                  "shard_size": args.shard_size},
                       "engine": args.engine, "workers": 1, "complete": final is not None,
                       "verdict": verdict, "points": points, "run": final or {},
                       "trace": curve.trace[:: max(1, len(curve.trace) // 2000)]}  # fmt: skip
            write_result("memory_curve", payload, path)
            return verdict

        curve.on_point = report
        try:
            run = run_child(argv, on_start=curve.start)
        finally:
            curve.stop()
        written = sum(1 for _ in output.open("rb")) if output.exists() else 0
        curve.finish(written)
        final = {"returncode": run.returncode, "wall_s": round(run.wall_s, 1), "written": written,
                 "cli_max_rss_mb": round(run.max_rss_mb, 1),
                 "summary": run.stderr.strip().splitlines()[-1:]}  # fmt: skip
        verdict = report(final)
    if run.returncode != 0:
        raise SystemExit(f"ie-nlp extract failed ({run.returncode}):\n{run.stderr[-3000:]}")
    for point in curve.points:
        print(f"{point['articles']:>7,} articles: {point['rss_mb']:,.0f} MiB")
    print(f"verdict: {verdict}")
    print(f"result written to {path}")


if __name__ == "__main__":
    main()
