"""Entity-ruler patterns for organisation names the pretrained NER misses: the bundled
gazetteer, and capitalised names ending in a cue word ("… Therapeutics", "University of …")."""

from __future__ import annotations

from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS

from ie_nlp.nlp.lexicons import Lexicons

# A capitalised word that may be part of an organisation name ("BioNTech", "AGC", "Case").
_CAPITALISED = r"^[A-Z][\w\-\.'’&]*$|^[0-9]+[A-Za-z][\w\-]*$"
_NOT_NAME_WORDS = sorted(
    STOP_WORDS
    | {"today", "chief", "officer", "president", "professor", "dr", "dr.", "said", "says", "about"}
)
_LEGAL = [
    "Inc",
    "Inc.",
    "Ltd",
    "Ltd.",
    "AG",
    "GmbH",
    "SE",
    "SA",
    "S.A.",
    "plc",
    "PLC",
    "LLC",
    "Corp",
    "Corp.",
    "Co.",
    "N.V.",
    "B.V.",
    "AB",
    "A/S",
    "KGaA",
    "S.p.A.",
    "Limited",
]
# Cue words that head a name with a following "of …" ("University of Basel").
_OF_HEADS = {
    "University",
    "Université",
    "Universität",
    "Universidad",
    "Institute",
    "Institut",
    "College",
    "School",
    "Department",
    "Ministry",
    "Academy",
    "Centre",
    "Center",
    "Hospital",
    "Faculty",
    "Bank",
    "Office",
    "Agency",
    "Council",
    "Laboratory",
}


CUE_PATTERN_ID = "ie:name-cue"


def _name_word(op: str) -> dict[str, Any]:
    return {"TEXT": {"REGEX": _CAPITALISED}, "LOWER": {"NOT_IN": _NOT_NAME_WORDS}, "OP": op}


def gazetteer_patterns(lexicons: Lexicons) -> list[dict[str, Any]]:
    patterns: list[dict[str, Any]] = []
    for entry in lexicons.gazetteer:
        for form in {entry.name, *entry.aliases}:
            patterns.append({"label": "ORG", "pattern": form, "id": entry.name})
    return patterns


def name_cue_patterns(lexicons: Lexicons) -> list[dict[str, Any]]:
    """Token patterns: up to four name words, the cue word(s), an optional legal suffix."""
    # "Americanture Inc", "Union Miniere SA": a legal form marks an organisation by itself
    patterns: list[dict[str, Any]] = [
        {
            "label": "ORG",
            "pattern": [_name_word("{1,4}"), {"ORTH": {"IN": _LEGAL}}],
            "id": CUE_PATTERN_ID,
        }
    ]
    cue_phrases = {
        phrase for phrases in lexicons.type_name_tokens.values() for phrase in phrases
    } - lexicons.ambiguous_name_tokens
    for phrase in sorted(cue_phrases):
        words = phrase.split()
        if not words or not words[0][:1].isupper():
            continue
        cue = [{"ORTH": word} for word in words]
        legal = {"ORTH": {"IN": _LEGAL}, "OP": "?"}
        patterns.append(
            {"label": "ORG", "pattern": [_name_word("{1,4}"), *cue, legal], "id": CUE_PATTERN_ID}
        )
        if words[-1] in _OF_HEADS:
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
