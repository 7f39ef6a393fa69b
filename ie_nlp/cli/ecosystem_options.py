"""Options and store access shared by the ecosystem commands (graph export, signals, report)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING, TypeVar

import click

from ie_nlp.errors import IENLPError

if TYPE_CHECKING:
    from ie_nlp.graph.snapshot import Snapshot

F = TypeVar("F", bound=Callable[..., object])

DAY = click.DateTime(formats=["%Y-%m-%d"])


def store_options(command: F) -> F:
    """--database-url, --since and --until, in that order in --help."""
    command = click.option(
        "--until", type=DAY, help="Only articles published on or before this day (YYYY-MM-DD)."
    )(command)
    command = click.option(
        "--since", type=DAY, help="Only articles published on or after this day (YYYY-MM-DD)."
    )(command)
    return click.option(
        "--database-url",
        metavar="URL",
        help="SQLAlchemy URL of the store [default: IE_DATABASE_URL].",
    )(command)


def day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None


def load_snapshot(
    database_url: str | None, since: datetime | None, until: datetime | None
) -> Snapshot:
    """The store's snapshot for the date range; a store error becomes a clean CLI error."""
    # imported here so `ie-nlp --help` does not import SQLAlchemy, pydantic and the migrations
    from ie_nlp.settings import get_settings
    from ie_nlp.store import Store

    try:
        with Store.open(database_url or get_settings().database_url) as store:
            return store.snapshot(day(since), day(until))
    except IENLPError as error:
        raise click.ClickException(f"[{error.code}] {error.message}") from error
