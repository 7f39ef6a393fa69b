"""The word lists of ``ie_nlp/data`` (gazetteer, cue lists, lexicons), typed on load.

Components get them through the registered loader ``ie_nlp.lexicons.v1`` named in the
pipeline's ``config.cfg``; code outside the pipeline calls ``get_lexicons``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.util import registry

from ie_nlp.names import legal_suffixes, normalize_name
from ie_nlp.nlp.deal_attributes import DealTerms
from ie_nlp.nlp.deal_bystanders import DealBystanders
from ie_nlp.nlp.deal_scope import DealScope
from ie_nlp.taxonomy import load_data_file


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    type: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class NameShapes:
    """The parts of organisation names in ``data/name_patterns.json`` that the entity ruler's
    patterns are made of."""

    joiners: tuple[str, ...]
    particles: tuple[str, ...]
    of_heads: tuple[str, ...]
    and_company: tuple[str, ...]
    and_phrases: tuple[str, ...]


@dataclass(frozen=True)
class Lexicons:
    """Every word list, typed. ``legal_forms``: the lower-case tokens that are a legal form;
    ``legal_completions``: words that end a two-word legal form after a one-word one but are
    none alone ("Limited Partnership", not "Strategic Partnership"); ``not_name_words``: the
    lower-case words that never continue a run of name words."""

    gazetteer: tuple[GazetteerEntry, ...]
    gazetteer_by_key: dict[str, GazetteerEntry]
    gazetteer_by_name: dict[str, GazetteerEntry]
    non_actor_keys: frozenset[str]
    non_actor_words: dict[str, frozenset[str]]
    capability_terms: dict[str, list[str]]
    capability_holder_types: frozenset[str]
    inn_suffixes: dict[str, str]
    type_descriptions: dict[str, list[str]]
    type_name_tokens: dict[str, list[str]]
    # the last words of organisations' name cues: "Therapeutics", "University", "for"
    org_cue_words: frozenset[str]
    ambiguous_name_tokens: frozenset[str]
    description_stops: frozenset[str]
    relation_cues: dict[str, Any]
    anaphors: frozenset[str]
    # cue phrases of the text zones that report no deal: about_starts, legal, contact
    text_zones: dict[str, tuple[str, ...]]
    title_heads: frozenset[str]
    degrees: frozenset[str]
    role_edges: frozenset[str]
    appointing_lemmas: frozenset[str]
    generational_suffixes: frozenset[str]
    name_generic_words: frozenset[str]
    company_words: frozenset[str]
    name_shapes: NameShapes
    legal_forms: frozenset[str]
    legal_completions: frozenset[str]
    not_name_words: frozenset[str]
    leading_noise: frozenset[str]
    headline_verbs: frozenset[str]
    headline_verbs_at_end: frozenset[str]  # also the bare forms, at a name's end edge only
    trailing_noise: frozenset[str]
    stock_exchanges: frozenset[str]
    country_prefixes: frozenset[str]
    deal_terms: DealTerms
    deal_scope: DealScope
    deal_bystanders: DealBystanders
    location_based_words: frozenset[str]
    location_max_gap_tokens: int
    markup_tokens: frozenset[str]
    emphasis_tokens: frozenset[str]  # markup that glued inside a sentence starts nothing


def _read_jsonl(name: str) -> list[dict[str, Any]]:
    text = resources.files("ie_nlp.data").joinpath(name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _legal_forms(extra_forms: list[str]) -> frozenset[str]:
    """Every one-word suffix of legal_suffixes.json as written and as normalised ("S.p.A."
    and "spa"), and the extra forms of name_patterns.json, lower-cased."""
    written = load_data_file("legal_suffixes.json")["suffixes"] + extra_forms
    forms = {form.lower() for form in written if " " not in form}
    return frozenset(forms | {suffix[0] for suffix in legal_suffixes() if len(suffix) == 1})


def _legal_completions(forms: frozenset[str]) -> frozenset[str]:
    seconds = {suffix[1] for suffix in legal_suffixes() if len(suffix) == 2 and suffix[0] in forms}
    return frozenset(seconds - forms)


def _name_shapes(patterns: dict[str, Any]) -> NameShapes:
    return NameShapes(
        joiners=tuple(patterns["joiners"]["tokens"]),
        particles=tuple(patterns["particles"]["words"]),
        of_heads=tuple(patterns["of_heads"]["words"]),
        and_company=tuple(patterns["and_company"]["words"]),
        and_phrases=tuple(patterns["and_phrases"]["phrases"]),
    )


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
    markup = load_data_file("markup_tokens.json")
    non_actor_keys = frozenset(
        normalize_name(name)
        for group, names in non_actors.items()
        if not group.startswith("_")
        for name in names
    )
    capability = load_data_file("capability_lexicon.json")
    cues = load_data_file("actor_type_cues.json")
    titles = load_data_file("person_titles.json")
    relation_cues = load_data_file("relation_cues.json")
    name_patterns = load_data_file("name_patterns.json")
    name_edges = load_data_file("name_edges.json")
    locations = load_data_file("location_cues.json")
    legal_forms = _legal_forms(name_patterns["extra_legal_forms"])
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
        capability_holder_types=frozenset(capability["holder_types"]),
        inn_suffixes=capability["inn_suffixes"],
        type_descriptions=cues["descriptions"],
        type_name_tokens=cues["name_tokens"],
        org_cue_words=frozenset(
            cue.split()[-1]
            for type_id, type_cues in cues["name_tokens"].items()
            if type_id != "person"
            for cue in type_cues
        ),
        ambiguous_name_tokens=frozenset(cues["ambiguous_name_tokens"]),
        description_stops=frozenset(cues["description_stops"]),
        relation_cues=relation_cues,
        anaphors=frozenset(relation_cues["anaphors"]["words"]),
        text_zones={
            zone: tuple(cues)
            for zone, cues in relation_cues["text_zones"].items()
            if not zone.startswith("_")
        },
        title_heads=frozenset(titles["heads"]),
        degrees=frozenset(titles["degrees"]),
        role_edges=frozenset(titles["role_edges"]),
        appointing_lemmas=frozenset(titles["appointing_lemmas"]),
        generational_suffixes=frozenset(titles["generational_suffixes"]),
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
        name_shapes=_name_shapes(name_patterns),
        legal_forms=legal_forms,
        legal_completions=_legal_completions(legal_forms),
        not_name_words=frozenset(STOP_WORDS - set(name_patterns["stop_words_in_names"]["words"]))
        | frozenset(name_patterns["title_words"]["words"]),
        leading_noise=frozenset(name_edges["leading_noise"]["words"]),
        headline_verbs=frozenset(name_edges["headline_verbs"]["words"]),
        headline_verbs_at_end=frozenset(name_edges["headline_verbs"]["words"])
        | frozenset(name_edges["headline_verbs_after_names"]["words"]),
        trailing_noise=frozenset(name_edges["trailing_noise"]["words"]),
        stock_exchanges=frozenset(name_patterns["stock_exchanges"]["words"]),
        country_prefixes=frozenset(name_edges["country_prefixes"]["words"]),
        deal_terms=DealTerms.from_data(load_data_file("deal_terms.json")),
        deal_scope=DealScope.from_data(load_data_file("deal_scope.json")),
        deal_bystanders=DealBystanders.from_data(load_data_file("deal_bystanders.json")),
        location_based_words=frozenset(locations["based_words"]),
        location_max_gap_tokens=int(locations["max_gap_tokens"]),
        markup_tokens=frozenset(markup["tokens"]),
        emphasis_tokens=frozenset(markup["emphasis"]),
    )


@lru_cache(maxsize=1)
def get_lexicons() -> Lexicons:
    """The word lists, read once per process and shared by every user."""
    return load_lexicons()


@registry.misc("ie_nlp.lexicons.v1")
def lexicons_loader() -> Lexicons:
    """The loader the pipeline config names for components' word lists."""
    return get_lexicons()
