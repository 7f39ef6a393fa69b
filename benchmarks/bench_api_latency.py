"""Latency of ``POST /v1/extract`` on a real server, one 4,000-character article: single
requests, then concurrent ones.

Starts ``ie-nlp serve --host 127.0.0.1 --port <free port> --workers <--workers>`` from the
repository root (``--workers 1``, the default, extracts in the server process; N > 1 runs N
extraction processes behind one queue), polls ``GET /readyz`` until it answers 200 (every worker
has loaded its models), then POSTs the same article ``--warmup`` times (default 5, untimed) and
``--requests`` times (default 100, timed), sequentially over one keep-alive connection. Latency
is the client-side wall time of each request (send to full response read).

Then ``--concurrent`` requests (default 80; 0 skips it) go out from ``--concurrency`` client
threads at once (default 8): their p95 over the median of the single requests is the figure the
worker pool is for (target: at most 5 with ``--workers 2`` on 2 cores), with no error.

The article is a real one from ``../shared/corpora/wire_biopharma.jsonl`` (``--source``):
``--article-id``, by default ``wire-37f8f4c292`` (Xoma Royalty agrees to acquire LAVA
Therapeutics), or the file's first long enough article when that id is missing; its text is cut
to at most ``--chars`` characters (4,000) at a sentence boundary.

If the service cannot be started (``service/main.py`` missing, an import error while it is
being edited, or no ``/readyz`` 200 within ``--ready-timeout``), the attempt is retried up to
``--attempts`` times, ``--retry-wait`` seconds apart; the service's stderr tail is printed.

Usage::

    .venv/bin/python benchmarks/bench_api_latency.py
    .venv/bin/python benchmarks/bench_api_latency.py --workers 2 --requests 30
    .venv/bin/python benchmarks/bench_api_latency.py --requests 20 --article-id wire-...
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO, Any

import httpx
from _common import (
    REPO,
    add_io_arguments,
    cut_at_sentence,
    ie_nlp_command,
    read_jsonl,
    require_shared,
    words,
    write_result,
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


DEFAULT_ARTICLE = "wire-37f8f4c292"  # Xoma Royalty agrees to acquire LAVA Therapeutics


def pick_article(corpora: Path, source: str, article_id: str, chars: int) -> dict[str, Any]:
    """The article to send, its text cut to at most ``chars`` at a sentence end: ``article_id``,
    or (when ``source`` has no such id) the first article long enough to cut to 95% of it."""
    articles = read_jsonl(corpora / source)
    chosen = [a for a in articles if a.get("id") == article_id]
    if not chosen:
        print(f"{article_id} not in {source}; taking its first long enough article")
        chosen = [
            a
            for a in articles
            if len(a.get("text") or "") > chars
            and len(cut_at_sentence(a["text"], chars)) >= 0.95 * chars
        ]
    if not chosen:
        raise SystemExit(f"no suitable article in {corpora / source}")
    article = chosen[0]
    return {
        "id": article["id"],
        "title": article.get("title"),
        "text": cut_at_sentence(article["text"], chars),
    }


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def tree_rss_mb(pid: int) -> float | None:
    """RSS of the server process and its children (the extraction workers, if any)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                children.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    sizes = [rss_mb(p) for p in [pid, *children]]
    known = [size for size in sizes if size is not None]
    return sum(known) if known else None


class Service:
    """An ``ie-nlp serve`` child process with ``workers`` extraction processes."""

    def __init__(self, port: int, log: IO[str], workers: int) -> None:
        self.port = port
        self.log = log
        self.base = f"http://127.0.0.1:{port}"
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(
            [
                *ie_nlp_command(),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--workers",
                str(workers),
                "--log-level",
                "warning",
            ],
            cwd=REPO,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, client: httpx.Client, timeout: float) -> dict[str, Any]:
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"uvicorn exited with status {self.proc.returncode}")
            try:
                response = client.get(f"{self.base}/readyz", timeout=5)
                if response.status_code == 200:
                    return {"ready_after_s": time.perf_counter() - self.started, **response.json()}
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"/readyz did not answer 200 within {timeout:.0f} s")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


