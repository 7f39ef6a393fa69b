"""The ecosystem store: many articles' extraction results in one database (SQLite or
PostgreSQL), with actors resolved across articles and relationships aggregated.

    from ie_nlp.store import Store
    with Store.open("sqlite:///var/ie-nlp.sqlite3") as store:
        store.ingest(result, article)
        snapshot = store.snapshot()
"""

from __future__ import annotations

from ie_nlp.store.canonical import ReresolveReport
from ie_nlp.store.store import Store
from ie_nlp.store.views import (
    ActorProfile,
    ActorRef,
    ActorSummary,
    Alias,
    CapabilityCount,
    Evidence,
    IngestReport,
    Page,
    RelationshipView,
)

__all__ = [
    "ActorProfile",
    "ActorRef",
    "ActorSummary",
    "Alias",
    "CapabilityCount",
    "Evidence",
    "IngestReport",
    "Page",
    "RelationshipView",
    "ReresolveReport",
    "Store",
]
