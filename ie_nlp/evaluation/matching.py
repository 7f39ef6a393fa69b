"""One-to-one matching of an article's system actors to its gold actors.

A system actor and a gold actor can match when their name keys meet: the normalised forms
(``ie_nlp.names.normalize_name``) of ``{name} ∪ aliases`` on either side share at least one
key. Among all such pairs the matching is greedy and deterministic:

1. more shared keys first;
2. then pairs whose normalised names are equal (not only an alias);
3. then pairs whose actor types are equal;
4. then the order of the actors in the system record, then in the gold record.

Each actor is used at most once, so a system that lists one company twice gets one match and
one false positive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ie_nlp.evaluation.records import ActorRecord
from ie_nlp.names import normalize_name

__all__ = ["ActorMatching", "match_actors"]


@dataclass(frozen=True)
class ActorMatching:
    """``system_to_gold`` maps a matched system actor's ref to its gold actor's ref."""

    system_to_gold: dict[str, str]

    @property
    def gold_to_system(self) -> dict[str, str]:
        return {gold: system for system, gold in self.system_to_gold.items()}

    def __len__(self) -> int:
        return len(self.system_to_gold)

    def gold_ref(self, system_ref: str | None) -> str | None:
        """The gold ref a system ref stands for: ``None`` stays ``None`` (no named holder); an
        unmatched system actor becomes a ref no gold item has."""
        if system_ref is None:
            return None
        return self.system_to_gold.get(system_ref, f"unmatched:{system_ref}")


def match_actors(system: Sequence[ActorRecord], gold: Sequence[ActorRecord]) -> ActorMatching:
    """Match system actors to gold actors one-to-one (rules in the module docstring)."""
    candidates: list[tuple[tuple[int, int, int, int, int], ActorRecord, ActorRecord]] = []
    for s_index, s_actor in enumerate(system):
        s_name = normalize_name(s_actor.name)
        for g_index, g_actor in enumerate(gold):
            shared = len(s_actor.keys & g_actor.keys)
            if not shared:
                continue
            same_name = bool(s_name) and s_name == normalize_name(g_actor.name)
            same_type = s_actor.type is not None and s_actor.type == g_actor.type
            rank = (-shared, -int(same_name), -int(same_type), s_index, g_index)
            candidates.append((rank, s_actor, g_actor))
    candidates.sort(key=lambda candidate: candidate[0])
    system_to_gold: dict[str, str] = {}
    used_gold: set[str] = set()
    for _, s_actor, g_actor in candidates:
        if s_actor.ref in system_to_gold or g_actor.ref in used_gold:
            continue
        system_to_gold[s_actor.ref] = g_actor.ref
        used_gold.add(g_actor.ref)
    return ActorMatching(system_to_gold)
