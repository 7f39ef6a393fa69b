"""Deal candidates for the learned relationship model: every pair of organisations a sentence
names (the previous subject standing in for "the company"/"it"; deal advisers and merger
subsidiaries left out, ``deal_bystanders``), and each organisation of a
sentence paired with the organisation the text is about when the sentence leaves it implicit
("… supported with grant funding from NIAID"), with what the trigger rules say about the pair
and the pair's features (``pair_features``).

The rules (``relation_pairs``) propose a type and a direction only where a trigger relates two
names; here they are one feature among the words between the names, the dependency path, the
actor types and the zone of the text, so that the model, not the rules, decides."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ie_nlp.nlp.deal_syntax import coordinated
from ie_nlp.nlp.dependency_paths import dependency_path, list_head, mention_root
from ie_nlp.nlp.holders import FocusTracker, main_org, org_actors_in, subject_actor
from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.records import ActorRecord, actor_at
from ie_nlp.nlp.relation_pairs import pair_candidates
from ie_nlp.nlp.relation_rules import PairCandidate, Trigger, TriggerIndex
from ie_nlp.nlp.text_zones import Zoning

MAX_BETWEEN_WORDS = 12


@dataclass
class DealPair:
    """Two organisations of one sentence, ``first`` mentioned before ``second``."""

    sentence: Span
    number: int  # the sentence's position in the article, 0 for the first (the headline)
    first: tuple[int, ActorRecord]  # (token index, actor); an anaphor's index for the focus
    second: tuple[int, ActorRecord]
    anaphoric: bool
    rule: PairCandidate | None
    triggers: list[Trigger]
    implicit: bool = False  # ``first`` is the text's topic, not named in the sentence
    zones: frozenset[str] = frozenset()  # headline, lead, about, legal, contact


def sentence_mentions(
    sentence: Span, focus: ActorRecord | None, anaphors: frozenset[str]
) -> tuple[list[tuple[int, ActorRecord]], bool]:
    """The organisation mentions of a sentence, in order, and whether "the company"/"it" was
    read as ``focus`` (the organisation the text was about before this sentence)."""
    mentions = org_actors_in(sentence)
    if (
        focus is None
        or any(actor is focus for _, actor in mentions)
        or subject_actor(sentence) is not None
    ):
        return mentions, False
    anaphor = next((t.i for t in sentence if t.lower_ in anaphors), None)
    if anaphor is None:
        return mentions, False
    return sorted([*mentions, (anaphor, focus)], key=lambda m: m[0]), True


def deal_pairs(doc: Doc, index: TriggerIndex, lexicons: Lexicons) -> Iterator[DealPair]:
    """Each pair of distinct organisations per sentence, at their closest mentions."""
    triggers = index.triggers_by_sentence(doc)
    focus = FocusTracker(doc)
    main = main_org(doc)
    zoning = Zoning(lexicons.text_zones)
    bystanders = lexicons.deal_bystanders.of(doc, doc._.ie_actors or [])
    if main is not None and main.id in bystanders:
        main = None
    for number, sentence in enumerate(doc.sents):
        before = focus.update(sentence)
        if before is not None and before.id in bystanders:
            before = None  # "it" and an implicit party never stand for an adviser
        zones = zoning.zones(sentence, number)
        mentions, anaphoric = sentence_mentions(sentence, before, lexicons.anaphors)
        mentions = [m for m in mentions if m[1].id not in bystanders]
        here = triggers.get(sentence.start, [])
        topic = before or main
        named = {id(actor): (position, actor) for position, actor in reversed(mentions)}
        if topic is not None and not anaphoric and id(topic) not in named:
            for mention in sorted(named.values(), key=lambda m: m[0]):
                topical = (sentence.start, topic)
                yield DealPair(sentence, number, topical, mention, False, None, here, True, zones)
        if len(named) < 2:
            continue
        rules = {
            _key(c.first[1], c.second[1]): c
            for c in (pair_candidates(sentence, mentions, here, index) if here else [])
        }
        closest: dict[tuple[str, str], tuple[int, tuple[int, ActorRecord], tuple[int, ActorRecord]]]
        closest = {}
        for i, first in enumerate(mentions):
            for second in mentions[i + 1 :]:
                if first[1] is second[1]:
                    continue
                key = _key(first[1], second[1])
                gap = second[0] - first[0]
                if key not in closest or gap < closest[key][0]:
                    closest[key] = (gap, first, second)
        for key, (_, first, second) in closest.items():
            rule = rules.get(key)
            yield DealPair(sentence, number, first, second, anaphoric, rule, here, False, zones)


def _key(a: ActorRecord, b: ActorRecord) -> tuple[str, str]:
    return (a.id, b.id) if a.id <= b.id else (b.id, a.id)


def pair_features(pair: DealPair, index: TriggerIndex) -> dict[str, float]:
    """Sparse features of a pair; directions are relative to mention order ("fwd": the first
    named is the source)."""
    doc = pair.sentence.doc
    (i, first), (j, _) = pair.first, pair.second
    # No actor types: with them the model learnt who makes deals in biopharma news (large
    # pharma buys biotechs) more than what the sentence says, and missed other industries'
    # deals (Reuters acquisitions F1 0.01 with types, 0.43 without; gold dev deals 0.42, 0.41).
    features: dict[str, float] = {
        "crowd": min(len({id(x) for _, x in org_actors_in(pair.sentence)}), 10) / 10.0,
    }
    features.update({f"zone={zone}": 1.0 for zone in pair.zones})
    judged = [
        actor.filter_probability
        for actor in (first, pair.second[1])
        if actor.filter_probability is not None
    ]
    if judged:
        # a name the actor filter barely kept is a weak party to any deal
        features["doubtful_party"] = 1.0 - min(judged)
    for trigger in pair.triggers:
        features[f"trig={trigger.type}"] = 1.0
        features[f"trig_word={trigger.text.lower()}"] = 1.0
        if index.is_hedged(pair.sentence, trigger):
            features["hedged"] = 1.0
    if pair.implicit:
        root = list_head(mention_root(doc, j))
        features.update(
            {"implicit": 1.0, f"dep2={root.dep_}": 1.0, f"head2={root.head.lemma_.lower()}": 1.0}
        )
        if root.head.dep_ in {"prep", "agent"}:
            features[f"prep2={root.head.lower_}"] = 1.0
            features[f"head2={root.head.head.lemma_.lower()}"] = 1.0
        return features
    features["gap"] = min(j - i, 40) / 40.0
    if pair.rule is not None:
        direction = "fwd" if pair.rule.source is first else "rev"
        features[f"rule={pair.rule.type}"] = 1.0
        features[f"rule_dir={pair.rule.type}:{direction}"] = 1.0
    for trigger in pair.triggers:
        if i < trigger.start < j:
            features[f"trig_between={trigger.type}"] = 1.0
    named = actor_at(doc)
    between = [t for t in doc[i + 1 : j] if t.i not in named]
    for token in between[:MAX_BETWEEN_WORDS]:
        if token.is_alpha and not token.is_stop:
            features[f"between={token.lemma_.lower()}"] = 1.0
    first_root, second_root = mention_root(doc, i), mention_root(doc, j)
    if list_head(first_root) != list_head(second_root):
        # a list's later members ("investors A, B and C") are read where the list stands, so
        # that they share the first member's path to the other party
        first_root, second_root = list_head(first_root), list_head(second_root)
    features[f"dep1={first_root.dep_}"] = 1.0
    features[f"dep2={second_root.dep_}"] = 1.0
    for name, root in (("prep1", first_root), ("prep2", second_root)):
        if root.head.dep_ in {"prep", "agent"}:
            features[f"{name}={root.head.lower_}"] = 1.0
    path, top = dependency_path(first_root, second_root)
    if top is not None:
        features[f"path={path}"] = 1.0
        features[f"lca={top.lemma_.lower()}"] = 1.0
    if pair.anaphoric:
        features["anaphor"] = 1.0
    if coordinated(doc, i, j):
        features["list"] = 1.0
    if any(t.like_num and t.i > 0 and doc[t.i - 1].text in "$€£" for t in pair.sentence):
        features["money"] = 1.0
    return features
