"""Entity-ruler patterns for organisation names the pretrained NER misses: the bundled
gazetteer, and capitalised names ending in a cue word ("… Therapeutics", "University of …")."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from ie_nlp.names import legal_suffixes
from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.taxonomy import load_data_file

# A capitalised word that may be part of an organisation name ("BioNTech", "AGC", "Case").
_CAPITALISED = r"^[A-Z][\w\-\.'’&]*$|^[0-9]+[A-Za-z][\w\-]*$"
_TITLE_WORDS = {"today", "chief", "officer", "president", "professor", "dr", "dr.", "said", "says"}


CUE_PATTERN_ID = "ie:name-cue"


@lru_cache(maxsize=1)
def _name_patterns() -> dict[str, Any]:
    return load_data_file("name_patterns.json")


@lru_cache(maxsize=1)
def _not_name_words() -> list[str]:
    allowed = set(_name_patterns()["stop_words_in_names"]["words"])
    return sorted((STOP_WORDS - allowed) | _TITLE_WORDS | {"about"})


@lru_cache(maxsize=1)
def legal_forms() -> list[str]:
    """Lower-case tokens that are a legal form: every one-word suffix of legal_suffixes.json as
    written and as normalised ("S.p.A." and "spa"), and the extra forms of name_patterns.json."""
    raw = load_data_file("legal_suffixes.json")["suffixes"] + _name_patterns()["extra_legal_forms"]
    forms = {form.lower() for form in raw if " " not in form}
    forms |= {suffix[0] for suffix in legal_suffixes() if len(suffix) == 1}
    return sorted(forms)


@lru_cache(maxsize=1)
def legal_completions() -> tuple[str, ...]:
    """Words that end a two-word legal form after a one-word one ("Limited Partnership"), but
    are none alone ("Strategic Partnership" is no name)."""
    forms = set(legal_forms())
    return tuple(sorted({s[1] for s in legal_suffixes() if len(s) == 2 and s[0] in forms} - forms))


def _name_word(op: str) -> dict[str, Any]:
    return {"TEXT": {"REGEX": _CAPITALISED}, "LOWER": {"NOT_IN": _not_name_words()}, "OP": op}


def _legal(op: str = "", completions: tuple[str, ...] = ()) -> dict[str, Any]:
    forms = [*legal_forms(), *completions]
    token: dict[str, Any] = {"LOWER": {"IN": forms}, "TEXT": {"REGEX": "^[A-Z]"}}
    if op:
        token["OP"] = op
    return token


def gazetteer_patterns(lexicons: Lexicons) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    for entry in lexicons.gazetteer:
        for form in {entry.name, *entry.aliases}:
            patterns.append({"label": "ORG", "pattern": form, "id": entry.name})
    return patterns


def name_cue_patterns(lexicons: Lexicons) -> list[dict[str, Any]]:
    """Token patterns: capitalised name words ended by a legal form (also across joiners,
    particles and "X of Y"), names with an 'and' phrase or "and Co", and up to four name words
    before a cue word with an optional legal suffix."""
    shapes = _name_patterns()
    joiner = {"ORTH": {"IN": shapes["joiners"]["tokens"]}}
    particle = {"LOWER": {"IN": shapes["particles"]["words"]}}
    of_heads = set(shapes["of_heads"]["words"])
    all_cues = {phrase for phrases in lexicons.type_name_tokens.values() for phrase in phrases}
    organisation_word = {"ORTH": {"IN": sorted(of_heads | {c for c in all_cues if " " not in c})}}
    # "Americanture Inc", "Union Miniere SA", "Hayes-Albion Corp", "Banco
    # Portugues de Investmento Sarl", "Union Bancorp of West Virginia Inc": a legal form marks
    # an organisation by itself, and may be doubled ("… Co KG", "… Limited Partnership")
    legal_shapes = [
        [_name_word("{1,4}")],
        [_name_word("{1,3}"), joiner, _name_word("{1,3}")],
        [_name_word("{1,3}"), particle, _name_word("{1,3}")],
        [_name_word("{0,3}"), organisation_word, {"LOWER": "of"}, _name_word("{1,3}")],
    ]
    second_legal = _legal("?", legal_completions())
    patterns: list[dict[str, Any]] = [
        {"label": "ORG", "pattern": [*shape, _legal(), second_legal], "id": CUE_PATTERN_ID}
        for shape in legal_shapes
    ]
    ending = {
        "LOWER": {"IN": [*legal_forms(), *(w.lower() for w in organisation_word["ORTH"]["IN"])]}
    }
    for phrase in shapes["and_phrases"]["phrases"]:
        inner = [{"ORTH": word} for word in phrase.split()]
        patterns.append(
            {
                "label": "ORG",
                "pattern": [_name_word("{0,3}"), *inner, _name_word("{0,2}"), ending, second_legal],
                "id": CUE_PATTERN_ID,
            }
        )
    and_company = [
        {"LOWER": {"IN": ["and", "&"]}},
        {"LOWER": {"IN": shapes["and_company"]["words"]}},
    ]
    patterns.append(
        {"label": "ORG", "pattern": [_name_word("{1,3}"), *and_company], "id": CUE_PATTERN_ID}
    )
    cue_phrases = all_cues - lexicons.ambiguous_name_tokens
    for phrase in sorted(cue_phrases):
        words = phrase.split()
        if not words or not words[0][:1].isupper():
            continue
        cue = [{"ORTH": word} for word in words]
        legal = _legal("?")
        patterns.append(
            {"label": "ORG", "pattern": [_name_word("{1,4}"), *cue, legal], "id": CUE_PATTERN_ID}
        )
        if words[-1] in of_heads:
            of_tail = [
                {"LOWER": {"IN": ["of", "for"]}},
                {"LOWER": "the", "OP": "?"},
                _name_word("{1,4}"),
            ]
            patterns.append(
                {
                    "label": "ORG",
                    "pattern": [_name_word("{0,3}"), *cue, *of_tail],
                    "id": CUE_PATTERN_ID,
                }
            )
    return patterns