def log_tail(log: IO[str], lines: int = 25) -> str:
    log.flush()
    log.seek(0)
    return "\n".join(log.read().splitlines()[-lines:])


def measure(
    service: Service, client: httpx.Client, article: dict[str, Any], warmup: int, requests: int
) -> dict[str, Any]:
    url = f"{service.base}/v1/extract"
    for _ in range(warmup):
        client.post(url, json=article).raise_for_status()
    latencies, server_seconds = [], []
    statuses: dict[int, int] = {}
    result: dict[str, Any] = {}
    for _ in range(requests):
        t0 = time.perf_counter()
        response = client.post(url, json=article)
        latencies.append(time.perf_counter() - t0)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
        if response.status_code == 200:
            result = response.json()
            seconds = (result.get("meta") or {}).get("seconds")
            if isinstance(seconds, int | float):
                server_seconds.append(float(seconds))
    ms = sorted(x * 1000 for x in latencies)
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return {
        "requests": requests,
        "warmup": warmup,
        "statuses": {str(k): v for k, v in statuses.items()},
        "p50_ms": statistics.median(ms),
        "p95_ms": cuts[94],
        "p99_ms": cuts[98],
        "mean_ms": statistics.fmean(ms),
        "min_ms": ms[0],
        "max_ms": ms[-1],
        "stdev_ms": statistics.stdev(ms) if len(ms) > 1 else 0.0,
        "server_meta_seconds_median_ms": statistics.median(server_seconds) * 1000
        if server_seconds
        else None,
        "result_counts": {
            k: len(result.get(k) or []) for k in ("actors", "capabilities", "relationships")
        },
        "service_rss_mb_after": tree_rss_mb(service.proc.pid),
    }


