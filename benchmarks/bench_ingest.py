"""Ingest time of the ecosystem store, and API latency on what was ingested.

Input: an ``ie-nlp extract`` output (``--results``, e.g. the whole shared corpus extracted)
and the corpora it came from (``--shared``/corpora, for publication dates and texts). For
SQLite (a fresh temporary file) and, with ``--postgres-url``, PostgreSQL (a fresh schema):

* **open + prime**: ``Store.open`` (migrations) and the first resolver (embedding model load,
  priming with the stored actors: none in a fresh store);
* **ingest**: ``Store.ingest`` of every result with its input article, one transaction per
  article as ``ie-nlp ingest`` does; extraction is not part of it (the results are read
  from the file). Reported as seconds per 1,000 articles;
* **re-ingest**: the same results again (all ``unchanged``: the idempotence check's cost).

Then a real ``uvicorn service.main:app`` serves the SQLite store (``IE_DATABASE_URL``); once
``/readyz`` is 200 (extractor loaded, so loading no longer competes for the CPU), it GETs
``/v1/actors/{id}`` for ``--requests`` actor ids (cycling through every actor, most reported
first, so the large profiles are included) after ``--warmup`` untimed requests, then
``/v1/graph?format=json`` and ``?format=graphml`` ``--graph-requests`` times each (the whole
graph, built from the store per request), sequentially over one keep-alive connection, and
reports p50/p95/p99.

Usage::

    .venv/bin/ie-nlp extract ../shared/corpora/ -o out/corpora-system.jsonl  # once; ~1 h, 2 cores
    .venv/bin/python benchmarks/bench_ingest.py --results out/corpora-system.jsonl
    .venv/bin/python benchmarks/bench_ingest.py --results out.jsonl \\
        --postgres-url postgresql+psycopg://postgres@127.0.0.1:5432/ie_nlp_test
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
from _common import CORPUS_FILES, add_io_arguments, read_jsonl, require_shared, write_result
from bench_api_latency import Service, free_port, log_tail
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ie_nlp.store import Store


def fresh_postgres_schema(base: str) -> str:
    """A new schema on the server of ``base``, as a URL whose search path is that schema."""
    schema = f"bench_{uuid.uuid4().hex[:10]}"
    engine = create_engine(base)
    with engine.begin() as connection:
        connection.execute(text(f"CREATE SCHEMA {schema}"))
    engine.dispose()
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)


def time_ingest(
    url: str, results: list[dict[str, Any]], articles: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    t0 = time.perf_counter()
    store = Store.open(url)
    with store.session() as session:
        store.resolver(session)
    opened = time.perf_counter() - t0
    try:
        t1 = time.perf_counter()
        statuses: dict[str, int] = {}
        for result in results:
            report = store.ingest(result, articles.get(result["id"]))
            statuses[report.status] = statuses.get(report.status, 0) + 1
        ingest_s = time.perf_counter() - t1
        t2 = time.perf_counter()
        for result in results:
            store.ingest(result, articles.get(result["id"]))
        reingest_s = time.perf_counter() - t2
        counts = store.counts()
    finally:
        store.close()
    per_k = 1000 / len(results)
    return {
        "articles": len(results),
        "open_and_prime_s": opened,
        "ingest_s": ingest_s,
        "ingest_s_per_1000": ingest_s * per_k,
        "articles_per_s": len(results) / ingest_s,
        "reingest_s_per_1000": reingest_s * per_k,
        "statuses": statuses,
        "counts": counts,
    }


def percentiles(latencies: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    return {
        "p50_ms": statistics.median(latencies),
        "p95_ms": cuts[94],
        "p99_ms": cuts[98],
        "max_ms": max(latencies),
    }


def timed_gets(client: httpx.Client, paths: list[str], warmup: int) -> list[float]:
    for path in paths[:warmup]:
        client.get(path).raise_for_status()
    latencies = []
    for path in paths:
        t0 = time.perf_counter()
        client.get(path).raise_for_status()
        latencies.append((time.perf_counter() - t0) * 1000)
    return latencies


def api_latency(url: str, requests: int, graph_requests: int, warmup: int) -> dict[str, Any]:
    """p50/p95/p99 of ``GET /v1/actors/{id}`` and of ``GET /v1/graph`` (JSON and GraphML)."""
    with Store.open(url) as store:
        total = store.counts()["actors"]
        ids = [a.id for a in store.list_actors(limit=min(total, 500)).items]
    os.environ["IE_DATABASE_URL"] = url
    with tempfile.TemporaryFile("w+") as log, httpx.Client(timeout=300) as client:
        service = Service(free_port(), log, workers=1)
        try:
            ready = service.wait_ready(client, 300)
            actors = [f"{service.base}/v1/actors/{ids[n % len(ids)]}" for n in range(requests)]
            actor_ms = timed_gets(client, actors, warmup)
            graphs = {
                fmt: timed_gets(
                    client, [f"{service.base}/v1/graph?format={fmt}"] * graph_requests, 1
                )
                for fmt in ("json", "graphml")
            }
        except (RuntimeError, httpx.HTTPError) as error:
            raise SystemExit(f"service failed: {error}\n{log_tail(log)}") from error
        finally:
            service.stop()
    return {
        "ready_after_s": ready["ready_after_s"],
        "actor_profile": {
            "requests": requests,
            "distinct_actors": min(requests, len(ids)),
            **percentiles(actor_ms),
        },
        "graph": {
            fmt: {"requests": graph_requests, **percentiles(ms)} for fmt, ms in graphs.items()
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--results", type=Path, required=True, help="ie-nlp extract output")
    parser.add_argument("--postgres-url", default=None, help="also measure on this server")
    parser.add_argument("--requests", type=int, default=300, help="timed GETs (300)")
    parser.add_argument("--graph-requests", type=int, default=20, help="timed graph GETs (20)")
    parser.add_argument("--warmup", type=int, default=10, help="untimed actor GETs (10)")
    add_io_arguments(parser, "ingest")
    args = parser.parse_args()

    corpora = require_shared(args.shared, "corpora")
    articles = {a["id"]: a for name in CORPUS_FILES for a in read_jsonl(corpora / name)}
    results = read_jsonl(args.results)
    print(f"{len(results)} results from {args.results}; {len(articles)} corpus articles")

    runs: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="ie-nlp-bench-ingest-") as tmp:
        sqlite_url = f"sqlite:///{Path(tmp) / 'store.sqlite3'}"
        print("[sqlite] ingest ...", flush=True)
        runs["sqlite"] = time_ingest(sqlite_url, results, articles)
        if args.postgres_url:
            print("[postgresql] ingest ...", flush=True)
            runs["postgresql"] = time_ingest(
                fresh_postgres_schema(args.postgres_url), results, articles
            )
        print("[sqlite] GET /v1/actors/{id}, /v1/graph ...", flush=True)
        latency = api_latency(sqlite_url, args.requests, args.graph_requests, args.warmup)

    path = write_result(
        "ingest",
        {"results_file": str(args.results), "runs": runs, "api_latency": latency},
        args.output,
    )
    for backend, run in runs.items():
        print(
            f"{backend:>10}: {run['ingest_s_per_1000']:.1f} s per 1,000 articles "
            f"({run['articles_per_s']:.1f}/s), re-ingest {run['reingest_s_per_1000']:.1f} s per "
            f"1,000, open+prime {run['open_and_prime_s']:.1f} s; {run['counts']}"
        )
    for name, row in [
        ("GET /v1/actors/{id}", latency["actor_profile"]),
        *((f"GET /v1/graph?format={fmt}", row) for fmt, row in latency["graph"].items()),
    ]:
        print(
            f"{name}: p50 {row['p50_ms']:.1f} ms, p95 {row['p95_ms']:.1f} ms, "
            f"p99 {row['p99_ms']:.1f} ms ({row['requests']} requests)"
        )
    print(f"result written to {path}")


if __name__ == "__main__":
    main()
