"""Opening a store: migrations create the models' schema exactly, and bad URLs are coded."""

from __future__ import annotations

import io
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect

from ie_nlp.errors import StoreError
from ie_nlp.store import Store
from ie_nlp.store.database import MIGRATIONS_DIR, alembic_config, create_store_engine
from ie_nlp.store.models import Base


def test_migrations_match_the_models(store_url: str) -> None:
    Store.open(store_url).close()
    engine = create_store_engine(store_url)
    try:
        with redirect_stdout(io.StringIO()):
            # raises when autogenerate finds any difference between models and database
            command.check(alembic_config(engine))
        tables = set(inspect(engine).get_table_names())
    finally:
        engine.dispose()
    assert set(Base.metadata.tables) <= tables
    assert "alembic_version" in tables


def test_opening_twice_keeps_the_data(store: Store, store_url: str) -> None:
    result = {"id": "a-1", "actors": [{"id": "a1", "name": "Lumagen Bio", "type": "biotech"}]}
    assert store.ingest(result).status == "new"
    with Store.open(store_url) as again:
        assert again.counts()["articles"] == 1
        assert again.ingest(result).status == "unchanged"


def test_migration_scripts_ship_in_the_package() -> None:
    assert (MIGRATIONS_DIR / "env.py").is_file()
    assert (MIGRATIONS_DIR / "versions" / "0001_initial.py").is_file()


def test_sqlite_folder_is_created(tmp_path: Path) -> None:
    path = tmp_path / "new" / "folder" / "store.sqlite3"
    Store.open(f"sqlite:///{path}").close()
    assert path.is_file()


@pytest.mark.parametrize(
    "url", ["not a url", "nosuchdialect://x/y", "postgresql+psycopg://nobody@127.0.0.1:1/none"]
)
def test_bad_urls_raise_store_unavailable(url: str) -> None:
    with pytest.raises(StoreError) as caught:
        Store.open(url)
    assert caught.value.code == "store_unavailable"