def measure_concurrent(
    service: Service, article: dict[str, Any], requests: int, concurrency: int
) -> dict[str, Any]:
    """``requests`` POSTs from ``concurrency`` threads, each with its own connection."""
    url = f"{service.base}/v1/extract"

    def post(_: int) -> tuple[float, int]:
        with httpx.Client(timeout=300) as client:
            t0 = time.perf_counter()
            status = client.post(url, json=article).status_code
            return time.perf_counter() - t0, status

    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        outcomes = list(pool.map(post, range(requests)))
    wall = time.perf_counter() - started
    ms = sorted(seconds * 1000 for seconds, _ in outcomes)
    statuses: dict[str, int] = {}
    for _, status in outcomes:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    cuts = statistics.quantiles(ms, n=100, method="inclusive")
    return {
        "requests": requests,
        "concurrency": concurrency,
        "statuses": statuses,
        "errors": requests - statuses.get("200", 0),
        "p50_ms": statistics.median(ms),
        "p95_ms": cuts[94],
        "max_ms": ms[-1],
        "wall_s": wall,
        "requests_per_s": requests / wall,
        "service_rss_mb_after": tree_rss_mb(service.proc.pid),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100, help="timed requests (100)")
    parser.add_argument("--warmup", type=int, default=5, help="untimed warm-up requests (5)")
    parser.add_argument(
        "--workers", type=int, default=1, help="extraction processes of the server (1)"
    )
    parser.add_argument(
        "--concurrent", type=int, default=80, help="concurrent timed requests, 0 for none (80)"
    )
    parser.add_argument(
        "--concurrency", type=int, default=8, help="client threads of the concurrent phase (8)"
    )
    parser.add_argument("--chars", type=int, default=4000, help="article length cap (4000)")
    parser.add_argument(
        "--source",
        default="wire_biopharma.jsonl",
        help="corpus file the article comes from (wire_biopharma.jsonl)",
    )
    parser.add_argument(
        "--article-id",
        default=DEFAULT_ARTICLE,
        help=f"article to send (default {DEFAULT_ARTICLE}, an acquisition release)",
    )
    parser.add_argument(
        "--ready-timeout", type=float, default=300, help="seconds to wait for /readyz 200 (300)"
    )
    parser.add_argument("--attempts", type=int, default=3, help="service start attempts (3)")
    parser.add_argument(
        "--retry-wait", type=float, default=30, help="seconds between start attempts (30)"
    )
    add_io_arguments(parser, "api_latency")
    args = parser.parse_args()

    corpora = require_shared(args.shared, "corpora")
    article = pick_article(corpora, args.source, args.article_id, args.chars)
    print(
        f"article {article['id']}: {len(article['text']):,} characters, "
        f"{words(article['text']):,} words"
    )

    outcome: dict[str, Any] | None = None
    failures: list[str] = []
    with httpx.Client(timeout=120) as client:
        for attempt in range(1, args.attempts + 1):
            if not (REPO / "service" / "main.py").exists():
                failures.append(f"attempt {attempt}: service/main.py not found")
            else:
                with tempfile.TemporaryFile("w+") as log:
                    service = Service(free_port(), log, args.workers)
                    try:
                        ready = service.wait_ready(client, args.ready_timeout)
                        print(
                            f"service ready after {ready['ready_after_s']:.1f} s "
                            f"(load_seconds {ready.get('load_seconds')}); "
                            f"{args.warmup} warm-up + {args.requests} timed requests ...",
                            flush=True,
                        )
                        outcome = {
                            "ready": ready,
                            "workers": args.workers,
                            **measure(service, client, article, args.warmup, args.requests),
                        }
                        if args.concurrent:
                            burst = measure_concurrent(
                                service, article, args.concurrent, args.concurrency
                            )
                            ratio = burst["p95_ms"] / outcome["p50_ms"]
                            outcome["concurrent"] = {
                                **burst,
                                "p95_over_single_median": ratio,
                            }
                    except (RuntimeError, httpx.HTTPError) as error:
                        failures.append(f"attempt {attempt}: {error}\n{log_tail(log)}")
                    finally:
                        service.stop()
            if outcome is not None:
                break
            print(failures[-1], file=sys.stderr)
            if attempt < args.attempts:
                print(f"retrying in {args.retry_wait:.0f} s ...", file=sys.stderr)
                time.sleep(args.retry_wait)
    if outcome is None:
        raise SystemExit("the service could not be benchmarked:\n" + "\n".join(failures))

    result = {
        "article": {
            "id": article["id"],
            "source": args.source,
            "chars": len(article["text"]),
            "words": words(article["text"]),
        },
        "failed_attempts": failures,
        **outcome,
    }
    path = write_result("api_latency", result, args.output)
    print(
        f"POST /v1/extract x{args.requests}: p50 {outcome['p50_ms']:.0f} ms, "
        f"p95 {outcome['p95_ms']:.0f} ms, mean {outcome['mean_ms']:.0f} ms "
        f"(min {outcome['min_ms']:.0f}, max {outcome['max_ms']:.0f}); "
        f"statuses {outcome['statuses']}"
    )
    concurrent = outcome.get("concurrent")
    if concurrent:
        print(
            f"{concurrent['requests']} requests, {concurrent['concurrency']} concurrent, "
            f"{args.workers} worker(s): p50 {concurrent['p50_ms']:.0f} ms, p95 "
            f"{concurrent['p95_ms']:.0f} ms = {concurrent['p95_over_single_median']:.2f}x the "
            "single-request median; "
            f"{concurrent['requests_per_s']:.2f} requests/s; errors {concurrent['errors']}"
        )
    if outcome["server_meta_seconds_median_ms"] is not None:
        print(f"server-side meta.seconds median: {outcome['server_meta_seconds_median_ms']:.0f} ms")
    print(f"result written to {path}")


if __name__ == "__main__":
    main()
