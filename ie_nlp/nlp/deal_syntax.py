"""What the dependency parse says about the organisations of a deal sentence: which words
govern a name, the preposition that introduces it, who owns or sells what, and who is a verb's
subject. Read by ``ie_nlp.nlp.relation_rules``."""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ie_nlp.nlp.records import ActorRecord, actor_at

__all__ = [
    "coordinated",
    "governs",
    "marker",
    "names_object",
    "noun_phrase_head",
    "owner_and_unit",
    "owns_named",
    "subject_of",
]

MAX_HEAD_STEPS = 6


def governs(trigger: Token, token: Token) -> bool:
    """Whether the trigger is among the mention's nearest syntactic heads; a trigger noun that
    is a verb's object counts with its verb ("completed the sale of X to Y")."""
    anchors = {trigger.i}
    if trigger.pos_ == "NOUN" and trigger.dep_ == "dobj":
        anchors.add(trigger.head.i)
    for _ in range(MAX_HEAD_STEPS):
        if token.i in anchors:
            return True
        if token.head == token:
            return False
        token = token.head
    return False


_NOUN_PHRASE_DEPS = {"compound", "amod", "nmod", "poss", "appos", "det", "nummod"}


def owner_and_unit(
    first: tuple[int, ActorRecord], second: tuple[int, ActorRecord], unit_noun: Token
) -> tuple[ActorRecord, ActorRecord] | None:
    """(owner, unit) for "Acme, a wholly owned subsidiary of Beta" and "Beta's wholly owned
    subsidiary, Acme": the phrase relates only the unit named beside it to another actor."""
    doc = unit_noun.doc
    for unit, owner in ((first, second), (second, first)):
        head = noun_phrase_head(doc[unit[0]])
        if (head.dep_ == "appos" and head.head == unit_noun) or (
            unit_noun.dep_ == "appos" and unit_noun.head == head
        ):
            return owner[1], unit[1]
    return None


def noun_phrase_head(token: Token) -> Token:
    while token.dep_ == "compound" and token.head != token:
        token = token.head
    return token


def marker(doc: Doc, position: int, unit_nouns: frozenset[str]) -> str:
    """The preposition that introduces a mention: the word right before it ("by Novartis"), or
    the one whose object holds it ("by privately-held Calmark", "to an Exxon Corp unit"), also
    through a unit of it ("from the Canadian subsidiary of Rothmans": "from")."""
    if position > 0 and doc[position - 1].pos_ == "ADP" and doc[position - 1].lower_ != "of":
        return doc[position - 1].lower_
    token = doc[position]
    for _ in range(MAX_HEAD_STEPS):
        if token.dep_ == "pobj":
            preposition = token.head
            if preposition.lower_ == "of" and preposition.head.lemma_.lower() in unit_nouns:
                token = preposition.head
                continue
            return preposition.lower_
        if token.dep_ not in _NOUN_PHRASE_DEPS or token.head == token:
            break
        token = token.head
    return ""


def owns_named(doc: Doc, position: int) -> bool:
    """Whether the mention is the possessor of another named actor ("Triton Energy Corp's
    wholly owned subsidiary, Triton Petroleum Ltd", "Trimac Ltd's stake in Tricil Ltd"): the
    seller, not what is sold."""
    token = noun_phrase_head(doc[position])
    if token.dep_ != "poss":
        return False
    owner = actor_at(doc).get(position)
    possessed = token.head
    named = [possessed]
    for child in possessed.children:
        if child.dep_ in {"appos", "prep"}:
            named.extend(child.subtree)
    return any(actor_at(doc).get(t.i) not in (None, owner) for t in named)


def names_object(trigger: Token, parties: tuple[ActorRecord, ...]) -> bool:
    """Whether the trigger's object ("sold its unit Y", "sale of Y", "merged its unit Y")
    names an actor other than the parties."""
    at = actor_at(trigger.doc)
    for child in trigger.children:
        if child.dep_ == "dobj" or (child.dep_ == "prep" and child.lower_ == "of"):
            named = (at.get(t.i) for t in child.subtree)
            if any(a is not None and all(a is not p for p in parties) for a in named):
                return True
    return False


def coordinated(doc: Doc, first: int, second: int) -> bool:
    """Whether two mentions are members of one coordination ("A, B and C")."""
    a, b = noun_phrase_head(doc[first]), noun_phrase_head(doc[second])
    node = b
    for _ in range(6):
        if node.dep_ != "conj" or node.head == node:
            break
        node = node.head
        if node == a:
            return True
    return False


def subject_of(verb: Token) -> Token | None:
    """The active subject of a verb, also through "agreed to buy" and "bought and merged"."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            return subject
        if verb.dep_ not in {"xcomp", "conj"} or verb.head == verb:
            return None
        verb = verb.head
    return None
