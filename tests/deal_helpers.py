"""A deal record built by hand on a doc the real pipeline made: the tests of what is read
around a deal need one between two given parties."""

from __future__ import annotations

from spacy.tokens import Doc

from ie_nlp.nlp.records import ActorRecord, RelationRecord


def actor_named(doc: Doc, name: str) -> ActorRecord:
    return next(a for a in doc._.ie_actors if a.name.startswith(name))


def deal_between(doc: Doc, type_id: str, source: str, target: str) -> RelationRecord:
    """A ``type_id`` deal stated by the first sentence that names both parties."""
    evidence = next(s for s in doc.sents if source in s.text and target in s.text)
    return RelationRecord(
        type_id, actor_named(doc, source), actor_named(doc, target), evidence, 0.9, ""
    )
