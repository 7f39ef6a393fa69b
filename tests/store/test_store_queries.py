"""List and profile queries: filters, pagination, coded errors."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from store_helpers import Article, actor_named

from ie_nlp.errors import ActorNotFoundError, UnknownIdentifierError
from ie_nlp.store import Store


@pytest.fixture
def filled(store: Store, sample: list[Article]) -> Store:
    for result, article in sample:
        store.ingest(result, article)
    return store


def test_pages_cover_every_actor_once(filled: Store) -> None:
    total = filled.counts()["actors"]
    seen: list[str] = []
    for offset in range(0, total + 7, 7):
        page = filled.list_actors(limit=7, offset=offset)
        assert page.total == total
        assert (page.limit, page.offset) == (7, offset)
        seen += [actor.id for actor in page.items]
    assert len(seen) == len(set(seen)) == total
    counts = [actor.articles for actor in filled.list_actors(limit=total).items]
    assert counts == sorted(counts, reverse=True)


def test_filters_by_type_capability_and_name(filled: Store) -> None:
    investors = filled.list_actors(type="investor", limit=500)
    assert investors.total == len(investors.items) > 0
    assert {actor.type for actor in investors.items} == {"investor"}
    # a parent category finds its sub-categories' holders too
    editing = {a.id for a in filled.list_actors(capability="gene_editing", limit=500).items}
    therapies = {a.id for a in filled.list_actors(capability="advanced_therapies", limit=500).items}
    assert editing and editing <= therapies
    profile = filled.actor_profile(sorted(editing)[0])
    assert "gene_editing" in {c.category for c in profile.capabilities}
    # case-insensitive substring of the name or an alias; LIKE wildcards are literal
    assert filled.list_actors(name="novartis").total == 1
    assert filled.list_actors(name="%").total == 0


def test_profile_lists_aliases_capabilities_and_ties(filled: Store) -> None:
    profile = filled.actor_profile(actor_named(filled, "Novartis"))
    assert profile.type == "large_pharma"
    assert profile.aliases and all(alias.reason for alias in profile.aliases)
    assert profile.relationships
    for tie in profile.relationships:
        assert profile.id in (tie.source.id, tie.target.id)
        assert tie.sources == len({e.article_id for e in tie.evidence}) >= 1
        assert all(e.sentence and e.title and e.published for e in tie.evidence)


def test_relationships_by_type_and_dates(filled: Store) -> None:
    everything = filled.relationships(limit=1000)
    assert everything.total == filled.counts()["relationships"]
    kinds = Counter(tie.type for tie in everything.items)
    assert len(kinds) > 1
    for kind, count in kinds.items():
        of_kind = filled.relationships(type=kind, limit=1000)
        assert of_kind.total == count and {r.type for r in of_kind.items} == {kind}
    since, until = date(2025, 1, 1), date(2025, 6, 30)
    window = filled.relationships(since=since, until=until, limit=1000)
    assert 0 < window.total < everything.total
    for tie in window.items:
        assert tie.evidence and all(since <= e.published <= until for e in tie.evidence)  # type: ignore[operator]
    last_seen = [tie.last_seen for tie in everything.items]
    assert last_seen == sorted(last_seen, reverse=True)  # type: ignore[type-var]


def test_unknown_identifiers_and_ids_are_coded_errors(store: Store) -> None:
    for call in (
        lambda: store.list_actors(type="pharma"),
        lambda: store.list_actors(capability="magic"),
        lambda: store.relationships(type="friendship"),
    ):
        with pytest.raises(UnknownIdentifierError) as caught:
            call()
        assert caught.value.code == "unknown_identifier"
    with pytest.raises(ActorNotFoundError) as missing:
        store.actor_profile("act_nope")
    assert missing.value.code == "actor_not_found"


def _with_status(article: Article, status: str, status_date: str | None) -> Article:
    """The article's real result, its acquisition's status set as a later or earlier article
    might report it."""
    result, source = article
    relationships = []
    for relationship in result.relationships:
        attributes = {k: v for k, v in relationship.attributes.items() if k not in {"date"}}
        if relationship.type == "acquisition":
            attributes["status"] = status
            if status_date:
                attributes["date"] = status_date
        relationships.append(relationship.model_copy(update={"attributes": attributes}))
    return result.model_copy(update={"relationships": relationships}), source


def test_a_deal_keeps_its_latest_status_and_every_change(
    store: Store, articles: dict[str, Article]
) -> None:
    # ingested out of order: the completion first, then the announcement dated before it
    store.ingest(*_with_status(articles["deal-2"], "completed", None))
    store.ingest(*_with_status(articles["deal-1"], "announced", "2025-01-10"))
    (deal,) = store.relationships(type="acquisition").items
    assert deal.status == "completed"
    assert [(c.status, c.date, c.article_id) for c in deal.status_history] == [
        ("announced", date(2025, 1, 10), "deal-1"),
        ("completed", date(2025, 6, 2), "deal-2"),  # no date in the text: the publication's
    ]
    (edge,) = [e for e in store.snapshot().edges if e.type == "acquisition"]
    assert edge.attributes["status"] == "completed"
    assert edge.attributes["status_history"] == ("announced:2025-01-10", "completed:2025-06-02")
