"""`ie-nlp serve --workers 2` (a real server, ``workers_server``): every worker process loads its
own models before /readyz says 200; concurrent requests and batches are spread over both
processes and give the single-process server's results; a worker killed mid-run costs the
requests in flight a coded 503, never a hang, and the pool comes back.

The worker processes are found the way an operator would: the server's children in /proc that
multiprocessing spawned."""

from __future__ import annotations

import json
import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest
from api_helpers import REPO_DIR, Server, assert_problem

# A process with the pipeline loaded holds several hundred MiB; a bare spawned Python, ~20.
LOADED_RSS_MIB = 300
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SAMPLE = [
    json.loads(line)
    for line in (REPO_DIR / "corpora" / "sample" / "articles.jsonl").read_text().splitlines()
]


def worker_pids(server: Server) -> list[int]:
    """The server's children that run multiprocessing's spawned entry point."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            cmdline = (stat.parent / "cmdline").read_bytes()
        except OSError:
            continue
        if int(fields[1]) == server.process.pid and b"spawn_main" in cmdline:
            pids.append(int(stat.parent.name))
    return sorted(pids)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


def without_timings(record: dict[str, Any]) -> dict[str, Any]:
    return {**record, "meta": {k: v for k, v in record["meta"].items() if k != "seconds"}}


def post_all(base_url: str, path: str, bodies: list[Any], concurrency: int) -> list[httpx.Response]:
    def post(body: Any) -> httpx.Response:
        return httpx.post(base_url + path, json=body, timeout=180.0)

    with ThreadPoolExecutor(concurrency) as pool:
        return list(pool.map(post, bodies))


@pytest.fixture(scope="module")
def workers(workers_server: Server) -> list[int]:
    pids = worker_pids(workers_server)
    assert len(pids) == 2, (pids, workers_server.log_tail())
    return pids


def test_readyz_waits_for_every_worker_to_load(workers_server: Server, workers: list[int]) -> None:
    probes = workers_server.startup_probes
    assert probes[-1].status_code == 200
    assert probes[-1].json()["status"] == "ready"
    assert any(p.status_code == 503 and p.json()["code"] == "not_ready" for p in probes)
    # Checked right after the first 200: both processes already hold their models.
    assert all(rss_mib(pid) > LOADED_RSS_MIB for pid in workers), [rss_mib(p) for p in workers]
    assert "2 worker processes" in workers_server.log_path.read_text()


def test_concurrent_requests_use_both_workers_and_match_one_process(
    workers_server: Server, workers: list[int], client: httpx.Client
) -> None:
    before = {pid: cpu_seconds(pid) for pid in workers}
    responses = post_all(workers_server.base_url, "/v1/extract", SAMPLE, concurrency=8)
    used = {pid: cpu_seconds(pid) - before[pid] for pid in workers}

    assert [r.status_code for r in responses] == [200] * len(SAMPLE), responses[0].text
    expected = [client.post("/v1/extract", json=article) for article in SAMPLE]
    assert [without_timings(r.json()) for r in responses] == [
        without_timings(r.json()) for r in expected
    ]
    # Each process did a share of the work: at least a quarter of a second of CPU.
    assert all(seconds > 0.25 for seconds in used.values()), used


def test_batch_is_spread_over_the_workers_with_the_same_outcome(
    workers_server: Server, workers: list[int], client: httpx.Client
) -> None:
    items: list[Any] = [*SAMPLE[:6], {"id": "no-text"}, "not an object", *SAMPLE[6:10]]
    before = {pid: cpu_seconds(pid) for pid in workers}
    response = httpx.post(
        f"{workers_server.base_url}/v1/extract/batch", json={"articles": items}, timeout=180.0
    )
    used = {pid: cpu_seconds(pid) - before[pid] for pid in workers}
    expected = client.post("/v1/extract/batch", json={"articles": items})

    assert response.status_code == 200, response.text
    body, wanted = response.json(), expected.json()
    assert [e["index"] for e in body["errors"]] == [6, 7]
    assert body["errors"] == wanted["errors"]
    assert [without_timings(r) for r in body["results"]] == [
        without_timings(r) for r in wanted["results"]
    ]
    assert all(seconds > 0.1 for seconds in used.values()), used


def test_store_route_extracts_in_the_workers(workers_server: Server) -> None:
    article = {"id": "stored-1", **{k: SAMPLE[0][k] for k in ("title", "text")}}
    url = f"{workers_server.base_url}/v1/articles"
    first = httpx.post(url, json=article, timeout=180.0)
    again = httpx.post(url, json=article, timeout=180.0)

    assert first.status_code == 201, first.text
    assert first.json()["result"]["actors"]
    assert again.status_code == 200
    assert again.json()["ingest"]["status"] == "unchanged"


def test_workers_that_cannot_load_make_the_server_unavailable(
    broken_workers_server: Server,
) -> None:
    """IE_WORKERS=2 alone starts the pool; a load error in the workers reaches /readyz."""
    base = broken_workers_server.base_url
    assert "2 worker processes" in broken_workers_server.log_path.read_text()
    assert_problem(httpx.get(f"{base}/readyz"), 503, "model_unavailable")
    response = httpx.post(f"{base}/v1/extract", json={"id": "a", "text": "Pfizer Inc. grew."})
    body = assert_problem(response, 503, "model_unavailable")
    assert "/no/such/pipeline" in body["detail"]


def test_a_killed_worker_costs_a_coded_error_then_the_pool_recovers(
    workers_server: Server, workers: list[int], client: httpx.Client
) -> None:
    """Runs last in this module: it replaces the server's worker processes."""
    bodies = SAMPLE * 2
    with ThreadPoolExecutor(8) as pool:
        pending = [
            pool.submit(
                httpx.post, f"{workers_server.base_url}/v1/extract", json=body, timeout=180.0
            )
            for body in bodies
        ]
        deadline = time.monotonic() + 120
        while not any(f.done() for f in pending) and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(workers[0], signal.SIGKILL)
        # A hung request would fail here on the client's timeout.
        responses = [f.result() for f in pending]

    lost = [r for r in responses if r.status_code != 200]
    assert lost, "the kill came after every request was answered"
    for response in lost:
        body = assert_problem(response, 503, response.json()["code"])
        assert body["code"] in {"worker_lost", "not_ready"}, body
        assert response.headers["retry-after"]
    assert any(r.json()["code"] == "worker_lost" for r in lost)

    deadline = time.monotonic() + 180
    while httpx.get(f"{workers_server.base_url}/readyz").status_code != 200:
        assert time.monotonic() < deadline, workers_server.log_tail()
        time.sleep(0.5)
    new_workers = worker_pids(workers_server)
    assert len(new_workers) == 2 and not set(new_workers) & set(workers), new_workers
    again = httpx.post(f"{workers_server.base_url}/v1/extract", json=SAMPLE[0], timeout=180.0)
    assert again.status_code == 200, again.text
    expected = client.post("/v1/extract", json=SAMPLE[0])
    assert without_timings(again.json()) == without_timings(expected.json())
