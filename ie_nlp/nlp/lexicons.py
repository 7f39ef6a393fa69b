"""The word lists of ``ie_nlp/data`` (gazetteer, cue lists, lexicons), typed on load.

Components get them through the registered loader ``ie_nlp.lexicons.v1`` named in the
pipeline's ``config.cfg``; code outside the pipeline calls ``get_lexicons``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.util import registry

from ie_nlp.names import legal_suffixes, normalize_name
from ie_nlp.taxonomy import load_data_file


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class Lexicons:
    gazetteer: tuple[GazetteerEntry, ...]
    gazetteer_by_key: dict[str, GazetteerEntry]
    gazetteer_by_name: dict[str, GazetteerEntry]
    non_actor_keys: frozenset[str]
    non_actor_words: dict[str, frozenset[str]]
    capability_terms: dict[str, list[str]]
    inn_suffixes: dict[str, str]
    type_descriptions: dict[str, list[str]]
    type_name_tokens: dict[str, list[str]]
    ambiguous_name_tokens: frozenset[str]
    relation_cues: dict[str, Any]
    title_heads: frozenset[str]
    name_generic_words: frozenset[str]
    company_words: frozenset[str]
    title_modifiers: frozenset[str]


def _read_jsonl(name: str) -> list[dict[str, Any]]:
    text = resources.files("ie_nlp.data").joinpath(name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def load_lexicons() -> Lexicons:
    """Reads and types every word list (no cache: ``get_lexicons`` is the process-wide copy)."""
    gazetteer = tuple(
        GazetteerEntry(row["name"], row["type"], tuple(row.get("aliases", [])))
        for row in _read_jsonl("gazetteer.jsonl")
    )
    by_key: dict[str, GazetteerEntry] = {}
    for entry in gazetteer:
        for form in (entry.name, *entry.aliases):
            by_key.setdefault(normalize_name(form), entry)
    non_actors = load_data_file("non_actors.json")
    non_actor_keys = frozenset(
        normalize_name(name)
        for group, names in non_actors.items()
        if not group.startswith("_")
        for name in names
    )
    capability = load_data_file("capability_lexicon.json")
    cues = load_data_file("actor_type_cues.json")
    titles = load_data_file("person_titles.json")
    return Lexicons(
        gazetteer=gazetteer,
        gazetteer_by_key=by_key,
        gazetteer_by_name={entry.name: entry for entry in gazetteer},
        non_actor_keys=non_actor_keys,
        non_actor_words={
            key: frozenset(value)
            for key, value in load_data_file("non_actor_words.json").items()
            if not key.startswith("_")
        },
        capability_terms=capability["terms"],
        inn_suffixes=capability["inn_suffixes"],
        type_descriptions=cues["descriptions"],
        type_name_tokens=cues["name_tokens"],
        ambiguous_name_tokens=frozenset(cues["ambiguous_name_tokens"]),
        relation_cues=load_data_file("relation_cues.json"),
        title_heads=frozenset(titles["heads"]),
        name_generic_words=frozenset(
            word.lower()
            for cues in cues["name_tokens"].values()
            for cue in cues
            for word in cue.split()
        )
        | frozenset(" ".join(suffix) for suffix in legal_suffixes()),
        company_words=frozenset(
            word.lower()
            for type_id in ("biotech", "medtech", "tech_supplier", "service_provider")
            for cue in cues["name_tokens"][type_id]
            for word in cue.split()
        )
        | frozenset(word for suffix in legal_suffixes() for word in suffix),
        title_modifiers=frozenset(titles["modifiers"]),
    )


@lru_cache(maxsize=1)
def get_lexicons() -> Lexicons:
    """The word lists, read once per process and shared by every user."""
    return load_lexicons()


@registry.misc("ie_nlp.lexicons.v1")
def lexicons_loader() -> Lexicons:
    """The loader the pipeline config names for components' word lists."""
    return get_lexicons()
