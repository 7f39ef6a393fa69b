"""``Store``: the ecosystem store's one entry point for the CLI, the API and the graph layer.

Writes (ingest, reresolve) are serialised by a lock: the resolver is in-memory state that every
write extends, and two concurrent ingests could otherwise mint the same actor twice. The
resolver is built and primed with the stored actors on the first write, so a process that only
reads (the API's GET routes, exports) never loads the embedding model.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from datetime import date
from types import TracebackType
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from ie_nlp.errors import StoreError
from ie_nlp.graph.snapshot import Snapshot
from ie_nlp.resolution.resolver import ActorResolver
from ie_nlp.schema import ExtractionResult
from ie_nlp.settings import Settings, get_settings
from ie_nlp.store import queries
from ie_nlp.store.canonical import ReresolveReport, prime, reassign_all
from ie_nlp.store.database import create_store_engine, upgrade_to_head
from ie_nlp.store.ingest import ArticleInput, ingest_result
from ie_nlp.store.snapshot import build_snapshot
from ie_nlp.store.version import current_version, renew_version
from ie_nlp.store.views import ActorProfile, ActorSummary, IngestReport, Page, RelationshipView


class Store:
    """A store database, migrated to the current schema. Use ``Store.open(url)``."""

    def __init__(self, engine: Engine, settings: Settings) -> None:
        self.engine = engine
        self.settings = settings
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_lock = threading.Lock()
        self._resolver: ActorResolver | None = None

    @classmethod
    def open(cls, url: str | None = None, settings: Settings | None = None) -> Store:
        """Open (and create or upgrade) the store at ``url``, by default
        ``Settings.database_url``. Raises ``StoreError`` (``store_unavailable``)."""
        settings = settings or get_settings()
        engine = create_store_engine(url or settings.database_url)
        try:
            upgrade_to_head(engine)
        except StoreError:
            engine.dispose()
            raise
        return cls(engine, settings)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session that commits on success and rolls back on error; database failures
        surface as ``StoreError``."""
        with self._sessions() as session:
            try:
                yield session
                session.commit()
            except SQLAlchemyError as error:
                session.rollback()
                raise StoreError(
                    f"store operation failed: {error.__class__.__name__}: {error}"
                ) from error
            except BaseException:
                session.rollback()
                raise

    # --- writes ---

    def resolver(self, session: Session) -> ActorResolver:
        if self._resolver is None:
            resolver = ActorResolver.from_settings(self.settings)
            prime(resolver, session)
            self._resolver = resolver
        return self._resolver

    def ingest(
        self, result: ExtractionResult | Mapping[str, Any], article: ArticleInput = None
    ) -> IngestReport:
        """Store one extraction result, with the input article's metadata when given (title,
        url, source, published, text). Idempotent; a changed result replaces the article."""
        with self._write_lock:
            try:
                with self.session() as session:
                    report = ingest_result(session, lambda: self.resolver(session), result, article)
                    if report.status != "unchanged":
                        renew_version(session)
                    return report
            except BaseException:
                # The resolver may already know actors that were rolled back; prime afresh.
                self._resolver = None
                raise

    def reresolve(self) -> ReresolveReport:
        """Recompute the canonical actor of every stored article actor with a fresh resolver
        (e.g. after the alias file changed), replaying the ingests in their order, and rebuild
        aliases and aggregated relationships. Undoes merges the new rules no longer make."""
        with self._write_lock:
            self._resolver = None
            resolver = ActorResolver.from_settings(self.settings)
            with self.session() as session:
                report = reassign_all(session, resolver)
                renew_version(session)
            self._resolver = resolver
            return report

    # --- reads ---

    def version(self) -> str:
        """A token that changes with every write to the store, by any process: results
        computed from the store stay valid while it is the same."""
        with self.session() as session:
            return current_version(session)

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, actors, relationships, evidence, capabilities."""
        with self.session() as session:
            return queries.counts(session)

    def list_actors(
        self,
        *,
        type: str | None = None,
        capability: str | None = None,
        name: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[ActorSummary]:
        with self.session() as session:
            return queries.list_actors(
                session, type=type, capability=capability, name=name, limit=limit, offset=offset
            )

    def actor_profile(self, actor_id: str) -> ActorProfile:
        """Raises ``ActorNotFoundError`` (``actor_not_found``) for an unknown id."""
        with self.session() as session:
            return queries.actor_profile(session, actor_id)

    def relationships(
        self,
        *,
        type: str | None = None,
        since: date | None = None,
        until: date | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> Page[RelationshipView]:
        with self.session() as session:
            return queries.list_relationships(
                session, type=type, since=since, until=until, limit=limit, offset=offset
            )

    def snapshot(self, since: date | None = None, until: date | None = None) -> Snapshot:
        """The ecosystem as the graph layer reads it, limited to articles published in
        [since, until] when given (undated articles only when no limit is given)."""
        with self.session() as session:
            return build_snapshot(session, since, until)
