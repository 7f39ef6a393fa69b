"""The extraction models' lifecycle: loaded once, in the background, then shared; and the runner
that takes the blocking work off the event loop.

Loading takes seconds (spaCy, embeddings, classifiers). Doing it in a daemon thread lets uvicorn
finish startup at once, so ``/healthz`` answers while ``/readyz`` still says 503; orchestrators
can then tell "starting" from "dead". A daemon thread (not a task awaited in the lifespan) also
means a shutdown during loading does not wait for the load to finish.

With ``IE_WORKERS`` = 1 the extractor lives in the server process; with N > 1 the server process
only serves HTTP and N worker processes extract (``ExtractionPool``), each with its own models,
all fed from one queue.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from typing import TypeVar

import anyio
import anyio.to_thread
from fastapi import FastAPI

from ie_nlp import ExtractionResult, Extractor, IENLPError, InputArticle, ModelLoadError, Settings
from ie_nlp.errors import WorkerLostError
from ie_nlp.extraction.pool import ExtractionPool, load_extractor
from ie_nlp.extraction.requests import extract_article, extract_each
from ie_nlp.store import Store
from service.problems import ProblemError

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Extraction is CPU-bound Python under the GIL, so more threads add memory and contention rather
# than throughput, and the library does not promise that one Extractor may run concurrently.
# Scale out with worker processes (IE_WORKERS) instead.
EXTRACTION_CONCURRENCY = 1

# Sent with 503 while the models load: loading takes seconds, so polling sooner is wasted work.
RETRY_AFTER_SECONDS = "5"

# What extracts: the extractor in this process, or the pool of worker processes.
Extraction = Extractor | ExtractionPool


class ModelState:
    """Where loading stands. Written by the loader thread, read by request handlers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._extraction: Extraction | None = None
        self._pool: ExtractionPool | None = None
        self._error: IENLPError | None = None
        self._closed = False
        self.load_seconds: float | None = None

    @property
    def extractor(self) -> Extraction | None:
        """What extracts, once it can: the pool only while every worker has its models loaded
        (not while the processes of a crashed pool are loading again)."""
        with self._lock:
            extraction = self._extraction
        if isinstance(extraction, ExtractionPool) and not extraction.ready:
            return None
        return extraction

    @property
    def error(self) -> IENLPError | None:
        with self._lock:
            if self._error is None and self._pool is not None:
                return self._pool.error
            return self._error

    def load(self, settings: Settings) -> None:
        """Build the extractor, or start the pool and wait until every worker has loaded; never
        raises, the outcome is recorded for ``/readyz``."""
        started = time.perf_counter()
        try:
            extraction = (
                self._load_pool(settings) if settings.workers > 1 else load_extractor(settings)
            )
        except IENLPError as error:
            logger.error("extractor failed to load: [%s] %s", error.code, error.message)
            with self._lock:
                self._error = error
            return
        elapsed = time.perf_counter() - started
        with self._lock:
            self._extraction = extraction
            self.load_seconds = elapsed
        logger.info("extractor loaded in %.1f s (%d worker process(es))", elapsed, settings.workers)

    def _load_pool(self, settings: Settings) -> ExtractionPool:
        pool = ExtractionPool(settings, settings.workers)
        with self._lock:
            # A shutdown that came first must not be followed by processes nobody ends.
            if self._closed:
                raise ModelLoadError("the server shut down before the extraction pool started")
            self._pool = pool
            pool.start()
        pool.wait_ready()
        return pool

    def start_loading(self, settings: Settings) -> threading.Thread:
        thread = threading.Thread(
            target=self.load, args=(settings,), name="ie-nlp-model-loader", daemon=True
        )
        thread.start()
        return thread

    def close(self) -> None:
        """Ends the worker processes, if any (blocks until their work in progress is done)."""
        with self._lock:
            self._closed = True
            pool = self._pool
        if pool is not None:
            pool.close()


class ExtractionRunner:
    """Runs blocking work off the event loop: extraction in the worker pool, or in a thread, at
    most ``EXTRACTION_CONCURRENCY`` at a time, for the extractor in this process and for the
    store's work. Either way, results and per-article errors are those of ``extract_article`` and
    ``extract_each``."""

    def __init__(self, concurrency: int = EXTRACTION_CONCURRENCY) -> None:
        self.limiter = anyio.CapacityLimiter(concurrency)

    async def run(self, func: Callable[[], T]) -> T:
        return await anyio.to_thread.run_sync(func, limiter=self.limiter)

    async def extract(
        self,
        extraction: Extraction,
        article: InputArticle,
        settings: Settings,
        min_confidence: float | None = None,
    ) -> ExtractionResult:
        """One article's result; its error is raised as ``extract_article`` raises it."""
        if isinstance(extraction, Extractor):
            return await self.run(
                lambda: extract_article(extraction, article, settings, min_confidence)
            )
        with lost_worker_problem():
            return await asyncio.wrap_future(extraction.submit(article, min_confidence))

    async def extract_each(
        self,
        extraction: Extraction,
        articles: list[InputArticle],
        settings: Settings,
        min_confidence: float | None = None,
    ) -> list[ExtractionResult | IENLPError]:
        """Each article's result or coded error, in order; in the pool the articles are spread
        over every worker."""
        if isinstance(extraction, Extractor):
            return await self.run(
                lambda: list(extract_each(extraction, articles, settings, min_confidence))
            )
        futures = [extraction.submit_outcome(article, min_confidence) for article in articles]
        with lost_worker_problem():
            return list(await asyncio.gather(*map(asyncio.wrap_future, futures)))


@contextmanager
def lost_worker_problem() -> Iterator[None]:
    """A worker that died is the server's transient failure, not the request's: 503 with
    ``worker_lost`` and a ``Retry-After`` covering the new processes' load."""
    try:
        yield
    except WorkerLostError as error:
        raise ProblemError(
            503, error.code, error.message, headers={"Retry-After": RETRY_AFTER_SECONDS}
        ) from error


class StoreHolder:
    """The app's ecosystem store, opened on first use and closed at shutdown.

    Opening migrates the schema and connects to the database, so it is left to the first
    request that needs the store: the extraction routes and the probes never wait for it, and
    a database that is down answers 503 ``store_unavailable`` on the store routes only.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._lock = threading.Lock()
        self._store: Store | None = None

    def get(self) -> Store:
        with self._lock:
            if self._store is None:
                self._store = Store.open(settings=self.settings)
            return self._store

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


def build_lifespan(
    state: ModelState, settings: Settings, store: StoreHolder
) -> Callable[[FastAPI], AbstractAsyncContextManager[None]]:
    """Loading starts in the lifespan, not at import, so importing the app stays cheap."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.start_loading(settings)
        yield
        store.close()
        await anyio.to_thread.run_sync(state.close)

    return lifespan
