"""``Store.ingest``: idempotent, replacing on change, aggregating ties across articles."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select
from store_helpers import Article, actor_named, ingest_ids

from ie_nlp.errors import InvalidResultError
from ie_nlp.store import Store
from ie_nlp.store.models import Base


def row_counts(store: Store) -> dict[str, int]:
    with store.session() as session:
        return {
            name: session.scalar(select(func.count()).select_from(table)) or 0
            for name, table in Base.metadata.tables.items()
        }


def test_same_article_twice_changes_nothing(store: Store, sample: list[Article]) -> None:
    for result, article in sample:
        assert store.ingest(result, article).status == "new"
    before = row_counts(store)
    snapshot = store.snapshot()
    for result, article in sample:
        # a re-run of the extraction differs only in its timings
        rerun = result.model_copy(update={"meta": {**result.meta, "seconds": 99.0}})
        report = store.ingest(rerun, article)
        assert report.status == "unchanged"
        assert (report.new_actors, report.relationships) == (0, 0)
    assert row_counts(store) == before
    assert store.snapshot() == snapshot
    assert before["articles"] == len(sample)
    assert before["relationships"] > 0


def test_changed_result_replaces_the_article(store: Store, articles: dict[str, Article]) -> None:
    ingest_ids(store, articles, "deal-1", "collab-1")
    before = store.counts()
    result, article = articles["collab-1"]
    ties = len(result.relationships)  # its own ties: deal-1 names other actors
    assert ties >= 1
    without_ties = result.model_copy(update={"relationships": []})
    assert store.ingest(without_ties, article).status == "replaced"
    after = store.counts()
    assert after["articles"] == before["articles"]
    assert after["relationships"] == before["relationships"] - ties
    assert after["evidence"] == before["evidence"] - ties
    # the original result again restores exactly the earlier state
    assert store.ingest(result, article).status == "replaced"
    assert store.counts() == before


def test_replacing_drops_actors_no_article_names_any_more(
    store: Store, articles: dict[str, Article]
) -> None:
    ingest_ids(store, articles, "merck-1")
    result, article = articles["merck-1"]
    harpoon = next(actor for actor in result.actors if "Harpoon" in actor.name)
    fewer = result.model_copy(
        update={
            "actors": [a for a in result.actors if a.id != harpoon.id],
            "relationships": [],
            "capabilities": [c for c in result.capabilities if c.actor != harpoon.id],
        }
    )
    store.ingest(fewer, article)
    assert store.list_actors(name="Harpoon").total == 0
    assert store.counts()["relationships"] == 0


def test_two_articles_on_one_deal_make_one_edge(store: Store, articles: dict[str, Article]) -> None:
    first, first_article = articles["deal-1"]
    second, second_article = articles["deal-2"]
    surer = second.model_copy(
        update={
            "relationships": [
                r.model_copy(update={"confidence": 0.93}) for r in second.relationships
            ]
        }
    )
    store.ingest(first, first_article)
    store.ingest(surer, second_article)
    page = store.relationships(type="acquisition")
    assert page.total == 1
    edge = page.items[0]
    assert (edge.source.id, edge.target.id) == (
        actor_named(store, "Novartis"),
        actor_named(store, "Lumagen"),
    )
    assert edge.sources == 2
    assert str(edge.first_seen) == "2025-03-03"
    assert str(edge.last_seen) == "2025-06-02"
    assert edge.confidence == pytest.approx(0.93)
    assert sorted(e.article_id for e in edge.evidence) == ["deal-1", "deal-2"]
    assert all(e.attributes.get("amount") == 1_100_000_000 for e in edge.evidence)


def test_undirected_ties_keep_the_smaller_id_as_source(
    store: Store, articles: dict[str, Article]
) -> None:
    ingest_ids(store, articles, "collab-1", "collab-2")
    page = store.relationships(type="research_collaboration")
    assert page.total == 1
    edge = page.items[0]
    assert not edge.directed
    assert edge.source.id < edge.target.id
    assert edge.sources == 2
    assert {edge.source.name, edge.target.name} == {"Castellan Genomics", "Lumagen Bio"}


def test_merck_and_merck_kgaa_stay_apart(store: Store, articles: dict[str, Article]) -> None:
    ingest_ids(store, articles, "merck-1", "merck-2")
    mercks = store.list_actors(name="Merck").items
    assert len(mercks) == 2, [m.name for m in mercks]
    assert len({m.id for m in mercks}) == 2
    # each Merck keeps its own deal: the acquisition of Harpoon, the licence with Castellan
    parties = {
        end
        for r in store.relationships().items
        if r.type in {"acquisition", "licensing"}
        for end in (r.source.id, r.target.id)
    }
    assert {m.id for m in mercks} <= parties


def test_a_record_that_is_no_result_is_refused(store: Store) -> None:
    with pytest.raises(InvalidResultError) as caught:
        store.ingest({"id": "x", "actors": [{"id": "a1", "type": "biotech"}]})
    assert caught.value.code == "invalid_result"
    assert "actors.0.name" in caught.value.message
    assert store.counts()["articles"] == 0


def test_metadata_comes_from_the_input_article_and_terms_from_the_result(
    store: Store, articles: dict[str, Article]
) -> None:
    result, article = articles["deal-1"]
    assert result.terms, "the pipeline finds the article's noun-phrase terms"
    store.ingest(result)  # without the article: no date
    assert store.snapshot().articles == (("deal-1", None, frozenset(result.terms)),)
    assert store.ingest(result, article).status == "replaced"
    ((article_id, published, terms),) = store.snapshot().articles
    assert (article_id, str(published)) == ("deal-1", "2025-03-03")
    assert terms == frozenset(result.terms)


def test_an_actor_takes_the_type_most_of_its_articles_give(
    store: Store, articles: dict[str, Article]
) -> None:
    """One article's typing slip does not decide the type of an actor many articles name."""
    result, article = articles["collab-1"]
    name = "Castellan Genomics"
    slipped = result.model_copy(
        update={
            "actors": [
                actor.model_copy(update={"type": "hospital"}) if actor.name == name else actor
                for actor in result.actors
            ]
        }
    )
    store.ingest(slipped, article)
    assert store.actor_profile(actor_named(store, name)).type == "hospital"  # one vote so far
    ingest_ids(store, articles, "collab-2", "merck-2")  # two more articles call it a biotech
    profile = store.actor_profile(actor_named(store, name))
    assert profile.type == "biotech"
