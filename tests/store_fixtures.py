"""Store fixtures shared by the store tests (tests/store) and the ``ie-nlp ingest`` tests
(tests/cli); a plugin of tests/conftest.py.

``store_url`` is an empty database on SQLite and, when ``IE_TEST_POSTGRES_URL`` names a server
(``.ci/run`` starts one with ``scripts/postgres.sh``; see ``new_database``), on PostgreSQL too;
``sample`` is ``corpora/sample`` through the real extractor."""

from __future__ import annotations

import json

import pytest
from db_backends import BACKENDS, NewDatabase
from store_helpers import SAMPLE_ARTICLES, Article

from ie_nlp import Extractor, InputArticle


@pytest.fixture(scope="session")
def sample(extractor: Extractor) -> list[Article]:
    """``corpora/sample`` through the real extractor, as ``ie-nlp extract`` would write it."""
    with SAMPLE_ARTICLES.open(encoding="utf-8") as handle:
        inputs = [InputArticle.model_validate(json.loads(line)) for line in handle]
    return [(extractor.extract(article), article) for article in inputs]


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, new_database: NewDatabase) -> str:
    """An empty database on each backend."""
    return new_database(request.param)
