"""A pool of extraction processes behind one queue: each process loads its own ``Extractor``
once, and every article submitted waits in a single queue for the next free process.

One queue in front of all the processes balances the load by construction: a process takes new
work only when it is free, unlike several servers racing to accept connections. Processes are
spawned, never forked, because the caller may already run threads (a web server's event loop, a
model loader) that a fork would copy in an unknown state.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.synchronize import Barrier
from typing import Any, TypeVar

from ie_nlp.errors import IENLPError, ModelLoadError, WorkerLostError
from ie_nlp.extraction.extractor import Extractor
from ie_nlp.extraction.requests import extract_article, extract_each
from ie_nlp.schema import ExtractionResult, InputArticle
from ie_nlp.settings import Settings

logger = logging.getLogger(__name__)

T = TypeVar("T")


def load_extractor(settings: Settings) -> Extractor:
    """``Extractor.from_settings`` with every failure as a coded error: an unexpected one must
    still read as "model unavailable", not as a process that never becomes ready."""
    try:
        return Extractor.from_settings(settings)
    except IENLPError:
        raise
    except Exception as error:
        logger.exception("extractor failed to load")
        raise ModelLoadError(f"loading the extractor failed: {error}") from error


# --- in each worker process -----------------------------------------------------------------

_extractor: Extractor | None = None
_load_error: IENLPError | None = None
_all_loaded: Barrier | None = None


def _start_worker(settings: Settings, all_loaded: Barrier) -> None:
    """The pool's initializer. A load error is kept for the warm-up to send back: raised here,
    it would only break the pool with a generic message."""
    global _extractor, _load_error, _all_loaded
    _exit_with_parent()
    # At exit, skip the interpreter's finalisation of the models: it takes seconds, which the
    # pool's owner (a server shutting down) waits for, and nothing is lost, since each result is
    # sent as soon as it is made.
    atexit.register(os._exit, 0)
    _all_loaded = all_loaded
    try:
        _extractor = load_extractor(settings)
    except IENLPError as error:
        _load_error = error


def _exit_with_parent() -> None:
    """A worker blocks on the pool's queue for ever once its parent is gone (killed with
    SIGKILL, say); watching the parent ends it instead of leaving it holding its models."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()
        os._exit(1)

    threading.Thread(target=watch, name="ie-nlp-parent-watch", daemon=True).start()


def _warm_up() -> int:
    """Returns once every process of the pool has loaded. A process runs one task at a time, so
    the barrier is passed only when the pool's N warm-ups run in N distinct loaded processes."""
    assert _all_loaded is not None
    if _load_error is not None:
        _all_loaded.abort()
        raise _load_error
    _all_loaded.wait()
    return os.getpid()


def _loaded() -> Extractor:
    # Work queued just as a crashed pool was replaced can reach a process that failed to load.
    if _extractor is None:
        assert _load_error is not None, "the initializer sets one of the two"
        raise _load_error
    return _extractor


def _extract(article: InputArticle, min_confidence: float | None) -> ExtractionResult:
    extractor = _loaded()
    return extract_article(extractor, article, extractor.settings, min_confidence)


def _extract_outcome(
    article: InputArticle, min_confidence: float | None
) -> ExtractionResult | IENLPError:
    extractor = _loaded()
    return next(extract_each(extractor, [article], extractor.settings, min_confidence))


# --- in the process that owns the pool ------------------------------------------------------


