"""What keeps a long-running extraction process flat: a million-article run must end with the
memory it had after its first thousand articles.

Five things grew per article. The strings each text adds to the vocabulary: every window runs
in a spaCy memory zone (``Extractor.extract_many``). The parser's and NER's step models, left
in reference cycles: ``WindowMemory`` collects them after each window, cheaply because the
models are frozen out of the collector first. glibc's heaps, which keep what a window's arrays
freed: ``WindowMemory`` trims them. And the lemmatizer's cache, one entry per new word and
part of speech (~18 per article), which no memory zone clears: ``WindowMemory`` empties it
when it passes a bound. The fifth grew within a window only: its peak, as glibc moved large
arrays from pages of their own into the heap (``pin_mmap_threshold``)."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import os
from collections.abc import Callable, Sequence
from typing import Any

logger = logging.getLogger(__name__)

TRIM_EVERY_ARTICLES = 16
MAX_CACHE_ENTRIES = 100_000


def freeze_loaded_models() -> None:
    """Moves everything alive (the models just loaded: half a million objects) into the
    collector's permanent generation. They live as long as the process; frozen, they are not
    traversed again, so a full collection takes milliseconds instead of ~0.3 s."""
    gc.collect()
    gc.freeze()


def _glibc(function: str) -> Callable[..., int] | None:
    name = ctypes.util.find_library("c")
    try:
        return getattr(ctypes.CDLL(name), function) if name else None  # type: ignore[no-any-return]
    except (OSError, AttributeError):  # not glibc (musl, macOS): its allocator behaves otherwise
        logger.info("no %s in the C library: the allocator is left as it is", function)
        return None


_MALLOC_TRIM = _glibc("malloc_trim")
_MALLOPT = _glibc("mallopt")
M_MMAP_THRESHOLD = -3  # mallopt's parameter number, from glibc's malloc.h
MMAP_THRESHOLD_BYTES = 1024 * 1024


def pin_mmap_threshold(threshold: int = MMAP_THRESHOLD_BYTES) -> bool:
    """Arrays of ``threshold`` bytes or more get pages of their own, handed back when freed.

    glibc raises its threshold to the size of every mmapped block freed (up to 32 MiB), so
    after a few windows the parser's and the embedder's arrays are carved from the heap
    instead, among long-lived objects that keep the heap from shrinking. Pinned (which also
    turns that adjustment off), a window's peak is 0.25-0.56 GiB lower, the same each time the
    same articles come again, and over 7,000 articles no longer climbs steadily
    (``benchmarks/README.md``). ``MALLOC_MMAP_THRESHOLD_`` in the environment (glibc's own
    setting) wins. Returns whether the threshold was set here."""
    if _MALLOPT is None or "MALLOC_MMAP_THRESHOLD_" in os.environ:
        return False
    return bool(_MALLOPT(M_MMAP_THRESHOLD, threshold))


class WindowMemory:
    """Called after every window of articles.

    * A full collection: the parser and NER leave each batch's step model in a cycle that holds
      the batch's token vectors and precomputed hidden states (tens of MB). Processing outlives
      the young generations, so the cycles reach the oldest one, which Python collects only
      after its population grows by a quarter: hundreds of articles later.
    * ``caches`` (the lemmatizers') emptied once they pass ``max_cache_entries``: refilling
      them costs little, and their words never stop coming.
    * Every ``trim_every`` articles, ``malloc_trim``: arrays come in every size, and glibc keeps
      the pages they freed scattered through its heaps, taking more for the next sizes. Not on
      every call: the pages handed back are faulted in again, which costs a single API request
      a third more time.

    Measured over 350 articles in one process: RSS between windows rose from 0.99 to 1.31 GiB
    with the collection alone, and stayed between 0.75 and 0.77 GiB with the trim too."""

    def __init__(
        self,
        caches: Sequence[dict[Any, Any]] = (),
        trim_every: int = TRIM_EVERY_ARTICLES,
        trim: Callable[[int], int] | None = _MALLOC_TRIM,
        max_cache_entries: int = MAX_CACHE_ENTRIES,
    ) -> None:
        self.caches = caches
        self.trim_every = trim_every
        self.max_cache_entries = max_cache_entries
        self._trim = trim
        self._since_trim = 0

    def after_window(self, articles: int) -> None:
        for cache in self.caches:
            if len(cache) > self.max_cache_entries:
                cache.clear()
        gc.collect()
        self._since_trim += articles
        if self._trim is not None and self._since_trim >= self.trim_every:
            self._trim(0)
            self._since_trim = 0
