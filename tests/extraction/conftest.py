"""Fixtures of the bulk-extraction tests: the session's pipeline in place of the one a run would
load (``shared_pipeline``) and a real two-node Ray cluster on this machine (``ray_cluster``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ie_nlp.extraction.extractor import Extractor
from ie_nlp.extraction.ray_cluster import LocalCluster
from ie_nlp.settings import Settings


@pytest.fixture
def shared_pipeline(monkeypatch: pytest.MonkeyPatch, extractor: Extractor) -> None:
    """extract_files builds its own Extractor: give it the session's pipeline instead."""

    def from_settings(settings: Settings | None = None) -> Extractor:
        return Extractor(extractor.nlp, settings or extractor.settings)

    monkeypatch.setattr(Extractor, "from_settings", staticmethod(from_settings))


@pytest.fixture(scope="session")
def ray_cluster() -> Iterator[LocalCluster]:
    """A head and a second node that joins it by address, one CPU each, as on two machines."""
    with LocalCluster(nodes=2, cpus_per_node=1) as cluster:
        yield cluster
