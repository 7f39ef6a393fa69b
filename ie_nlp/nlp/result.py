"""A processed ``Doc`` as the contract's extraction result."""

from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Span

from ie_nlp.schema import Actor, Capability, ExtractionResult, Relationship
from ie_nlp.schema import Span as SpanRecord
from ie_nlp.taxonomy import get_taxonomy


class _Spans:
    """Spans as records whose ``text`` is sliced from the article's own text (the doc's text
    may differ from it by unwrapped line breaks, never by length)."""

    def __init__(self, text: str) -> None:
        self.text = text

    def span(self, span: Span) -> SpanRecord:
        start, end = span.start_char, span.end_char
        return SpanRecord(start=start, end=end, text=self.text[start:end])

    def sentence(self, span: Span) -> SpanRecord:
        """The sentence without the line breaks and markup around it."""
        tokens = [t for t in span if not t.is_space]
        if not tokens:
            return self.span(span)
        return self.span(span.doc[tokens[0].i : tokens[-1].i + 1])


def doc_to_result(doc: Doc, text: str, article_id: str, meta: dict[str, Any]) -> ExtractionResult:
    taxonomy = get_taxonomy()
    spans = _Spans(text)
    actors = []
    for actor in doc._.ie_actors or []:
        attributes = dict(actor.attributes)
        attributes["type_source"] = actor.type_source
        if actor.gazetteer_id:
            attributes["gazetteer_name"] = actor.gazetteer_id
        actors.append(
            Actor(
                id=actor.id,
                name=actor.name,
                type=actor.type,
                aliases=actor.aliases,
                mentions=[spans.span(m) for m in actor.mentions],
                attributes=attributes,
                confidence=round(actor.confidence, 3),
            )
        )
    capabilities = [
        Capability(
            category=record.category,
            market=taxonomy.market_of(record.category),
            actor=record.actor.id if record.actor else None,
            mentions=[spans.span(m) for m in record.mentions],
            evidence=spans.sentence(record.evidence),
            confidence=round(record.confidence, 3),
            source=record.source,
        )
        for record in doc._.ie_capabilities or []
    ]
    relationships = [
        Relationship(
            type=record.type,
            source=record.source.id,
            target=record.target.id,
            confidence=round(record.confidence, 3),
            evidence=spans.sentence(record.evidence),
            attributes=record.attributes,
            trigger=record.trigger,
        )
        for record in doc._.ie_relations or []
    ]
    return ExtractionResult(
        id=article_id,
        actors=actors,
        capabilities=capabilities,
        relationships=relationships,
        terms=list(doc._.ie_terms or []),
        meta=meta,
    )
