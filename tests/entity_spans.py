"""A doc's entities set by hand, for tests of the steps that reshape them into names."""

from __future__ import annotations

from spacy.tokens import Doc, Span


def labelled(doc: Doc, *names: tuple[str, str] | tuple[str, str, str]) -> list[Span]:
    """The doc with these (text, label) or (text, label, id) spans as its entities, in order
    (each text's first occurrence)."""
    spans = []
    for text, label, *span_id in names:
        start = doc.text.index(text)
        span = doc.char_span(start, start + len(text), label=label)
        assert span is not None, text
        spans.append(Span(doc, span.start, span.end, label=label, span_id="".join(span_id)))
    doc.ents = spans
    return spans
