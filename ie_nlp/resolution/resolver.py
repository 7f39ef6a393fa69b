"""Cross-article actor resolution: every article's actors become canonical ecosystem actors.

``ActorResolver.resolve`` takes one article's actor at a time and either joins a known actor
or registers a new one, with a reason for the choice. Decisions, strongest first: the
user's alias file (``Settings.alias_file``, see docs/resolution.md), the name rules of
``resolution_rules`` (gazetteer, normalised names, acronyms, short forms; persons only on the
same full name), then embedding similarity of names and contexts from
``Settings.resolution_similarity``. Candidates are looked up by name key, gazetteer entry,
acronym letters and distinctive words, so no mention is compared with every actor.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

from ie_nlp.embedder import Embedder, get_embedder
from ie_nlp.names import normalize_name
from ie_nlp.resolution.alias_file import AliasRules, load_alias_file
from ie_nlp.resolution.rules import (
    Decision,
    Profile,
    Rank,
    distinctive_words,
    initials,
    is_acronym,
    make_profile,
    resolution_data,
    rule_verdict,
)
from ie_nlp.settings import Settings, get_settings

__all__ = ["ActorMention", "ActorResolver", "Decision", "Resolved"]


@dataclass(frozen=True)
class ActorMention:
    """One article's actor, as an extraction result gives it."""

    name: str
    type: str | None
    aliases: tuple[str, ...] = ()
    context: str = ""  # evidence sentences of the actor in that article, may be ""


@dataclass(frozen=True)
class Resolved:
    """The canonical actor a mention joined, and why ("new actor" when it created one)."""

    actor_id: str
    canonical_name: str
    reason: str


@dataclass
class _Actor:
    id: str
    profile: Profile
    canonical: str


@dataclass
class _Index:
    """Where to look for candidate actors of a mention."""

    by_key: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_entry: dict[str, int] = field(default_factory=dict)
    by_word: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_initials: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_acronym: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    by_group: dict[int, int] = field(default_factory=dict)


def _add_once(postings: list[int], index: int) -> None:
    if not postings or postings[-1] != index:
        postings.append(index)


