"""Organisation and person names reduced to a comparison key.

``normalize_name`` is what the evaluation uses to match actors (CONTRACT.md § Gold annotation:
case- and punctuation-insensitive, legal suffixes ignored) and what the pipeline uses to merge
mentions of one actor, so both sides agree on when two names are "the same".

Rules, in order:

1. Unicode compatibility form, accents dropped ("Nestlé" → "nestle"), case folded.
2. ``&`` is read as the word "and" ("Procter & Gamble" = "Procter and Gamble").
3. Periods and apostrophes are deleted inside words ("S.p.A." → "spa", "Scott's" → "scotts");
   every other non-alphanumeric character separates words ("Boehringer-Ingelheim" =
   "Boehringer Ingelheim", "Genmab A/S" → "genmab a s").
4. Legal-form suffixes from ``data/legal_suffixes.json`` are dropped from the end, repeatedly
   ("Foo Co., Ltd." → "foo"), together with an "and" they leave dangling ("Merck & Co." →
   "merck", "Eli Lilly and Company" → "eli lilly"). The first word is never dropped.
   "KGaA", "Holding(s)" and "Group" are kept on purpose: "Merck KGaA" → "merck kgaa" stays
   different from "Merck & Co." → "merck".
5. A leading "The" is dropped when more words follow.

The key is the remaining words joined by single spaces; a name without any letter or digit
gives ``""``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ie_nlp.taxonomy import load_data_file

__all__ = [
    "has_legal_suffix",
    "initials",
    "legal_suffixes",
    "name_keys",
    "name_words",
    "normalize_name",
]

_DELETED = re.compile(r"[.'’`´ʼ]")
_SEPARATOR = re.compile(r"[^\w]+|_+")


def name_words(name: str) -> list[str]:
    """Rules 1–3: the lower-case words of ``name`` with punctuation removed."""
    decomposed = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    text = text.replace("&", " and ")
    text = _DELETED.sub("", text)
    return [word for word in _SEPARATOR.split(text) if word]


@lru_cache(maxsize=1)
def legal_suffixes() -> frozenset[tuple[str, ...]]:
    """The legal-form suffixes of ``data/legal_suffixes.json`` as word tuples."""
    raw = load_data_file("legal_suffixes.json")
    suffixes = {tuple(name_words(entry)) for entry in raw["suffixes"]}
    return frozenset(suffix for suffix in suffixes if suffix)


@lru_cache(maxsize=1)
def _longest_suffix() -> int:
    return max(len(suffix) for suffix in legal_suffixes())


def _strip_suffixes(words: list[str]) -> list[str]:
    suffixes = legal_suffixes()
    longest = _longest_suffix()
    stripped = False
    while len(words) > 1:
        for size in range(min(longest, len(words) - 1), 0, -1):
            if tuple(words[-size:]) in suffixes:
                words = words[:-size]
                stripped = True
                break
        else:
            if stripped and words[-1] == "and":
                words = words[:-1]
                continue
            break
    return words


def has_legal_suffix(name: str) -> bool:
    """Whether the name ends in a legal form ("Castone Development Corp"): an organisation."""
    words = name_words(name)
    return len(_strip_suffixes(list(words))) < len(words)


def normalize_name(name: str) -> str:
    """The comparison key of an organisation or person name (see the module docstring).

    >>> normalize_name("Merck & Co., Inc.")
    'merck'
    >>> normalize_name("Merck KGaA")
    'merck kgaa'
    >>> normalize_name("The Scripps Research Institute")
    'scripps research institute'
    """
    words = _strip_suffixes(name_words(name))
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def name_keys(name: str, aliases: Iterable[str] = ()) -> frozenset[str]:
    """The non-empty keys of a name and its aliases: two actors are the same when these meet."""
    keys = {normalize_name(name)}
    keys.update(normalize_name(alias) for alias in aliases)
    keys.discard("")
    return frozenset(keys)


def initials(key: str) -> str:
    """The acronym a normalised name would have ("merck sharp and dohme" → "msd"): the first
    letter of each word but "of", "and", "the" and "for"."""
    return "".join(word[0] for word in key.split() if word not in {"of", "and", "the", "for"})
