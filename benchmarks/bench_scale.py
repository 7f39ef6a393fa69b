"""Scaling of ``ie-nlp extract``: the local process pool and the Ray engine on a real two-node
Ray cluster, at 1 and 2 workers, on the same ``--n`` articles (default 500) of
``../shared/corpora``, in one run.

The cluster is started here as on two machines: ``ray start --head --num-cpus 1`` and a second
node ``ray start --address HEAD --num-cpus 1`` (``ie_nlp.extraction.ray_cluster``), and the Ray
runs are the real CLI with ``--engine ray --address HEAD``; the nodes are stopped at the end.

Both engines read the same corpus, written as shards of 25 articles: Ray returns one input
file's results together, so with a single file its rate while extracting could not be seen.

Figures per configuration:

* ``rate_articles_s``: articles per second while extracting: the articles written after the
  first result, over the time from the first result to the end (the output is polled), so
  interpreter start, model loading and Ray's start are left out of every configuration alike;
* ``end_to_end_articles_s``: all articles over the whole command's wall time;
* ``peak_worker_mb``: the largest peak RSS (``VmHWM``) of one extracting process: the CLI
  itself at 1 local worker, each pool process at 2, each Ray actor (``ray::MapWorker…``).

Targets (issue 11): Ray at 2 workers >= 1.6x Ray at 1, and within 15% of the local pool at
the same worker count.

Usage::

    .venv/bin/python benchmarks/bench_scale.py            # 500 articles: ~25 min on 2 idle cores
    .venv/bin/python benchmarks/bench_scale.py --n 20     # a quick check that it all runs
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path
from typing import Any

from _common import (
    ChildPoller,
    add_io_arguments,
    cmdline,
    ie_nlp_command,
    ray_workers,
    require_shared,
    run_child,
    sample_articles,
    status_number,
    words,
    write_result,
    write_shards,
)

from ie_nlp.extraction.ray_cluster import LocalCluster

CONFIGURATIONS = (("local", 1), ("local", 2), ("ray", 1), ("ray", 2))
SHARD_ARTICLES = 25


def _parent(pid: int) -> int:
    return status_number(pid, "PPid")


class Watcher(ChildPoller):
    """Polls the output's line count (first result, end) and the extracting processes' peak
    RSS."""

    def __init__(self, output: Path, engine: str, interval: float = 0.25) -> None:
        super().__init__(interval)
        self.output, self.engine = output, engine
        self.first: tuple[float, int] | None = None  # (seconds since start, lines then)
        self.peaks: dict[int, int] = {}  # pid -> VmHWM KiB

    def _workers(self) -> list[int]:
        if self.engine == "ray":
            return ray_workers()
        pids = [int(p.name) for p in Path("/proc").iterdir() if p.name.isdigit()]
        pool = [p for p in pids if _parent(p) == self.pid and "spawn_main" in cmdline(p)]
        return pool or [self.pid]

    def _lines(self) -> int:
        try:
            with self.output.open("rb") as handle:
                return sum(1 for _ in handle)
        except OSError:
            return 0

    def poll(self) -> None:
        if self.first is None and (count := self._lines()):
            self.first = (self.elapsed(), count)
        for pid in self._workers():
            self.peaks[pid] = max(self.peaks.get(pid, 0), status_number(pid, "VmHWM"))


def measure(
    corpus: Path, folder: Path, engine: str, workers: int, total: int, env: dict[str, str],
    address: str | None,
) -> dict[str, Any]:  # fmt: skip
    output = folder / f"{engine}-{workers}.jsonl"
    argv = [*ie_nlp_command(), "extract", str(corpus), "-o", str(output), "--engine", engine,
            "--workers", str(workers), "--no-progress"]  # fmt: skip
    if address:
        argv += ["--address", address]
    watcher = Watcher(output, engine)
    try:
        run = run_child(argv, env=env, on_start=watcher.start)
    finally:
        watcher.stop()
    if run.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} failed ({run.returncode}):\n{run.stderr[-3000:]}")
    written = sum(1 for _ in output.open(encoding="utf-8"))
    first_s, first_count = watcher.first or (run.wall_s, written)
    after_first = written - first_count
    span = run.wall_s - first_s
    result = {
        "engine": engine,
        "workers": workers,
        "written": written,
        "wall_s": round(run.wall_s, 2),
        "first_result_s": round(first_s, 2),
        "rate_articles_s": round(after_first / span, 3) if after_first and span > 0 else None,
        "end_to_end_articles_s": round(written / run.wall_s, 3),
        "peak_worker_mb": round(max(watcher.peaks.values(), default=0) / 1024, 1),
        "worker_peaks_mb": sorted(round(kib / 1024, 1) for kib in watcher.peaks.values()),
        "cli_max_rss_mb": round(run.max_rss_mb, 1),
        "summary": run.stderr.strip().splitlines()[-1:] if run.stderr.strip() else [],
    }
    assert written == total, f"{engine} x{workers}: {written} of {total} articles written"
    if result["rate_articles_s"] is None:
        print(f"{engine} x{workers}: every result came at once; too few articles to time the "
              "extraction apart from the start (use --n well above 16 per worker)")  # fmt: skip
    print(
        f"{engine:5} x{workers}: {result['rate_articles_s']} articles/s extracting, "
        f"{result['end_to_end_articles_s']} end to end ({run.wall_s:.0f} s), "
        f"peak per worker {result['peak_worker_mb']} MiB",
        flush=True,
    )
    return result


def ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 3) if a and b else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=500, help="articles in the corpus (500)")
    parser.add_argument("--seed", type=int, default=13, help="sampling seed (13)")
    add_io_arguments(parser, "scale")
    args = parser.parse_args()

    corpora = require_shared(args.shared, "corpora")
    articles = sample_articles(corpora, args.n, args.seed)
    total_words = sum(words(a["text"]) for a in articles)
    print(f"corpus: {len(articles)} articles, {total_words:,} words (seed {args.seed})", flush=True)
    runs: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="ie-nlp-scale-") as tmp:
        corpus = Path(tmp) / "corpus"
        write_shards(corpus, articles, SHARD_ARTICLES)
        for engine, workers in CONFIGURATIONS[:2]:
            runs[f"{engine}-{workers}"] = measure(
                corpus, Path(tmp), engine, workers, len(articles), dict(os.environ), None
            )
        with LocalCluster(nodes=2, cpus_per_node=1) as cluster:
            env = {**os.environ, **cluster.env}
            for engine, workers in CONFIGURATIONS[2:]:
                runs[f"{engine}-{workers}"] = measure(
                    corpus, Path(tmp), engine, workers, len(articles), env, cluster.address
                )

    rate = {name: run["rate_articles_s"] for name, run in runs.items()}
    ratios = {
        "ray2_over_ray1": ratio(rate["ray-2"], rate["ray-1"]),
        "ray1_over_local1": ratio(rate["ray-1"], rate["local-1"]),
        "ray2_over_local2": ratio(rate["ray-2"], rate["local-2"]),
        "local2_over_local1": ratio(rate["local-2"], rate["local-1"]),
    }
    targets = {
        "ray2_at_least_1.6x_ray1": (ratios["ray2_over_ray1"] or 0) >= 1.6,
        "ray_within_15pct_of_local": all(
            abs((ratios[k] or 0) - 1) <= 0.15 for k in ("ray1_over_local1", "ray2_over_local2")
        ),
    }
    result = {
        "corpus": {"n": len(articles), "seed": args.seed, "words": total_words},
        "cluster": {"nodes": 2, "cpus_per_node": 1},
        "runs": runs,
        "ratios": ratios,
        "targets_met": targets,
    }
    path = write_result("scale", result, args.output)
    print(f"ratios: {ratios}")
    print(f"targets met: {targets}")
    print(f"written: {path}")


if __name__ == "__main__":
    main()
