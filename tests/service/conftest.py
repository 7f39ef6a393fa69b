"""Real uvicorn processes for end-to-end API tests.

Each fixture starts ``python -m uvicorn service.main:app`` on a free port with its own ``IE_*``
environment, so the tests see exactly what a deployment sees: the lifespan, the background model
load, the middleware and the HTTP server's own parsing. The worker-pool fixtures start
``ie-nlp serve`` instead, which is how a pool is asked for.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path

import httpx
import pytest
from api_helpers import (
    LIMITED_MAX_BATCH_ARTICLES,
    LIMITED_MAX_REQUEST_BYTES,
    LIMITED_MAX_TEXT_CHARS,
    REPO_DIR,
    Server,
    free_port,
    stop,
)
from db_backends import BACKENDS, NewDatabase

STARTUP_TIMEOUT_S = 90.0


def wait_until(
    server: Server,
    probe_path: str,
    done: Callable[[httpx.Response], bool],
    record: bool,
    timeout_s: float = STARTUP_TIMEOUT_S,
) -> None:
    deadline = time.monotonic() + timeout_s
    with httpx.Client(base_url=server.base_url, timeout=5.0) as client:
        while time.monotonic() < deadline:
            if server.process.poll() is not None:
                pytest.fail(f"server exited with {server.process.returncode}:\n{server.log_tail()}")
            try:
                response = client.get(probe_path)
            except httpx.TransportError:
                time.sleep(0.1)
                continue
            if record:
                server.startup_probes.append(response)
            if done(response):
                return
            time.sleep(0.1)
    pytest.fail(f"server not in the expected state after {timeout_s} s:\n{server.log_tail()}")


def start_server(
    tmp_dir: Path,
    name: str,
    env: Mapping[str, str],
    done: Callable[[httpx.Response], bool],
    serve_options: Sequence[str] | None = None,
) -> Iterator[Server]:
    """The server under uvicorn; with ``serve_options``, under ``ie-nlp serve`` with them."""
    port = free_port()
    log_path = tmp_dir / f"{name}.log"
    address = ["--host", "127.0.0.1", "--port", str(port)]
    if serve_options is None:
        command = [sys.executable, "-m", "uvicorn", "service.main:app", *address]
    else:
        command = [str(Path(sys.executable).parent / "ie-nlp"), "serve", *address, *serve_options]
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            command, cwd=REPO_DIR, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT
        )
    server = Server(f"http://127.0.0.1:{port}", process, log_path)
    try:
        # Several worker processes load their models side by side on the same cores.
        timeout_s = STARTUP_TIMEOUT_S * (1 if serve_options is None else 2)
        wait_until(server, "/readyz", done, record=True, timeout_s=timeout_s)
        yield server
    finally:
        stop(process)


def is_ready(response: httpx.Response) -> bool:
    return response.status_code == 200


def failed_loading(response: httpx.Response) -> bool:
    return response.status_code == 503 and response.json().get("code") != "not_ready"


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with the default settings, ready to extract."""
    yield from start_server(tmp_path_factory.mktemp("server"), "default", {}, is_ready)


