"""``Store.snapshot``: the graph layer's view of the store, optionally for a date range."""

from __future__ import annotations

from datetime import date

from store_helpers import Article, actor_named, ingest_ids

from ie_nlp.store import Store


def test_snapshot_holds_actors_edges_capabilities_and_texts(
    store: Store, articles: dict[str, Article]
) -> None:
    ingest_ids(store, articles, "deal-1", "deal-2", "collab-1", "collab-2")
    snapshot = store.snapshot()
    assert {node.id for node in snapshot.actors} == {a.id for a in store.list_actors().items}
    novartis = next(node for node in snapshot.actors if node.id == actor_named(store, "Novartis"))
    assert novartis.articles == 2
    assert (str(novartis.first_seen), str(novartis.last_seen)) == ("2025-03-03", "2025-06-02")
    assert novartis.aliases == ("Novartis",) or novartis.name == "Novartis"
    by_type = {edge.type: edge for edge in snapshot.edges}
    assert by_type["acquisition"].sources == 2 and by_type["acquisition"].directed
    assert by_type["acquisition"].attributes["amount"] == 1_100_000_000
    collaboration = by_type["research_collaboration"]
    assert not collaboration.directed and collaboration.source < collaboration.target
    assert {a for a, _, _ in snapshot.articles} == {"deal-1", "deal-2", "collab-1", "collab-2"}
    assert all(c.published is not None for c in snapshot.capabilities)


def test_date_range_keeps_what_articles_in_it_reported(
    store: Store, articles: dict[str, Article]
) -> None:
    ingest_ids(store, articles, "deal-1", "deal-2", "collab-1", "collab-2")
    spring = store.snapshot(since=date(2025, 3, 15), until=date(2025, 6, 30))
    assert {a for a, _, _ in spring.articles} == {"deal-2", "collab-1"}
    acquisition = next(edge for edge in spring.edges if edge.type == "acquisition")
    assert [o.article_id for o in acquisition.observations] == ["deal-2"]
    assert {o.article_id for o in spring.capabilities} <= {"deal-2", "collab-1"}
    assert all(node.articles >= 1 for node in spring.actors)
    # first and last seen stay the store's, so "new in the range" can be told
    novartis = next(n for n in spring.actors if n.id == actor_named(store, "Novartis"))
    assert str(novartis.first_seen) == "2025-03-03"
    empty = store.snapshot(since=date(2030, 1, 1))
    assert (empty.actors, empty.edges, empty.capabilities, empty.articles) == ((), (), (), ())
