"""Who a sentence is about: the organisation a capability belongs to, and the antecedent of
"the company" / "it" / "we" in a sentence that names no organisation."""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ie_nlp.nlp.records import ActorRecord, actor_at, actors_of


def org_actors_in(sentence: Span) -> list[tuple[int, ActorRecord]]:
    """(token index, actor) of each organisation mention in the sentence, first token only."""
    index = actor_at(sentence.doc)
    found: list[tuple[int, ActorRecord]] = []
    previous: ActorRecord | None = None
    for token in sentence:
        actor = index.get(token.i)
        if actor is not None and actor.kind == "org" and actor is not previous:
            found.append((token.i, actor))
        previous = actor
    return found


def subject_actor(sentence: Span) -> ActorRecord | None:
    """The organisation named in the sentence's subject, if any."""
    index = actor_at(sentence.doc)
    for token in sentence:
        if token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ == "ROOT":
            for child in token.subtree:
                actor = index.get(child.i)
                if actor is not None and actor.kind == "org":
                    return actor
    return None


def has_anaphor(sentence: Span, anaphors: frozenset[str]) -> bool:
    return any(token.lower_ in anaphors for token in sentence)


class FocusTracker:
    """The organisation the text is currently about, updated sentence by sentence."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.current: ActorRecord | None = None
        self.age = 0

    def update(self, sentence: Span) -> ActorRecord | None:
        """Returns the focus *before* this sentence, then moves it."""
        before = self.current if self.age <= 3 else None
        subject = subject_actor(sentence) or next(
            (actor for _, actor in org_actors_in(sentence)), None
        )
        if subject is not None:
            self.current, self.age = subject, 0
        else:
            self.age += 1
        return before


def nearest_org(sentence: Span, position: int, types: frozenset[str]) -> ActorRecord | None:
    """The subject organisation, or else the organisation mentioned nearest to ``position``,
    among organisations of the given types."""
    orgs = [(i, actor) for i, actor in org_actors_in(sentence) if actor.type in types]
    if not orgs:
        return None
    subject = subject_actor(sentence)
    if subject is not None and subject.type not in types:
        subject = None
    if subject is not None and len({id(a) for _, a in orgs}) > 1:
        return subject
    return min(orgs, key=lambda item: (abs(item[0] - position), item[0] > position))[1]


def main_org(doc: Doc) -> ActorRecord | None:
    """The organisation the article is about: the most mentioned one (earliest on a tie),
    leaving out regulators and funders, which releases mention without being about them."""
    orgs = [
        a for a in actors_of(doc) if a.kind == "org" and a.type not in {"public_body", "investor"}
    ]
    if not orgs:
        return None
    return max(orgs, key=lambda a: (len(a.mentions), -a.mentions[0].start))


def holder_candidates(sentence: Span, types: frozenset[str]) -> list[ActorRecord]:
    """Distinct organisations of the given types in the sentence, leaving out those named only
    in a person's title ("said Jane Doe, president, Merck Research Laboratories")."""
    index = actor_at(sentence.doc)
    found: list[ActorRecord] = []
    for position, actor in org_actors_in(sentence):
        if actor.type not in types or actor in found:
            continue
        window = sentence.doc[max(sentence.start, position - 8) : position]
        if any(index.get(t.i) is not None and index[t.i].kind == "person" for t in window):
            continue
        found.append(actor)
    return found