class ExtractionPool:
    """``workers`` processes with an ``Extractor`` each. ``start`` spawns them; ``submit`` and
    ``submit_outcome`` queue one article and return a future. A process that dies fails the work
    in flight with ``WorkerLostError`` and the pool starts afresh (``ready`` is false while the
    new processes load)."""

    def __init__(self, settings: Settings, workers: int) -> None:
        if workers < 1:
            raise ValueError(f"an extraction pool needs at least one worker, not {workers}")
        self.settings = settings
        self.workers = workers
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._executor: ProcessPoolExecutor | None = None
        self._warm_ups: list[Future[int]] = []

    def start(self) -> None:
        """Spawns the processes; returns at once (``wait_ready`` waits for their models)."""
        with self._lock:
            if self._executor is None:
                self._launch()

    def _launch(self) -> None:
        all_loaded = self._context.Barrier(self.workers)
        executor = ProcessPoolExecutor(
            self.workers,
            mp_context=self._context,
            initializer=_start_worker,
            initargs=(self.settings, all_loaded),
        )
        self._executor = executor
        self._warm_ups = [executor.submit(_warm_up) for _ in range(self.workers)]

    def wait_ready(self) -> None:
        """Blocks until every process has loaded its extractor; raises the load error (code
        ``model_unavailable``) when one could not."""
        with self._lock:
            warm_ups = list(self._warm_ups)
        wait(warm_ups)
        error = self.error
        if error is not None:
            raise error

    @property
    def ready(self) -> bool:
        with self._lock:
            warm_ups = self._warm_ups
        return bool(warm_ups) and all(
            f.done() and not f.cancelled() and f.exception() is None for f in warm_ups
        )

    @property
    def error(self) -> IENLPError | None:
        """Why the current processes could not load, once their warm-ups are over."""
        with self._lock:
            warm_ups = list(self._warm_ups)
        if any(f.cancelled() for f in warm_ups):
            return ModelLoadError("the extraction pool was closed before its processes loaded")
        failures = [f.exception() for f in warm_ups if f.done() and f.exception() is not None]
        coded = [error for error in failures if isinstance(error, IENLPError)]
        if coded:
            return coded[0]
        if failures:
            # A process that died while loading (out of memory, say), or a sibling of the one
            # that failed, which saw only the broken barrier.
            return ModelLoadError(f"an extraction process failed while loading: {failures[0]}")
        return None

    def submit(
        self, article: InputArticle, min_confidence: float | None = None
    ) -> Future[ExtractionResult]:
        """The article's result, or the error ``extract_article`` raises for it."""
        return self._submit(_extract, article, min_confidence)

    def submit_outcome(
        self, article: InputArticle, min_confidence: float | None = None
    ) -> Future[ExtractionResult | IENLPError]:
        """The article's result or the coded error that refused it (``extract_each``'s policy,
        applied in the worker), so one article never fails a batch."""
        return self._submit(_extract_outcome, article, min_confidence)

    def _submit(self, task: Callable[..., T], *args: Any) -> Future[T]:
        with self._lock:
            executor = self._executor
        if executor is None:
            raise RuntimeError("the extraction pool is not started or already closed")
        outcome: Future[T] = Future()
        # Running from the start: the work cannot be withdrawn once queued, so neither can this.
        outcome.set_running_or_notify_cancel()
        try:
            work = executor.submit(task, *args)
        except BrokenProcessPool:
            # The pool broke while idle: nothing was waiting on it to notice sooner.
            outcome.set_exception(self._lost(executor))
            return outcome
        work.add_done_callback(lambda done: self._settle(outcome, done, executor))
        return outcome

    def _settle(self, outcome: Future[T], work: Future[T], executor: ProcessPoolExecutor) -> None:
        error = work.exception()
        if isinstance(error, BrokenProcessPool):
            outcome.set_exception(self._lost(executor))
        elif error is not None:
            outcome.set_exception(error)
        else:
            outcome.set_result(work.result())

    def _lost(self, executor: ProcessPoolExecutor) -> WorkerLostError:
        """Starts new processes in place of a broken pool (once, whoever notices first)."""
        with self._lock:
            # The broken executor has already ended its other processes and failed its work.
            if self._executor is executor:
                logger.error("an extraction worker process died; starting the pool afresh")
                self._launch()
        return WorkerLostError(
            "An extraction worker process died while this request was queued or running; "
            "the pool is restarting. Retry shortly."
        )

    def close(self) -> None:
        """Ends the processes: queued work is cancelled, work in progress finishes."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
