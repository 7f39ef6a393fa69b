"""SQLite and PostgreSQL give the same ecosystem for the same results."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import POSTGRES_ENV, postgres_schema_url
from store_helpers import Article

from ie_nlp.store import Store


def build(url: str, sample: list[Article]) -> tuple[dict[str, int], set[tuple[str, str, str]]]:
    with Store.open(url) as store:
        for result, article in sample:
            store.ingest(result, article)
        edges = {(e.type, e.source, e.target) for e in store.snapshot().edges}
        return store.counts(), edges


def test_sqlite_and_postgresql_agree(tmp_path: Path, sample: list[Article]) -> None:
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"needs a PostgreSQL server URL in {POSTGRES_ENV} (see scripts/postgres.sh)")
    on_sqlite = build(f"sqlite:///{tmp_path / 'store.sqlite3'}", sample)
    for url in postgres_schema_url(base):
        assert build(url, sample) == on_sqlite
    assert on_sqlite[0]["actors"] > 0 and on_sqlite[1]
