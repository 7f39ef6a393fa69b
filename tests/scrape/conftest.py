"""Fixtures of the scrape tests: crawl ``options`` for the fixture site (the site itself,
``site`` and ``make_site``, comes from tests/fixture_site.py, a plugin of tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ie_nlp.scrape.options import ScrapeOptions


@pytest.fixture
def options(tmp_path: Path) -> ScrapeOptions:
    """Small delays and timeouts so the suite stays fast; private addresses allowed because
    the fixture site is on 127.0.0.1; proxies from the environment ignored."""
    return ScrapeOptions.from_settings(
        None,
        user_agent="ie-nlp-test/0.1 (+https://example.invalid)",
        delay=0.2,
        timeout=0.5,
        retries=2,
        backoff_base=0.1,
        max_bytes=1_000_000,
        allow_private=True,
        trust_env=False,
        store_path=tmp_path / "store.sqlite3",
    )
