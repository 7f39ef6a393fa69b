"""Alembic environment: runs on the engine ``ie_nlp.store.database`` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from ie_nlp.store.models import Base

engine: Engine = context.config.attributes["engine"]
with engine.connect() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        # SQLite alters tables by copying them; batch mode lets later migrations do that.
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()
