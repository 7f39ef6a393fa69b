"""Latency of ``GET /v1/graph`` on a store built from ``../shared/corpora``, with the rendered
network cached per store version (``service/graph_cache.py``).

Input: an ``ie-nlp extract`` output of the shared corpora (``--results``; ``--limit N`` keeps
its first N results for a small run). The results are ingested with their input articles
(dates, texts, from ``--shared``/corpora) into a fresh SQLite store, all but the last one; then
a real ``uvicorn service.main:app`` serves that store (``IE_DATABASE_URL``), with
``IE_PIPELINE`` pointing nowhere: the graph routes need no extraction model, and a model load
would compete for the CPU with what is measured. Sequential requests over one keep-alive
connection, per format (json, graphml):

* **first**: the first request (a cache miss: snapshot, network, rendering);
* **repeat**: ``--requests`` more of the same query (p50/p95/p99): the issue's target,
  p95 <= 300 ms on the full corpus;
* **ranged**: ``since=2024-01-01`` the first time (a miss) and repeated;
* **after ingest**: the held-back result is ingested by another ``Store`` on the same file (as
  ``ie-nlp ingest`` would); the next request must rebuild (its node count is checked).

Usage::

    .venv/bin/ie-nlp extract ../shared/corpora/ -o out/corpora-system.jsonl  # once; ~1 h, 2 cores
    .venv/bin/python benchmarks/bench_graph_api.py --results out/corpora-system.jsonl
    .venv/bin/python benchmarks/bench_graph_api.py --results out/small.jsonl --limit 100
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

import httpx
from _common import (
    CORPUS_FILES,
    REPO,
    add_io_arguments,
    read_jsonl,
    require_shared,
    write_result,
)
from bench_api_latency import free_port, log_tail
from bench_ingest import percentiles

from ie_nlp.store import Store

FORMATS = ("json", "graphml")


def start_service(url: str, log: IO[str]) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = {**os.environ, "IE_DATABASE_URL": url, "IE_PIPELINE": "/nonexistent/no-models"}
    command = [sys.executable, "-m", "uvicorn", "service.main:app", "--port", str(port)]
    proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"uvicorn exited with {proc.returncode}:\n{log_tail(log)}")
        try:
            httpx.get(f"{base}/healthz", timeout=5)
            return proc, base
        except httpx.TransportError:
            time.sleep(0.3)
    proc.terminate()
    raise SystemExit(f"uvicorn did not answer within 120 s:\n{log_tail(log)}")


def timed(client: httpx.Client, url: str) -> tuple[float, httpx.Response]:
    t0 = time.perf_counter()
    response = client.get(url)
    elapsed = (time.perf_counter() - t0) * 1000
    response.raise_for_status()
    return elapsed, response


def query(client: httpx.Client, url: str, requests: int) -> dict[str, Any]:
    first_ms, response = timed(client, url)
    repeats = [timed(client, url)[0] for _ in range(requests)]
    return {"first_ms": first_ms, "bytes": len(response.content), **percentiles(repeats)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, required=True, help="ie-nlp extract output")
    parser.add_argument("--limit", type=int, default=None, help="only the first N results")
    parser.add_argument("--requests", type=int, default=50, help="repeats per query (50)")
    add_io_arguments(parser, "graph_api")
    args = parser.parse_args()

    corpora = require_shared(args.shared, "corpora")
    articles = {a["id"]: a for name in CORPUS_FILES for a in read_jsonl(corpora / name)}
    results = read_jsonl(args.results)[: args.limit]
    if len(results) < 2:
        raise SystemExit("need at least 2 results")
    *stored, held_back = results

    with tempfile.TemporaryDirectory(prefix="ie-nlp-bench-graph-") as tmp:
        url = f"sqlite:///{Path(tmp) / 'store.sqlite3'}"
        t0 = time.perf_counter()
        with Store.open(url) as store:
            for result in stored:
                store.ingest(result, articles.get(result["id"]))
            counts = store.counts()
        print(f"ingested {len(stored)} results in {time.perf_counter() - t0:.1f} s: {counts}")
        with (Path(tmp) / "uvicorn.log").open("w+") as log:
            proc, base = start_service(url, log)
            try:
                with httpx.Client(base_url=base, timeout=600) as client:
                    cases = {
                        fmt: query(client, f"/v1/graph?format={fmt}", args.requests)
                        for fmt in FORMATS
                    }
                    cases["json since=2024-01-01"] = query(
                        client, "/v1/graph?format=json&since=2024-01-01", args.requests
                    )
                    nodes_before = len(client.get("/v1/graph").json()["nodes"])
                    with Store.open(url) as writer:
                        status = writer.ingest(held_back, articles.get(held_back["id"])).status
                    after_ms, response = timed(client, "/v1/graph")
                    after = {
                        "ingest_status": status,
                        "first_ms": after_ms,
                        "nodes_before": nodes_before,
                        "nodes_after": len(response.json()["nodes"]),
                    }
            finally:
                proc.terminate()
                proc.wait(timeout=30)

    path = write_result(
        "graph_api",
        {
            "results_file": str(args.results),
            "stored_results": len(stored),
            "counts": counts,
            "requests_per_query": args.requests,
            "cases": cases,
            "after_ingest": after,
        },
        args.output,
    )
    for name, row in cases.items():
        print(
            f"GET /v1/graph {name}: first {row['first_ms']:.0f} ms, then p50 {row['p50_ms']:.1f}"
            f" ms, p95 {row['p95_ms']:.1f} ms ({args.requests} requests, {row['bytes']:,} bytes)"
        )
    print(
        f"after ingesting one more result ({after['ingest_status']}): {after['first_ms']:.0f} ms,"
        f" nodes {after['nodes_before']} -> {after['nodes_after']}"
    )
    print(f"result written to {path}")


if __name__ == "__main__":
    main()
