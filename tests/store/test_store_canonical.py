"""Cross-article resolution in the store: aliases with reasons, contexts, and ``reresolve``
after the alias file changes (merges are reversible)."""

from __future__ import annotations

from pathlib import Path

from store_helpers import Article, OpenStore, actor_named, ingest_ids

from ie_nlp.store.canonical import CONTEXT_CHARS, mention_context
from ie_nlp.store.models import ArticleActor, CapabilityMention, RelationshipEvidence


def test_aliases_keep_the_reason_they_were_joined(
    open_store: OpenStore, articles: dict[str, Article]
) -> None:
    store = open_store()
    ingest_ids(store, articles, "deal-1", "deal-2")
    profile = store.actor_profile(actor_named(store, "Novartis"))
    reasons = {alias.alias: alias.reason for alias in profile.aliases}
    # the article's forms, and the gazetteer's name the extraction adds
    assert set(reasons) == {"Novartis AG", "Novartis", "Novartis Pharmaceuticals"}
    assert reasons["Novartis AG"] == "new actor"
    assert reasons["Novartis"] and reasons["Novartis"] != "new actor"
    assert profile.articles == 2


def test_reresolve_follows_the_alias_file_both_ways(
    open_store: OpenStore, articles: dict[str, Article], tmp_path: Path
) -> None:
    store = open_store()
    ingest_ids(store, articles, "deal-1", "collab-1")
    apart = store.counts()
    lumagen = actor_named(store, "Lumagen")
    assert store.relationships(type="research_collaboration").total == 1

    # the user declares two names one actor (say, after a renaming): a forced merge
    alias_file = tmp_path / "aliases.yaml"
    alias_file.write_text('same:\n  - ["Lumagen Bio", "Castellan Genomics"]\n', encoding="utf-8")
    report = open_store(alias_file=alias_file).reresolve()
    assert report.reassigned == 1
    assert report.actors == apart["actors"] - 1
    merged = store.actor_profile(lumagen)
    assert {a.alias: a.reason for a in merged.aliases}["Castellan Genomics"] == "alias file: same"
    # a collaboration of an actor with itself is no tie
    assert store.relationships(type="research_collaboration").total == 0
    assert store.relationships(type="acquisition").items[0].target.id == lumagen

    # and takes it back: the same replay gives the same ids and rows
    alias_file.write_text("same: []\n", encoding="utf-8")
    undone = open_store(alias_file=alias_file).reresolve()
    assert undone.reassigned == 1
    assert store.counts() == apart
    assert actor_named(store, "Lumagen") == lumagen
    assert store.relationships(type="research_collaboration").total == 1


def test_ingest_after_reopening_joins_stored_actors(
    open_store: OpenStore, articles: dict[str, Article]
) -> None:
    ingest_ids(open_store(), articles, "deal-1")
    reopened = open_store()  # a new resolver, primed from the stored actors
    ingest_ids(reopened, articles, "deal-2")
    assert reopened.list_actors(name="Novartis").total == 1
    assert reopened.relationships(type="acquisition").items[0].sources == 2


def test_context_is_the_actors_evidence_else_its_first_mention() -> None:
    text = "Intro. " * 40 + "Lumagen Bio makes vectors. " + "Filler. " * 40
    start = text.index("Lumagen")
    mentions = [{"start": start, "end": start + 11, "text": "Lumagen Bio"}]
    actor = ArticleActor(ref="a1", name="Lumagen Bio", mentions=mentions)
    tie = RelationshipEvidence(source_ref="a2", target_ref="a1", sentence="X  bought\nLumagen Bio.")
    other = RelationshipEvidence(source_ref="a2", target_ref="a3", sentence="Unrelated.")
    capability = CapabilityMention(actor_ref="a1", evidence="Lumagen Bio makes vectors.")
    assert mention_context(actor, [tie, other], [capability], text) == (
        "X bought Lumagen Bio. Lumagen Bio makes vectors."
    )
    window = mention_context(actor, [other], [], text)
    assert "Lumagen Bio makes vectors." in window
    assert len(window) <= CONTEXT_CHARS
    assert mention_context(actor, [], [], "") == ""
