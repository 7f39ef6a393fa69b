"""The name rules of cross-article actor resolution: what two actors' names alone say.

A ``Profile`` is one article's actor or one resolved actor with every name that joined it.
``rule_verdict`` applies, in order: persons (same full name only), the gazetteer (same entry
merges, two entries never do), the same normalised name, an acronym, a short form that only
drops company words, and guards that rule out a merge (a unit named by extending the other
name, incompatible types, nothing distinctive in common). ``None`` means the names leave it
open: embedding similarity decides (``ie_nlp.resolution.resolver``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from ie_nlp.names import initials, name_words, normalize_name
from ie_nlp.nlp.lexicons import GazetteerEntry, get_lexicons
from ie_nlp.taxonomy import load_data_file

__all__ = [
    "Decision",
    "Profile",
    "Rank",
    "distinctive_words",
    "is_acronym",
    "make_profile",
    "resolution_data",
    "rule_verdict",
]

PERSON = "person"


class Rank:
    """Strength of the rule behind a merge: the lowest wins when several actors qualify."""

    ALIAS_FILE = 0
    GAZETTEER = 1
    NAME = 2
    ACRONYM = 3
    SHORT_FORM = 4
    EMBEDDING = 5


@dataclass(frozen=True)
class Decision:
    """Whether two actors are one, why, and the similarity behind it when one was measured."""

    same: bool
    reason: str
    score: float | None = None


@dataclass
class Profile:
    """Names (the first one canonical), their normalised keys, type, gazetteer entry, context."""

    names: list[str]
    type: str | None
    entry: GazetteerEntry | None
    keys: set[str] = field(default_factory=set)  # own names' keys and the gazetteer entry's
    context: str = ""
    own: set[str] = field(default_factory=set)  # own names' keys: what the alias file matches

    @property
    def label(self) -> str:
        return self.entry.name if self.entry else self.names[0]


@lru_cache(maxsize=1)
def resolution_data() -> dict[str, Any]:
    return dict(load_data_file("resolution.json"))


@lru_cache(maxsize=1)
def _family_of() -> dict[str, str]:
    return {t: family for family, ts in resolution_data()["type_families"].items() for t in ts}


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    return frozenset(resolution_data()["stop_words"])


@lru_cache(maxsize=1)
def _non_distinctive() -> frozenset[str]:
    # Normalised like name keys: "children's" in the cue list is "childrens" in a key.
    generic = {word for cue in get_lexicons().name_generic_words for word in name_words(cue)}
    return frozenset(generic) | _stop_words()


def distinctive_words(key: str) -> set[str]:
    """The words of a name key that can tell one organisation from another."""
    return {word for word in key.split() if word not in _non_distinctive() and len(word) > 1}


def is_acronym(name: str) -> bool:
    """ "MSD", "UCSF", "N.I.H.": one upper-case word of a few letters."""
    limits = resolution_data()["acronym"]
    letters = name.strip().replace(".", "")
    return bool(re.fullmatch(r"[A-Z]+", letters)) and (
        limits["min_letters"] <= len(letters) <= limits["max_letters"]
    )


def gazetteer_entry(name: str, aliases: Iterable[str] = ()) -> GazetteerEntry | None:
    """The gazetteer entry of the name, else of its aliases when they agree on one. An alias
    that only truncates the name ("Merck" of "Merck Animal Health") says nothing: articles
    shorten a unit's name to its parent's."""
    by_key = get_lexicons().gazetteer_by_key
    key = normalize_name(name)
    if key in by_key:
        return by_key[key]
    words = key.split()
    hits = {
        by_key[alias_key].name: by_key[alias_key]
        for alias_key in map(normalize_name, aliases)
        if alias_key in by_key and words[: len(alias_key.split())] != alias_key.split()
    }
    return next(iter(hits.values())) if len(hits) == 1 else None


def make_profile(
    name: str,
    type_: str | None,
    aliases: Iterable[str] = (),
    context: str = "",
    gazetteer: bool = True,
) -> Profile:
    """The profile of one article's actor. A person keeps only its full name: its aliases are
    surnames, which never identify a person across articles."""
    aliases = tuple(aliases)
    if type_ == PERSON:
        keys = {normalize_name(name)} - {""}
        return Profile([name], type_, None, keys, context, set(keys))
    own = {normalize_name(form) for form in (name, *aliases)} - {""}
    entry = gazetteer_entry(name, aliases) if gazetteer else None
    forms = (entry.name, *entry.aliases) if entry else ()
    keys = own | {normalize_name(form) for form in forms} - {""}
    return Profile([name, *aliases], type_, entry, keys, context, own)


def families_fit(type_a: str | None, type_b: str | None) -> bool:
    """Whether two organisation types can be one actor despite noisy typing."""
    wildcards = set(resolution_data()["wildcard_types"])
    if type_a in wildcards or type_b in wildcards or type_a is None or type_b is None:
        return PERSON not in (type_a, type_b)
    families = _family_of()
    return families.get(type_a, type_a) == families.get(type_b, type_b)


def _person_verdict(a: Profile, b: Profile) -> Decision:
    if a.type not in (PERSON, None) or b.type not in (PERSON, None):
        return Decision(False, "a person and an organisation")
    shared = sorted(a.keys & b.keys)
    if shared:
        return Decision(True, f"same full person name '{shared[0]}'")
    return Decision(False, "persons merge only on the same full name")


def _acronym_verdict(a: Profile, b: Profile) -> Decision | None:
    """``a`` holds an acronym spelled by the initials of one of ``b``'s names. An acronym the
    gazetteer knows means what the gazetteer says, so it never links to an unknown name."""
    if a.entry is not None and b.entry is None:
        return None
    acronyms = {normalize_name(n) for n in a.names if is_acronym(n)}
    for key in sorted(b.keys):
        if len(key.split()) > 1 and initials(key) in acronyms:
            return Decision(True, f"acronym of {b.label}")
    return None


def _prefix_verdict(a: Profile, b: Profile) -> Decision | None:
    """``a`` names ``b`` without some trailing words: company words only ("Oncotelic" of
    "Oncotelic Therapeutics") make a short form; any other word ("Duke University School of
    Medicine", "Abbott Diabetes Care") names a unit or another organisation."""
    company_words = get_lexicons().company_words
    unit: Decision | None = None
    for short in sorted(a.keys):
        words = short.split()
        if not distinctive_words(short):
            continue
        for long in sorted(b.keys):
            extra = long.split()[len(words) :]
            if long.split()[: len(words)] != words or not extra:
                continue
            if set(extra) <= company_words:
                return Decision(True, f"short form of {b.label}")
            unit = unit or Decision(False, f"'{long}' extends '{short}': a unit or another actor")
    return unit


def _alike(word: str, other: str) -> bool:
    """Spelling variants ("organisation"/"organization", "centre"/"center", "bioscience"/
    "biosciences") and abbreviations ("mass"/"massachusetts")."""
    short, long = sorted((word, other), key=len)
    if len(short) >= 3 and long.startswith(short):
        return True
    return SequenceMatcher(None, word, other).ratio() >= resolution_data()["alike_ratio"]


def _unmatched(key: str, other: str) -> list[str]:
    """Words of ``key`` with no like word in ``other`` (stop words aside)."""
    others = [w for w in other.split() if w not in _stop_words()]
    return [
        w for w in key.split() if w not in _stop_words() and not any(_alike(w, o) for o in others)
    ]


def _added_words(a: Profile, b: Profile) -> list[str]:
    """The fewest words that one full name of ``a`` or ``b`` has and the other lacks."""
    best: list[str] | None = None
    for key_a in sorted(k for k in a.keys if " " in k):
        for key_b in sorted(k for k in b.keys if " " in k):
            added = _unmatched(key_a, key_b) + _unmatched(key_b, key_a)
            if best is None or len(added) < len(best):
                best = added
    return best or []


def rule_verdict(a: Profile, b: Profile) -> tuple[int, Decision] | None:
    """The rank and decision the names give, or None when only embeddings can tell."""
    if PERSON in (a.type, b.type):
        return Rank.NAME, _person_verdict(a, b)
    if a.entry is not None and b.entry is not None:
        if a.entry.name == b.entry.name:
            return Rank.GAZETTEER, Decision(True, f"gazetteer alias of {a.entry.name}")
        reason = f"gazetteer lists {a.entry.name} and {b.entry.name} separately"
        return Rank.GAZETTEER, Decision(False, reason)
    # A distinctive shared key first: "school of medicine" alone names no one actor.
    shared = sorted(a.keys & b.keys, key=lambda key: (not distinctive_words(key), key))
    if shared:
        if not distinctive_words(shared[0]) and a.entry is None and b.entry is None:
            return Rank.NAME, Decision(False, f"'{shared[0]}' is too generic to be one actor")
        return Rank.NAME, Decision(True, f"same normalised name '{shared[0]}'")
    # "AstraZeneca" / "Astra Zeneca", "BioRad" / "Bio-Rad": one name, spaced differently.
    compact = {k.replace(" ", "") for k in a.keys} & {k.replace(" ", "") for k in b.keys}
    if compact:
        return Rank.NAME, Decision(True, f"same name without spaces '{min(compact)}'")
    if not families_fit(a.type, b.type):
        return Rank.NAME, Decision(False, f"incompatible types {a.type} and {b.type}")
    acronym = _acronym_verdict(a, b) or _acronym_verdict(b, a)
    if acronym:
        return Rank.ACRONYM, acronym
    prefix = _prefix_verdict(a, b) or _prefix_verdict(b, a)
    if prefix and prefix.same:
        return Rank.SHORT_FORM, prefix
    words_a = set().union(*map(distinctive_words, a.keys))
    if not words_a & set().union(*map(distinctive_words, b.keys)):
        return Rank.NAME, Decision(False, "no distinctive word in common")
    # Embeddings score "Indiana University" and "Indiana State University" 0.97: only names
    # that differ in spelling are left to them, a word more is another organisation.
    added = _added_words(a, b)
    if not added:
        return None
    return Rank.NAME, prefix or Decision(False, f"'{added[0]}' in one name only")
