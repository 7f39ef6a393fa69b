"""Empty test databases on each backend: a new SQLite file, or a new schema on the PostgreSQL
server that ``IE_TEST_POSTGRES_URL`` names (``.ci/run`` starts one with
``scripts/postgres.sh``). Without that variable a PostgreSQL test skips with the reason."""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_ENV = "IE_TEST_POSTGRES_URL"
BACKENDS = ["sqlite", "postgresql"]
NewDatabase = Callable[[str], str]


class TestDatabases:
    """Creates the databases; ``close`` drops the schemas."""

    __test__ = False  # not a test class, whatever its name

    def __init__(self, tmp_path_factory: pytest.TempPathFactory) -> None:
        self.tmp_path_factory = tmp_path_factory
        self.base = os.environ.get(POSTGRES_ENV)
        self.schemas: list[str] = []

    def create(self, backend: str) -> str:
        if backend == "sqlite":
            return f"sqlite:///{self.tmp_path_factory.mktemp('db') / 'store.sqlite3'}"
        if not self.base:
            pytest.skip(
                f"PostgreSQL tests need {POSTGRES_ENV} (a server URL; "
                "`scripts/postgres.sh start DIR` starts one and prints it)"
            )
        schema = f"t_{uuid.uuid4().hex[:12]}"
        self._execute(f"CREATE SCHEMA {schema}")
        self.schemas.append(schema)
        url = make_url(self.base).update_query_dict({"options": f"-csearch_path={schema}"})
        return url.render_as_string(hide_password=False)

    def _execute(self, *statements: str) -> None:
        assert self.base is not None
        engine = create_engine(self.base)
        with engine.begin() as connection:
            for statement in statements:
                connection.execute(text(statement))
        engine.dispose()

    def close(self) -> None:
        if self.base and self.schemas:
            self._execute(*(f"DROP SCHEMA {schema} CASCADE" for schema in self.schemas))
            self.schemas.clear()
