"""The extractor's lifecycle: loaded once per process, in the background, then shared.

Loading takes seconds (spaCy, embeddings, classifiers). Doing it in a daemon thread lets uvicorn
finish startup at once, so ``/healthz`` answers while ``/readyz`` still says 503; orchestrators
can then tell "starting" from "dead". A daemon thread (not a task awaited in the lifespan) also
means a shutdown during loading does not wait for the load to finish.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import TypeVar

import anyio
import anyio.to_thread
from fastapi import FastAPI

from ie_nlp import Extractor, IENLPError, ModelLoadError, Settings
from ie_nlp.store import Store

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Extraction is CPU-bound Python under the GIL, so more threads add memory and contention rather
# than throughput, and the library does not promise that one Extractor may run concurrently.
# Scale out with processes (uvicorn --workers) instead.
EXTRACTION_CONCURRENCY = 1


class ModelState:
    """Where loading stands. Written once by the loader thread, read by request handlers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._extractor: Extractor | None = None
        self._error: IENLPError | None = None
        self.load_seconds: float | None = None

    @property
    def extractor(self) -> Extractor | None:
        with self._lock:
            return self._extractor

    @property
    def error(self) -> IENLPError | None:
        with self._lock:
            return self._error

    def load(self, settings: Settings) -> None:
        """Build the extractor; never raises, the outcome is recorded for ``/readyz``."""
        started = time.perf_counter()
        try:
            extractor = Extractor.from_settings(settings)
        except IENLPError as error:
            logger.error("extractor failed to load: [%s] %s", error.code, error.message)
            with self._lock:
                self._error = error
            return
        except Exception as error:
            # An unexpected failure still has to surface as "model unavailable", not as a
            # server that stays "not ready" forever.
            logger.exception("extractor failed to load")
            with self._lock:
                self._error = ModelLoadError(f"loading the extractor failed: {error}")
            return
        elapsed = time.perf_counter() - started
        with self._lock:
            self._extractor = extractor
            self.load_seconds = elapsed
        logger.info("extractor loaded in %.1f s", elapsed)

    def start_loading(self, settings: Settings) -> threading.Thread:
        thread = threading.Thread(
            target=self.load, args=(settings,), name="ie-nlp-model-loader", daemon=True
        )
        thread.start()
        return thread


class ExtractionRunner:
    """Runs sync extraction off the event loop, at most ``EXTRACTION_CONCURRENCY`` at a time."""

    def __init__(self, concurrency: int = EXTRACTION_CONCURRENCY) -> None:
        self.limiter = anyio.CapacityLimiter(concurrency)

    async def run(self, func: Callable[[], T]) -> T:
        return await anyio.to_thread.run_sync(func, limiter=self.limiter)


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

    return lifespan
