"""Opening a store database: the engine for a URL, and the schema migrated to the newest version.

Migrations are Alembic scripts shipped inside the package (``migrations/``) and run from code,
so a deployment needs no ``alembic.ini`` and an old database is upgraded when it is opened.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from ie_nlp.errors import StoreError

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

# Seconds a SQLite writer waits for another one's lock before failing.
SQLITE_BUSY_TIMEOUT_S = 30


def create_store_engine(url: str) -> Engine:
    """An engine for ``url``; a SQLite file's folder is created, and SQLite enforces foreign
    keys (off by default there, and the cascades depend on them)."""
    try:
        parsed = make_url(url)
    except ArgumentError as error:
        raise StoreError(f"invalid database URL {url!r}: {error}") from error
    kwargs: dict[str, Any] = {}
    is_sqlite = parsed.get_backend_name() == "sqlite"
    if is_sqlite:
        kwargs["connect_args"] = {"timeout": SQLITE_BUSY_TIMEOUT_S, "check_same_thread": False}
        if parsed.database in (None, "", ":memory:"):
            # One shared connection, or every connection would see its own empty database.
            kwargs["poolclass"] = StaticPool
        else:
            Path(parsed.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(parsed, **kwargs)
    except (ArgumentError, ImportError) as error:
        raise StoreError(f"cannot use database URL {parsed!r}: {error}") from error
    if is_sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def alembic_config(engine: Engine) -> Config:
    """An Alembic configuration for the packaged scripts, bound to ``engine``."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Bring the schema to the newest migration (creating it in an empty database)."""
    try:
        command.upgrade(alembic_config(engine), "head")
    except SQLAlchemyError as error:
        raise StoreError(
            f"cannot open the store at {engine.url!r}: {error.__class__.__name__}: {error}"
        ) from error
