"""Who holds each capability an article names: every (category, holder) pair worth asking,
nobody included, with what the text says of the pair, for the learned holder model
(``CapabilityHolderModel``). The rules' own choice is one of the features."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ie_nlp.nlp.dependency_paths import arcs_up, dependency_path, mention_root
from ie_nlp.nlp.holders import (
    FocusTracker,
    has_anaphor,
    holder_candidates,
    main_org,
    nearest_org,
    subject_actor,
)
from ie_nlp.nlp.records import ActorRecord, actor_at, actors_of
from ie_nlp.nlp.text_zones import Zoning

Mention = tuple[str, Span, str]  # (category, span, source)
CLOSE, NEAR = 3, 10  # tokens between holder and mention
SHORT_PATH = 4


@dataclass
class HolderCandidate:
    """One (category, holder) pair of an article; ``holder`` None asks whether nobody named
    holds the category."""

    category: str
    holder: ActorRecord | None
    mentions: list[Span]
    evidence: Span
    source: str
    features: dict[str, float] = field(default_factory=dict)

    def add(self, span: Span, source: str, features: dict[str, float], local: bool) -> None:
        """One more mention of the category: its sentence becomes the evidence if it is the
        first to name the holder; only mentions that name it are kept once one does."""
        first_local = local and not self.features.get("local")
        if not self.mentions or first_local:
            self.evidence, self.source = span.sent, source
            if first_local:
                self.mentions = []
        if (local or not self.mentions) and span not in self.mentions:
            self.mentions.append(span)
        for name, value in features.items():
            self.features[name] = max(value, self.features.get(name, 0.0))
        if local:
            self.features["local_mentions"] = self.features.get("local_mentions", 0.0) + 1.0


def capability_candidates(
    doc: Doc,
    mentions: Iterable[Mention],
    rule_keys: set[tuple[str, str | None]],
    holder_types: frozenset[str],
    anaphors: frozenset[str],
    zone_cues: dict[str, tuple[str, ...]],
) -> list[HolderCandidate]:
    """The candidate pairs of a doc, from its capability mentions: for each mention the
    organisations of its sentence, the one the text was about before it, the article's main
    organisation and nobody; then every other organisation of the article, for each
    category."""
    by_sentence: dict[int, list[Mention]] = {}
    mentions_of: dict[str, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention[1].sent.start, []).append(mention)
        mentions_of.setdefault(mention[0], []).append(mention)
    main = main_org(doc)
    holders = [a for a in actors_of(doc) if a.kind == "org" and a.type in holder_types]
    total_org_mentions = max(1, sum(len(a.mentions) for a in holders))
    candidates: dict[tuple[str, str | None], HolderCandidate] = {}
    focus, zoning = FocusTracker(doc), Zoning(zone_cues)
    for number, sentence in enumerate(doc.sents):
        before = focus.update(sentence)
        zones = zoning.zones(sentence, number)
        found = by_sentence.get(sentence.start)
        if not found:
            continue
        context = _SentenceContext(sentence, holder_types, anaphors, before, main, zones)
        for category, span, source in found:
            for holder, features, local in context.pairs(category, span, source):
                key = (category, holder.id if holder else None)
                features["rule"] = float(key in rule_keys)
                candidate = candidates.setdefault(
                    key, HolderCandidate(category, holder, [], span.sent, source)
                )
                candidate.add(span, source, features, local)
    for actor in holders:
        for category, found in mentions_of.items():
            if (category, actor.id) not in candidates:
                candidates[(category, actor.id)] = _named_elsewhere(found[0], actor, main)
    asked: dict[str, int] = {}
    for category, _ in candidates:
        asked[category] = asked.get(category, 0) + 1
    for candidate in candidates.values():
        features = candidate.features
        features["holders_asked"] = math.log1p(asked[candidate.category])
        features["category_mentions"] = math.log1p(len(mentions_of[candidate.category]))
        features["local_mentions"] = math.log1p(features.get("local_mentions", 0.0))
        if candidate.holder is not None:
            features["holder_share"] = len(candidate.holder.mentions) / total_org_mentions
    return list(candidates.values())


def _named_elsewhere(
    first: Mention, holder: ActorRecord, main: ActorRecord | None
) -> HolderCandidate:
    """A pair whose holder is never named near the category: the article may still say it
    holds it, as its subject or in its "About" paragraph."""
    category, span, source = first
    features = {"elsewhere": 1.0, f"type={holder.type}": 1.0, f"cat={category}": 1.0}
    if holder is main:
        features["main_absent"] = 1.0
    return HolderCandidate(category, holder, [span], span.sent, source, features)


class _SentenceContext:
    """What one sentence says about the organisations in it, computed once for its mentions."""

    def __init__(
        self,
        sentence: Span,
        holder_types: frozenset[str],
        anaphors: frozenset[str],
        before: ActorRecord | None,
        main: ActorRecord | None,
        zones: frozenset[str],
    ) -> None:
        self.sentence = sentence
        self.holder_types = holder_types
        self.orgs = holder_candidates(sentence, holder_types)
        self.subject = subject_actor(sentence)
        self.anaphor = has_anaphor(sentence, anaphors)
        self.before = before if before is not None and before.type in holder_types else None
        self.main = main if main is not None and main.type in holder_types else None
        self.zones = zones
        index = actor_at(sentence.doc)
        self.positions = [
            (t.i, index[t.i]) for t in sentence if t.i in index and index[t.i] in self.orgs
        ]

    def pairs(
        self, category: str, span: Span, source: str
    ) -> list[tuple[ActorRecord | None, dict[str, float], bool]]:
        """(holder, features, whether the holder is named in this sentence) for one mention."""
        shared = {f"cat={category}": 1.0, f"source={source}": 1.0}
        if source != "embedding":
            shared[f"term={span.text.lower()}"] = 1.0
        shared.update({f"zone={zone}": 1.0 for zone in self.zones})
        if self.anaphor:
            shared["anaphor"] = 1.0
        nearest = nearest_org(self.sentence, span.start, self.holder_types)
        found: list[tuple[ActorRecord | None, dict[str, float], bool]] = []
        for holder in self.orgs:
            found.append((holder, {**shared, **self._local(holder, span, nearest)}, True))
        for away, role in ((self.before, "focus"), (self.main, "main")):
            if away is not None and away not in self.orgs:
                features = {**shared, f"{role}_absent": 1.0, f"type={away.type}": 1.0}
                features[f"{role}_orgs={min(len(self.orgs), 2)}"] = 1.0
                found.append((away, features, False))
        nobody = {**shared, "nobody": 1.0, f"nobody_orgs={min(len(self.orgs), 3)}": 1.0}
        found.append((None, nobody, False))
        return found

    def _local(
        self, holder: ActorRecord, span: Span, nearest: ActorRecord | None
    ) -> dict[str, float]:
        features = {
            "local": 1.0,
            f"type={holder.type}": 1.0,
            f"orgs={min(len(self.orgs), 3)}": 1.0,
        }
        if holder is self.subject:
            features["subject"] = 1.0
        if holder is nearest:
            features["nearest"] = 1.0
        if holder is self.before:
            features["focus"] = 1.0
        if holder is self.main:
            features["main"] = 1.0
        doc = self.sentence.doc
        position = min(
            (p for p, a in self.positions if a is holder),
            key=lambda p: min(abs(p - span.start), abs(p - span.end)),
        )
        distance = min(abs(position - span.start), abs(position - span.end))
        features["close" if distance <= CLOSE else "near" if distance <= NEAR else "far"] = 1.0
        features["holder_first" if position < span.start else "holder_after"] = 1.0
        root = mention_root(doc, position)
        features[f"dep={root.dep_}"] = 1.0
        _, common = dependency_path(root, span.root)
        if common is not None and arcs_up(root, common) + arcs_up(span.root, common) <= SHORT_PATH:
            features["short_path"] = 1.0
            features[f"head={common.lemma_.lower()}"] = 1.0
        return features
