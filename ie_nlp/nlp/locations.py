"""Where an organisation is, as its article says: the places (GPE entities) written next to one
of its mentions. Signals use them to tell a region's own actors from outside partners."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.records import ActorRecord

__all__ = ["assign_locations"]


def _place_after(doc: Doc, index: int, places: dict[int, Span]) -> list[Span]:
    """The place at ``index`` and one more after a comma ("Portland, Maine")."""
    place = places.get(index)
    if place is None:
        return []
    found = [place]
    if place.end + 1 < len(doc) and doc[place.end].text == ",":
        following = places.get(place.end + 1)
        if following is not None:
            found.append(following)
    return found


def _mention_places(
    doc: Doc, mention: Span, places: dict[int, Span], lexicons: Lexicons
) -> list[Span]:
    based = lexicons.location_based_words
    start, end = mention.start, mention.end
    # "Basel-based Acme", "a Boston-based biotech Acme": place, "-", "based" right before
    if start >= 2 and doc[start - 1].lower_ in based and doc[start - 2].text == "-":
        place = next((p for p in places.values() if p.end == start - 2), None)
        if place is not None:
            return [place]
    if end >= len(doc):
        return []
    following = doc[end]
    # "Coastal Bancorp of Portland, Maine", "Acme (Basel, Switzerland)"
    if following.lower_ in {"of", "("}:
        return _place_after(doc, end + 1, places)
    # "Acme, based in Basel", "Acme, a Boston-based company"
    window = doc[end : min(len(doc), end + lexicons.location_max_gap_tokens + 2)]
    for token in window:
        if token.lower_ in based and token.i + 1 < len(doc) and doc[token.i + 1].lower_ == "in":
            return _place_after(doc, token.i + 2, places)
        if token.lower_ in based and token.i >= 2 and doc[token.i - 1].text == "-":
            return [p for p in places.values() if p.end == token.i - 1]
        if token.ent_type_ == "ORG" and token.i >= end + 1:
            break  # another organisation's description begins
    return []


def assign_locations(doc: Doc, actors: list[ActorRecord], lexicons: Lexicons) -> None:
    """Sets ``attributes["locations"]`` (distinct place names, first seen first) on the
    organisations whose mentions the text places."""
    places = {ent.start: ent for ent in doc.ents if ent.label_ == "GPE"}
    if not places:
        return
    for actor in actors:
        if actor.kind != "org":
            continue
        found: dict[str, None] = {}
        for mention in actor.mentions:
            for place in _mention_places(doc, mention, places, lexicons):
                found.setdefault(" ".join(place.text.split()), None)
        if found:
            actor.attributes["locations"] = list(found)
