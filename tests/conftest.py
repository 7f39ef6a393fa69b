"""Shared fixtures for the library tests.

The real pipeline loads in several seconds, so it is built once per session (``extractor``);
the other fixtures here are cheap views of it.

Fixtures that tests in several folders need live in plugin modules next to this file, since
pytest shares a conftest.py only with its own folder and those below: ``ecosystem_snapshot``
(the hand-built ``snapshot``), ``fixture_site`` (``site``, ``make_site``) and
``store_fixtures`` (``store_url``, ``sample``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from db_backends import NewDatabase, TestDatabases
from spacy.language import Language
from spacy.tokens import Doc

from ie_nlp import ExtractionResult, Extractor, InputArticle
from ie_nlp.nlp.relations import CO_MENTION
from ie_nlp.taxonomy import get_taxonomy

REPO_DIR = Path(__file__).resolve().parent.parent
SAMPLE_DIR = REPO_DIR / "corpora" / "sample"

RuleRelation = tuple[str, str, str, dict[str, Any]]

pytest_plugins = ["ecosystem_snapshot", "fixture_site", "store_fixtures"]


@pytest.fixture(scope="session")
def new_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NewDatabase]:
    """``new_database(backend)``: the URL of an empty database on "sqlite" or "postgresql"
    (see ``db_backends``); the PostgreSQL schemas are dropped at the end of the session."""
    databases = TestDatabases(tmp_path_factory)
    yield databases.create
    databases.close()


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    """The real pipeline (spaCy model, gazetteer, trained classifiers), built once."""
    return Extractor.from_settings()


@pytest.fixture
def nlp(extractor: Extractor) -> Language:
    return extractor.nlp


@pytest.fixture
def extract(extractor: Extractor) -> Callable[..., ExtractionResult]:
    """``extract(text)`` or ``extract(html=...)``: one article through the whole pipeline
    (``min_confidence`` as ``Extractor.extract`` takes it)."""

    def run(
        text: str | None = None,
        *,
        html: str | None = None,
        article_id: str = "t1",
        min_confidence: float | None = None,
    ) -> ExtractionResult:
        article = InputArticle(id=article_id, text=text, html=html)
        return extractor.extract(article, min_confidence=min_confidence)

    return run


@pytest.fixture
def rule_relations(nlp: Language) -> Callable[[str], list[RuleRelation]]:
    """The relationships the rules propose for a text, before the trained scorer's say:
    ``(type, source name, target name, attributes)``; not the co-mentions, no rule's."""

    def run(text: str) -> list[RuleRelation]:
        doc: Doc = nlp(text)
        proposals = nlp.get_pipe("ie_relations").propose(doc)  # type: ignore[attr-defined]
        return [
            (r.type, r.source.name, r.target.name, dict(r.attributes))
            for r in proposals
            if r.trigger != CO_MENTION
        ]

    return run


def contract_violations(result: ExtractionResult, text: str) -> list[str]:
    """Everything in ``result`` that breaks CONTRACT.md for an article whose text is ``text``:
    offsets, references, confidences and taxonomy identifiers. Empty when it is valid."""
    taxonomy = get_taxonomy()
    problems: list[str] = []

    def span(where: str, item: Any) -> None:
        if item is None:
            return
        if not 0 <= item.start <= item.end <= len(text):
            problems.append(f"{where}: [{item.start}:{item.end}] outside the text")
        elif text[item.start : item.end] != item.text:
            problems.append(
                f"{where}: text[{item.start}:{item.end}] is "
                f"{text[item.start : item.end]!r}, not {item.text!r}"
            )

    def confidence(where: str, value: float) -> None:
        if not 0.0 <= value <= 1.0:
            problems.append(f"{where}: confidence {value} outside [0, 1]")

    ids = [actor.id for actor in result.actors]
    if len(set(ids)) != len(ids):
        problems.append(f"duplicate actor ids {ids}")
    for actor in result.actors:
        if actor.type not in taxonomy.actor_types:
            problems.append(f"actor {actor.id}: unknown type {actor.type!r}")
        confidence(f"actor {actor.id}", actor.confidence)
        for mention in actor.mentions:
            span(f"actor {actor.id} mention", mention)
    for number, capability in enumerate(result.capabilities):
        where = f"capability {number}"
        if capability.category not in taxonomy.capability_categories:
            problems.append(f"{where}: unknown category {capability.category!r}")
        elif capability.market != taxonomy.market_of(capability.category):
            problems.append(f"{where}: market {capability.market!r} of {capability.category}")
        if capability.actor is not None and capability.actor not in ids:
            problems.append(f"{where}: unknown actor {capability.actor!r}")
        confidence(where, capability.confidence)
        for mention in capability.mentions:
            span(f"{where} mention", mention)
        span(f"{where} evidence", capability.evidence)
    for number, relationship in enumerate(result.relationships):
        where = f"relationship {number}"
        if relationship.type not in taxonomy.relationship_types:
            problems.append(f"{where}: unknown type {relationship.type!r}")
        for end in (relationship.source, relationship.target):
            if end not in ids:
                problems.append(f"{where}: unknown actor {end!r}")
        confidence(where, relationship.confidence)
        span(f"{where} evidence", relationship.evidence)
    return problems


@pytest.fixture
def check_contract() -> Callable[[ExtractionResult, str], list[str]]:
    """``check_contract(result, text)``: the list of contract violations (empty when valid)."""
    return contract_violations
