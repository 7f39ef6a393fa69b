"""The store's version: a random token renewed in the same transaction as every write (ingest,
reresolve), so that a reader in any process can tell whether what it computed is still current.

A random token rather than a counter: a store deleted and created again at the same URL can
never repeat a version a cache still holds.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from ie_nlp.store.models import StoreState

ROW_ID = 1


def current_version(session: Session) -> str:
    version = session.scalar(select(StoreState.version).where(StoreState.id == ROW_ID))
    if version is None:
        raise RuntimeError("store_state has no row: the store was not created by its migrations")
    return version


def renew_version(session: Session) -> None:
    session.execute(
        update(StoreState).where(StoreState.id == ROW_ID).values(version=uuid.uuid4().hex)
    )
