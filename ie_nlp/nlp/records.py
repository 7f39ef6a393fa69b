"""What the components leave on a ``Doc``: actors, capabilities and relationships, as spans of
the doc, before they become contract records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token


@dataclass
class ActorRecord:
    id: str
    kind: str  # "org" or "person"
    mentions: list[Span]
    name: str = ""
    type: str = "other_org"
    type_source: str = "default"
    confidence: float = 0.5
    gazetteer_id: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    # the actor filter's probability that this name is an actor; None where it did not judge
    filter_probability: float | None = None
    # the gazetteer entry's names: "U.S. FDA" is also "FDA" where another text or tool says so
    known_names: tuple[str, ...] = ()

    @property
    def surface_forms(self) -> list[str]:
        seen: dict[str, None] = {}
        for mention in self.mentions:
            seen.setdefault(_surface_form(mention), None)
        return list(seen)

    @property
    def aliases(self) -> list[str]:
        """Its other names: the article's forms, then the gazetteer's."""
        forms = dict.fromkeys((*self.surface_forms, *self.known_names))
        forms.pop(self.name, None)
        return list(forms)


def _surface_form(mention: Span) -> str:
    """The mention's words; an abbreviation's period that also ends the sentence is not part of
    the name ("… published by Gulf Coast Newspapers Inc. Gulf Coast is …" → "… Inc"), and
    words the scraped text glued together are apart ("Larner Collegeof Medicine" → "Larner
    College of Medicine"): only a split made them two tokens without a space."""
    text = " ".join(_spaced_words(mention).split())
    last = mention[-1]
    # "Inc." or "Corp.", not "S.A." or "N.V.", whose inner periods say the last one is theirs
    abbreviation = last.text.endswith(".") and last.text.count(".") == 1 and len(last) > 2
    if len(mention) > 1 and abbreviation and _ends_sentence(last):
        return text[:-1]
    return text


def _spaced_words(mention: Span) -> str:
    parts: list[str] = []
    for token in mention[:-1]:
        glued = not token.whitespace_ and token.is_alpha and token.nbor().is_alpha
        parts += [token.text, " " if glued else token.whitespace_]
    return "".join([*parts, mention[-1].text])


def _ends_sentence(token: Token) -> bool:
    """Whether the sentence ends after ``token``; a line break after it is the parser's last token
    of the sentence, so white space is skipped."""
    doc = token.doc
    index = token.i + 1
    while index < len(doc) and doc[index].is_space:
        index += 1
    return index == len(doc) or doc[index].is_sent_start is True


@dataclass
class CapabilityRecord:
    category: str
    actor: ActorRecord | None
    mentions: list[Span]
    evidence: Span
    confidence: float
    source: str  # "lexicon", "inn_stem" or "embedding"


@dataclass
class RelationRecord:
    type: str
    source: ActorRecord
    target: ActorRecord
    evidence: Span
    confidence: float
    trigger: str
    attributes: dict[str, Any] = field(default_factory=dict)


def register_extensions() -> None:
    """Doc attributes the components fill; idempotent so every pipeline build may call it."""
    for name in ("ie_actors", "ie_capabilities", "ie_relations", "ie_terms"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("ie_actor_at"):
        # token index -> actor, for the components that look up who a token belongs to
        Doc.set_extension("ie_actor_at", default=None)


def release(doc: Doc) -> None:
    """Drops what the components left on the doc. Their records hold spans of the doc, and a
    Doc takes no part in Python's cycle collection: kept, they would leak every doc."""
    for name in ("ie_actors", "ie_capabilities", "ie_relations", "ie_actor_at", "ie_terms"):
        setattr(doc._, name, None)


def actors_of(doc: Doc) -> list[ActorRecord]:
    return doc._.ie_actors or []


def actor_at(doc: Doc) -> dict[int, ActorRecord]:
    return doc._.ie_actor_at or {}
