"""A stand-in for ``ie_nlp.store.Store`` that serves the hand-built snapshot and records what it
was asked (the ``store`` fixture of conftest.py puts it in place), and ``run``, which invokes the
CLI and expects success; shared by the ``ie-nlp graph``, ``signals`` and ``report`` tests."""

from __future__ import annotations

from datetime import date
from types import TracebackType
from typing import ClassVar

from click.testing import CliRunner

from ie_nlp.cli import cli
from ie_nlp.errors import StoreError
from ie_nlp.graph.snapshot import Snapshot


class FakeStore:
    opened: ClassVar[list[str]] = []
    ranges: ClassVar[list[tuple[date | None, date | None]]] = []
    snapshot_value: ClassVar[Snapshot | None] = None

    @classmethod
    def open(cls, url: str | None = None) -> FakeStore:
        if url == "broken://":
            raise StoreError("cannot reach broken://")
        cls.opened.append(str(url))
        return cls()

    def __enter__(self) -> FakeStore:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        return None

    def snapshot(self, since: date | None = None, until: date | None = None) -> Snapshot:
        self.ranges.append((since, until))
        assert self.snapshot_value is not None
        return self.snapshot_value


def run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output
