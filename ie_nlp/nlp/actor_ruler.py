"""Entity-ruler patterns for organisation names the pretrained NER misses: the bundled
gazetteer, and capitalised names ending in a cue word ("… Therapeutics", "University of …")."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

from ie_nlp.nlp.lexicons import Lexicons

# A capitalised word that may be part of an organisation name ("BioNTech", "AGC", "Case").
_CAPITALISED = r"^[A-Z][\w\-\.'’&]*$|^[0-9]+[A-Za-z][\w\-]*$"


CUE_PATTERN_ID = "ie:name-cue"


def _name_word(not_name_words: list[str], op: str) -> dict[str, Any]:
    return {"TEXT": {"REGEX": _CAPITALISED}, "LOWER": {"NOT_IN": not_name_words}, "OP": op}


def _legal(legal_forms: list[str], op: str = "", completions: Sequence[str] = ()) -> dict[str, Any]:
    forms = [*legal_forms, *completions]
    token: dict[str, Any] = {"LOWER": {"IN": forms}, "TEXT": {"REGEX": "^[A-Z]"}}
    if op:
        token["OP"] = op
    return token


def gazetteer_patterns(lexicons: Lexicons) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    for entry in lexicons.gazetteer:
        # sorted, so that the written artifact is the same from one training to the next
        for form in sorted({entry.name, *entry.aliases}):
            patterns.append({"label": "ORG", "pattern": form, "id": entry.name})
    return patterns


def name_cue_patterns(lexicons: Lexicons) -> list[dict[str, Any]]:
    """Token patterns: capitalised name words ended by a legal form (also across joiners,
    particles and "X of Y"), names with an 'and' phrase or "and Co", and up to four name words
    before a cue word with an optional legal suffix."""
    shapes = lexicons.name_shapes
    legal_forms = sorted(lexicons.legal_forms)
    name_word = partial(_name_word, sorted(lexicons.not_name_words))
    legal = partial(_legal, legal_forms)
    joiner = {"ORTH": {"IN": list(shapes.joiners)}}
    particle = {"LOWER": {"IN": list(shapes.particles)}}
    of_heads = set(shapes.of_heads)
    all_cues = {phrase for phrases in lexicons.type_name_tokens.values() for phrase in phrases}
    organisation_word = {"ORTH": {"IN": sorted(of_heads | {c for c in all_cues if " " not in c})}}
    # "Americanture Inc", "Union Miniere SA", "Hayes-Albion Corp", "Banco
    # Portugues de Investmento Sarl", "Union Bancorp of West Virginia Inc": a legal form marks
    # an organisation by itself, and may be doubled ("… Co KG", "… Limited Partnership")
    legal_shapes = [
        [name_word("{1,4}")],
        [name_word("{1,3}"), joiner, name_word("{1,3}")],
        [name_word("{1,3}"), particle, name_word("{1,3}")],
        [name_word("{0,3}"), organisation_word, {"LOWER": "of"}, name_word("{1,3}")],
    ]
    second_legal = legal("?", sorted(lexicons.legal_completions))
    patterns: list[dict[str, Any]] = [
        {"label": "ORG", "pattern": [*shape, legal(), second_legal], "id": CUE_PATTERN_ID}
        for shape in legal_shapes
    ]
    ending = {
        "LOWER": {"IN": [*legal_forms, *(w.lower() for w in organisation_word["ORTH"]["IN"])]}
    }
    for phrase in shapes.and_phrases:
        inner = [{"ORTH": word} for word in phrase.split()]
        patterns.append(
            {
                "label": "ORG",
                "pattern": [name_word("{0,3}"), *inner, name_word("{0,2}"), ending, second_legal],
                "id": CUE_PATTERN_ID,
            }
        )
    and_company = [
        {"LOWER": {"IN": ["and", "&"]}},
        {"LOWER": {"IN": list(shapes.and_company)}},
    ]
    patterns.append(
        {"label": "ORG", "pattern": [name_word("{1,3}"), *and_company], "id": CUE_PATTERN_ID}
    )
    cue_phrases = all_cues - lexicons.ambiguous_name_tokens
    optional_legal = legal("?")
    for phrase in sorted(cue_phrases):
        words = phrase.split()
        if not words or not words[0][:1].isupper():
            continue
        cue = [{"ORTH": word} for word in words]
        patterns.append(
            {
                "label": "ORG",
                "pattern": [name_word("{1,4}"), *cue, optional_legal],
                "id": CUE_PATTERN_ID,
            }
        )
        if words[-1] in of_heads:
            of_tail = [
                {"LOWER": {"IN": ["of", "for"]}},
                {"LOWER": "the", "OP": "?"},
                name_word("{1,4}"),
            ]
            patterns.append(
                {
                    "label": "ORG",
                    "pattern": [name_word("{0,3}"), *cue, *of_tail],
                    "id": CUE_PATTERN_ID,
                }
            )
    return patterns
