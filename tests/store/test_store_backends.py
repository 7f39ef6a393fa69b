"""SQLite and PostgreSQL give the same ecosystem for the same results."""

from __future__ import annotations

from db_backends import NewDatabase
from store_helpers import Article

from ie_nlp.store import Store


def build(url: str, sample: list[Article]) -> tuple[dict[str, int], set[tuple[str, str, str]]]:
    with Store.open(url) as store:
        for result, article in sample:
            store.ingest(result, article)
        edges = {(e.type, e.source, e.target) for e in store.snapshot().edges}
        return store.counts(), edges


def test_sqlite_and_postgresql_agree(new_database: NewDatabase, sample: list[Article]) -> None:
    postgresql = new_database("postgresql")  # skips without a server
    on_sqlite = build(new_database("sqlite"), sample)
    assert build(postgresql, sample) == on_sqlite
    assert on_sqlite[0]["actors"] > 0 and on_sqlite[1]
