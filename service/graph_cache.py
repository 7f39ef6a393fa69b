"""Rendered ``GET /v1/graph`` bodies, reused while the store's version is unchanged.

Building the network and rendering it takes seconds on a large store, while the store changes
only when articles are ingested. The key starts with ``Store.version()``, which every write
renews (in whichever process wrote), so an entry can never be served after a change: it is
just never asked for again and ages out of the small LRU.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Annotated

from fastapi import Depends, Request

# Few: each entry is a whole export (megabytes on a large store), and only the entries of the
# current version are ever hit.
CAPACITY = 8


class GraphCache:
    def __init__(self, capacity: int = CAPACITY) -> None:
        self.capacity = capacity
        self.hits = 0
        self.misses = 0
        self._bodies: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get_or_render(self, key: Hashable, render: Callable[[], bytes]) -> bytes:
        with self._lock:
            body = self._bodies.get(key)
            if body is not None:
                self._bodies.move_to_end(key)
                self.hits += 1
                return body
            self.misses += 1
        # Rendered outside the lock, so a slow render does not hold up hits on other keys.
        body = render()
        with self._lock:
            self._bodies[key] = body
            self._bodies.move_to_end(key)
            while len(self._bodies) > self.capacity:
                self._bodies.popitem(last=False)
        return body


def get_graph_cache(request: Request) -> GraphCache:
    cache: GraphCache = request.app.state.graph_cache
    return cache


GraphCacheDep = Annotated[GraphCache, Depends(get_graph_cache)]
