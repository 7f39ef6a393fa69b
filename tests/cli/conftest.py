"""Fixtures of the CLI tests: ``store``, the stand-in store of fake_store.py serving the
hand-built ``snapshot`` (tests/ecosystem_snapshot.py) in place of ``ie_nlp.store.Store``."""

from __future__ import annotations

import pytest

import ie_nlp.store
from ie_nlp.graph.snapshot import Snapshot

from .fake_store import FakeStore


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch, snapshot: Snapshot) -> type[FakeStore]:
    FakeStore.opened, FakeStore.ranges, FakeStore.snapshot_value = [], [], snapshot
    monkeypatch.setattr(ie_nlp.store, "Store", FakeStore)
    return FakeStore
