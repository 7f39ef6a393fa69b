"""Relationship candidates between the organisations of a sentence: each pair takes the type
and direction of the nearest trigger that relates them (``ie_nlp.nlp.relation_rules``)."""

from __future__ import annotations

from spacy.tokens import Span

from ie_nlp.nlp.deal_syntax import coordinated, governs
from ie_nlp.nlp.records import ActorRecord
from ie_nlp.nlp.relation_rules import MAX_TRIGGER_DISTANCE, PairCandidate, Trigger, TriggerIndex
from ie_nlp.taxonomy import get_taxonomy

__all__ = ["pair_candidates"]


def pair_candidates(
    sentence: Span,
    mentions: list[tuple[int, ActorRecord]],
    triggers: list[Trigger],
    index: TriggerIndex,
) -> list[PairCandidate]:
    """One candidate per pair of organisations: of all their mentions' pairings, the one with
    the nearest unhedged trigger ("A and B announced an agreement for A to acquire B")."""
    triggers = [t for t in triggers if not index.is_hedged(sentence, t)]
    if not triggers:
        return []
    best: dict[tuple[str, str], tuple[tuple[int, int], PairCandidate]] = {}
    positions = dict(mentions)
    agents = {id(t): index.agent(t.type, t, sentence.doc, positions) for t in triggers}
    crowded = len({id(actor) for _, actor in mentions}) > 2
    for i, first in enumerate(mentions):
        for second in mentions[i + 1 :]:
            if first[1] is second[1]:
                continue
            key = (min(first[1].id, second[1].id), max(first[1].id, second[1].id))
            found = _pair_candidate(sentence, first, second, triggers, index, agents, crowded)
            if found is not None and (key not in best or found[0] < best[key][0]):
                best[key] = found
    return [candidate for _, candidate in best.values()]


def _pair_candidate(
    sentence: Span,
    first: tuple[int, ActorRecord],
    second: tuple[int, ActorRecord],
    triggers: list[Trigger],
    index: TriggerIndex,
    agents: dict[int, ActorRecord | None],
    crowded: bool,
) -> tuple[tuple[int, int], PairCandidate] | None:
    """The candidate of one pairing of two mentions, ranked by (trigger distance, type
    priority), from the nearest trigger that relates them."""
    low, high = first[0], second[0]

    def distance(t: Trigger) -> int:
        if low <= t.start <= high:
            return 0
        return min(abs(t.start - low), abs(t.start - high))

    near = [t for t in triggers if distance(t) <= MAX_TRIGGER_DISTANCE]
    if crowded:
        # in a crowded sentence only a trigger between the two names, or one that governs both
        # ("sold Delhi, which holds … Santos …, to an Exxon Corp unit"), links them
        doc = sentence.doc
        near = [
            t
            for t in near
            if distance(t) == 0
            or (governs(doc[t.start], doc[low]) and governs(doc[t.start], doc[high]))
        ]
    in_a_list = bool(near) and coordinated(sentence.doc, first[0], second[0])
    for trigger in sorted(near, key=lambda t: (distance(t), index.priority.get(t.type, 99))):
        if in_a_list and get_taxonomy().is_directed(trigger.type):
            continue  # "Janssen, Merck and Otsuka": list members, not a deal
        absorbed = index.absorbed(trigger, first, second, sentence.doc)
        if absorbed is not None:
            type_id, source, target = absorbed
        else:
            type_id = trigger.type
            directed = index.direct(type_id, first, second, trigger, sentence.doc)
            if directed is None:
                continue
            source, target = directed
            agent = agents[id(trigger)]
            if agent is not None and agent not in (source, target):
                continue  # the verb's subject acquires, not these two
            if agent is target:
                source, target = target, source
        if index.allows(type_id, source, target):
            rank = (distance(trigger), index.priority.get(type_id, 99))
            return rank, PairCandidate(type_id, first, second, trigger, source, target)
    return None