class ActorResolver:
    """Incremental cross-article resolution; same input order, same ids."""

    def __init__(self, aliases: AliasRules, embedder: Embedder | None, threshold: float) -> None:
        self.aliases = aliases
        self.embedder = embedder
        self.threshold = threshold
        data = resolution_data()
        self.name_weight = float(data["name_weight"])
        self.context_chars = int(data["context_chars"])
        self._vectors: dict[str, np.ndarray] = {}
        self._actors: list[_Actor] = []
        self._index = _Index()
        self._ids: set[str] = set()

    @classmethod
    def from_settings(
        cls, settings: Settings | None = None, *, use_embeddings: bool | None = None
    ) -> ActorResolver:
        settings = settings or get_settings()
        use = settings.use_embeddings if use_embeddings is None else use_embeddings
        embedder = get_embedder(settings.embedding_model, settings.torch_threads) if use else None
        return cls(load_alias_file(settings.alias_file), embedder, settings.resolution_similarity)

    def compare(self, a: ActorMention, b: ActorMention) -> Decision:
        """Whether two articles' actors are one actor, and why."""
        return self._decide(self._profile(a), self._profile(b))[1]

    def _profile(self, mention: ActorMention) -> Profile:
        """The mention's profile, without its gazetteer entry where the alias file keeps the
        name apart from that entry's name ("Lilly" split from "Eli Lilly and Company")."""
        profile = make_profile(mention.name, mention.type, mention.aliases, mention.context)
        entry = profile.entry
        if (
            entry is not None
            and self.aliases.decide(profile.own, {normalize_name(entry.name)}) is False
        ):
            return make_profile(
                mention.name, mention.type, mention.aliases, mention.context, gazetteer=False
            )
        return profile

    def _decide(self, a: Profile, b: Profile) -> tuple[int, Decision]:
        forced = self.aliases.decide(a.own, b.own)
        if forced is not None:
            return Rank.ALIAS_FILE, Decision(
                forced, f"alias file: {'same' if forced else 'different'}"
            )
        verdict = rule_verdict(a, b)
        if verdict is not None:
            return verdict
        return Rank.EMBEDDING, self._embedding_decision(a, b)

    def _embedding_decision(self, a: Profile, b: Profile) -> Decision:
        if self.embedder is None:
            return Decision(False, "no name rule links them (embeddings off)")
        names_a, names_b = _embeddable(a), _embeddable(b)
        if not names_a or not names_b:
            return Decision(False, "only acronyms to compare")
        self._encode([*names_a, *names_b])
        score = max(float(self._vectors[x] @ self._vectors[y]) for x in names_a for y in names_b)
        what = "name"
        # Two articles rarely describe one actor in the same words, so a context only lifts a
        # name score (both contexts telling the same story), never lowers it; it is embedded
        # only where it could lift the score to the threshold.
        w = self.name_weight
        if a.context and b.context and w < 1 and w * score + (1 - w) >= self.threshold:
            context_a, context_b = a.context[: self.context_chars], b.context[: self.context_chars]
            self._encode([context_a, context_b])
            context = float(self._vectors[context_a] @ self._vectors[context_b])
            if w * score + (1 - w) * context > score:
                score, what = w * score + (1 - w) * context, "name+context"
        same = score >= self.threshold
        below = "" if same else f" below {self.threshold:.2f}"
        return Decision(same, f"embedding similarity {score:.2f} ({what}){below}", round(score, 4))

    def _encode(self, texts: Iterable[str]) -> None:
        assert self.embedder is not None
        missing = list(dict.fromkeys(t for t in texts if t not in self._vectors))
        if missing:
            self._vectors.update(zip(missing, self.embedder.encode(missing), strict=True))

    def register(
        self,
        actor_id: str,
        canonical_name: str,
        type: str | None,
        names: Iterable[str],
        context: str = "",
    ) -> None:
        """Prime the resolver with an actor already in the store, under its stored id."""
        profile = make_profile(canonical_name, type, names, context)
        self._add_actor(actor_id, profile, canonical_name)

    def resolve(self, mention: ActorMention) -> Resolved:
        """Join the best-matching known actor, or register a new one."""
        profile = self._profile(mention)
        best: tuple[int, float, int, Decision] | None = None
        pending: list[int] = []
        for index in self._candidates(profile):
            forced = self.aliases.decide(profile.own, self._actors[index].profile.own)
            if forced is False:
                continue
            verdict = (
                (Rank.ALIAS_FILE, Decision(True, "alias file: same"))
                if forced
                else rule_verdict(profile, self._actors[index].profile)
            )
            if verdict is None:
                pending.append(index)
            elif verdict[1].same:
                best = _better(best, _ranked(verdict, index))
        if best is None and self.embedder is not None:
            for index in pending:
                decision = self._embedding_decision(profile, self._actors[index].profile)
                if decision.same:
                    best = _better(best, _ranked((Rank.EMBEDDING, decision), index))
        if best is None:
            actor = self._add_actor(self._new_id(profile), profile, profile.names[0])
            return Resolved(actor.id, actor.canonical, "new actor")
        actor = self._join(best[2], profile)
        return Resolved(actor.id, actor.canonical, best[3].reason)

    def _candidates(self, profile: Profile) -> list[int]:
        index = self._index
        found: set[int] = set()
        group = self.aliases.group_of(profile.own)
        if group is not None and group in index.by_group:
            found.add(index.by_group[group])
        if profile.entry is not None and profile.entry.name in index.by_entry:
            found.add(index.by_entry[profile.entry.name])
        for key in profile.keys:
            found.update(index.by_key.get(key, ()))
            if is_acronym(key.upper()):
                found.update(index.by_initials.get(key, ()))
            elif len(key.split()) > 1:
                found.update(index.by_acronym.get(initials(key), ()))
        if profile.type != "person":
            # The two rarest distinctive words: enough to find spelling variants, few postings.
            words = set().union(*map(distinctive_words, profile.keys))
            postings = sorted((len(index.by_word.get(w, ())), w) for w in words)
            for _, word in postings[:2]:
                found.update(index.by_word.get(word, ()))
        return sorted(found)

    def _new_id(self, profile: Profile) -> str:
        base = normalize_name(profile.entry.name if profile.entry else profile.names[0])
        key, attempt = base or profile.names[0], 1
        while (actor_id := "act_" + hashlib.sha1(key.encode()).hexdigest()[:12]) in self._ids:
            attempt += 1  # a pair the alias file keeps apart, though its names agree
            key = f"{base}#{attempt}"
        return actor_id

    def _add_actor(self, actor_id: str, profile: Profile, canonical: str) -> _Actor:
        actor = _Actor(actor_id, Profile([], profile.type, profile.entry), canonical)
        self._actors.append(actor)
        self._ids.add(actor_id)
        return self._join(len(self._actors) - 1, profile)

    def _join(self, position: int, profile: Profile) -> _Actor:
        actor = self._actors[position]
        mine = actor.profile
        mine.names.extend(name for name in profile.names if name not in mine.names)
        mine.context = mine.context or profile.context
        if mine.entry is None and profile.entry is not None:
            mine.entry = profile.entry
        if mine.type is None:
            mine.type = profile.type
        new_keys = profile.keys - mine.keys
        mine.keys |= new_keys
        mine.own |= profile.own
        actor.canonical = mine.entry.name if mine.entry else _fullest(actor.canonical, mine.names)
        self._index_actor(position, new_keys)
        return actor

    def _index_actor(self, position: int, keys: set[str]) -> None:
        index, profile = self._index, self._actors[position].profile
        if profile.entry is not None:
            index.by_entry.setdefault(profile.entry.name, position)
        group = self.aliases.group_of(profile.own)
        if group is not None:
            index.by_group.setdefault(group, position)
        for key in sorted(keys):
            _add_once(index.by_key[key], position)
            if is_acronym(key.upper()) and " " not in key:
                _add_once(index.by_acronym[key], position)
            elif len(key.split()) > 1:
                _add_once(index.by_initials[initials(key)], position)
            if profile.type != "person":
                for word in sorted(distinctive_words(key)):
                    _add_once(index.by_word[word], position)


def _embeddable(profile: Profile) -> list[str]:
    """Up to four full names: an acronym's embedding says nothing about what it stands for."""
    return [name for name in profile.names if not is_acronym(name)][:4]


def _ranked(verdict: tuple[int, Decision], index: int) -> tuple[int, float, int, Decision]:
    rank, decision = verdict
    return rank, -(decision.score or 0.0), index, decision


def _better(
    best: tuple[int, float, int, Decision] | None, candidate: tuple[int, float, int, Decision]
) -> tuple[int, float, int, Decision]:
    """The stronger rule, then the higher score, then the older actor."""
    return candidate if best is None or candidate[:3] < best[:3] else best


def _fullest(current: str, names: list[str]) -> str:
    """The name with the most words (then characters); the earlier one on a tie."""
    full = [current, *(name for name in names if not is_acronym(name))]
    return max(full, key=lambda name: (len(name.split()), len(name)))