# Whatever proxy the environment names, a server that fetches URLs talks to 127.0.0.1 directly.
LOCAL_ONLY = {"NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}


@pytest.fixture(scope="session")
def limited_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A ready server with small limits, so limit tests need only small payloads.

    It also has URL fetching on with the SSRF guard in force (private addresses refused), so the
    refusal of 127.0.0.1 is tested without starting one more server.
    """
    env = {
        "IE_MAX_REQUEST_BYTES": str(LIMITED_MAX_REQUEST_BYTES),
        "IE_MAX_BATCH_ARTICLES": str(LIMITED_MAX_BATCH_ARTICLES),
        "IE_MAX_TEXT_CHARS": str(LIMITED_MAX_TEXT_CHARS),
        "IE_ALLOW_URL_FETCH": "true",
        "IE_ALLOW_PRIVATE_ADDRESSES": "false",
        **LOCAL_ONLY,
    }
    yield from start_server(tmp_path_factory.mktemp("limited"), "limited", env, is_ready)


@pytest.fixture(scope="session")
def light_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server with the small body limit and no models, used as soon as it answers: for what
    needs no model (body limits, the documentation pages) without waiting for a model load."""
    env = {
        "IE_MAX_REQUEST_BYTES": str(LIMITED_MAX_REQUEST_BYTES),
        "IE_PIPELINE": "/no/such/pipeline",
    }
    folder = tmp_path_factory.mktemp("light")
    yield from start_server(folder, "light", env, lambda _response: True)


@pytest.fixture(scope="session")
def fetching_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A ready server that fetches URLs, private addresses included, so it can fetch from the
    tests' own HTTP server on 127.0.0.1 (no delay between robots.txt and the page)."""
    env = {
        "IE_ALLOW_URL_FETCH": "true",
        "IE_ALLOW_PRIVATE_ADDRESSES": "true",
        "IE_SCRAPE_DELAY_S": "0",
        "IE_SCRAPE_TIMEOUT_S": "10",
        "IE_SCRAPE_RETRIES": "0",
        **LOCAL_ONLY,
    }
    yield from start_server(tmp_path_factory.mktemp("fetching"), "fetching", env, is_ready)


@pytest.fixture(scope="session", params=BACKENDS)
def store_server(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    new_database: NewDatabase,
) -> Iterator[Server]:
    """A ready server with its own empty ecosystem store, on SQLite and on PostgreSQL."""
    env = {"IE_DATABASE_URL": new_database(request.param)}
    folder = tmp_path_factory.mktemp(f"store-{request.param}")
    yield from start_server(folder, f"store-{request.param}", env, is_ready)


@pytest.fixture(scope="session")
def fuzz_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A ready server over its own empty SQLite store, for the OpenAPI fuzzing run (it writes
    whatever articles the fuzzer makes up, so no other test shares it)."""
    folder = tmp_path_factory.mktemp("fuzz")
    env = {"IE_DATABASE_URL": f"sqlite:///{folder / 'store.sqlite3'}"}
    yield from start_server(folder, "fuzz", env, is_ready)


@pytest.fixture(scope="session")
def broken_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A server whose models cannot load; waits until it has given up loading."""
    env = {"IE_PIPELINE": "/no/such/pipeline"}
    yield from start_server(tmp_path_factory.mktemp("broken"), "broken", env, failed_loading)


@pytest.fixture(scope="module")
def workers_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`ie-nlp serve --workers 2` over its own SQLite store, ready: two extraction processes."""
    folder = tmp_path_factory.mktemp("workers")
    env = {"IE_DATABASE_URL": f"sqlite:///{folder / 'store.sqlite3'}"}
    yield from start_server(folder, "workers", env, is_ready, ["--workers", "2"])


@pytest.fixture(scope="module")
def broken_workers_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`ie-nlp serve` with IE_WORKERS=2 and models that cannot load; waits until it gave up."""
    env = {"IE_WORKERS": "2", "IE_PIPELINE": "/no/such/pipeline"}
    folder = tmp_path_factory.mktemp("broken-workers")
    yield from start_server(folder, "broken-workers", env, failed_loading, [])


@pytest.fixture
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base_url, timeout=60.0) as http:
        yield http


@pytest.fixture
def limited_client(limited_server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=limited_server.base_url, timeout=60.0) as http:
        yield http


@pytest.fixture
def store_client(store_server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=store_server.base_url, timeout=60.0) as http:
        yield http


@pytest.fixture
def broken_client(broken_server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=broken_server.base_url, timeout=60.0) as http:
        yield http


@pytest.fixture
def fetching_client(fetching_server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=fetching_server.base_url, timeout=60.0) as http:
        yield http
