"""What a deal is about and where its rights apply: ``asset`` and ``territory`` (CONTRACT.md
§ Deal terms), as written in the deal's sentence and the ones that go on about it
(``deal_terms.term_sentences``), the deal's own sentence first.

An asset is a development code ("MK-7762"), a medicine's nonproprietary name ("baricitinib"),
a trademarked name ("Vitargus®") or a named platform ("AOC platform"), never a party's name;
two joined by "and" are given together ("MK-7762 and MK-3854"). A territory is a reach near a
deal word ("an exclusive worldwide license"), with what narrows it ("worldwide, excluding
Greater China"), or a place after "in" or "outside" with a deal word just before
("co-commercialization rights in Japan"). The words are in ``data/deal_scope.json``."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Span

from ie_nlp.nlp.deal_attributes import alternatives
from ie_nlp.nlp.records import RelationRecord

_WORD = re.compile(r"\b[A-Za-z][a-z]+\b")
_CAPITALISED = r"[A-Z][\w\-.]*"
# where a narrowing ends: punctuation, a relative clause, or a new verb phrase
_CLAUSE_END = (
    r"[.;:()]|,?\s(?:where|which|while|whereby)\b"
    r"|\s(?:and|but)\s(?:has|have|will|is|are|retains?)\b"
)
_AND = re.compile(r"\s*(?:,\s*)?(?:and|&)\s+")


@dataclass(frozen=True)
class DealScope:
    """The word tables of ``data/deal_scope.json`` and the patterns built from them."""

    types: frozenset[str]  # deal types that get an asset and a territory
    code: re.Pattern[str]
    not_codes: frozenset[str]
    name_endings: tuple[str, ...]
    name_min_length: int
    not_names: frozenset[str]
    mark: re.Pattern[str]
    platform: re.Pattern[str]
    scope: re.Pattern[str]
    scope_window: int
    deal_words: tuple[str, ...]
    verbs_before: tuple[str, ...]
    limit: re.Pattern[str]
    before_place: tuple[tuple[str, ...], ...]
    deal_word_tokens_before: int
    not_after: tuple[str, ...]
    place_labels: frozenset[str]

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> DealScope:
        names, signs = raw["asset_name_endings"], raw["asset_marks"]["signs"]
        scopes, places = raw["territory_scopes"], raw["territory_places"]
        platform_words = alternatives(raw["asset_platform_words"]["words"])
        return cls(
            types=frozenset(raw["scope_types"]["types"]),
            code=re.compile(raw["asset_code"]["regex"]),
            not_codes=frozenset(raw["asset_code"]["not_codes"]),
            name_endings=tuple(names["endings"]),
            name_min_length=int(names["min_length"]),
            not_names=frozenset(names["not_names"]),
            mark=re.compile(
                rf"(?P<name>(?:[A-Z][A-Z\-.]*\s){{0,2}}{_CAPITALISED})\s?(?:{alternatives(signs)})"
            ),
            # a possessive or an article is not part of a platform's name ("Its AOC platform")
            platform=re.compile(
                rf"(?P<name>(?:(?!(?:The|Its|Our|This|Their)\b)[A-Z][\w\-]*(?<!'s)\s){{1,3}})"
                rf"(?:{platform_words})\b"
            ),
            scope=re.compile(
                rf"(?<![\w-])(?:{alternatives(scopes['words'])})(?![\w-])", re.IGNORECASE
            ),
            scope_window=int(scopes["scope_window"]),
            deal_words=tuple(scopes["deal_words"]),
            verbs_before=tuple(scopes["verbs_before"]),
            limit=re.compile(
                rf",?\s+(?:{alternatives(raw['territory_limits']['words'])})\s+"
                rf".+?(?={_CLAUSE_END}|$)",
                re.IGNORECASE,
            ),
            before_place=tuple(tuple(p.split()) for p in places["before_place"]),
            deal_word_tokens_before=int(places["deal_word_tokens_before"]),
            not_after=tuple(places["not_after"]),
            place_labels=frozenset(places["place_labels"]),
        )


def deal_scope(record: RelationRecord, scope: DealScope, sentences: list[Span]) -> dict[str, str]:
    """``asset`` and ``territory`` where the sentences give them."""
    found: dict[str, str] = {}
    if record.type not in scope.types:
        return found
    parties = [
        (mention.start_char, mention.end_char)
        for actor in (record.source, record.target)
        for mention in actor.mentions
    ]
    for sentence in sentences:
        if "asset" not in found:
            asset = find_asset(sentence, scope, parties)
            if asset:
                found["asset"] = asset
        if "territory" not in found:
            territory = find_territory(sentence, scope)
            if territory:
                found["territory"] = territory
    return found


def _asset_spans(text: str, scope: DealScope) -> list[tuple[int, int]]:
    spans = []
    for match in scope.code.finditer(text):
        code = match.group(0).lower()
        letters = code.rstrip("0123456789").rstrip("- ")
        if code not in scope.not_codes and letters not in scope.not_codes:
            spans.append(match.span())
    for match in _WORD.finditer(text):
        word = match.group(0).lower()
        if (
            len(word) >= scope.name_min_length
            and word.endswith(scope.name_endings)
            and word not in scope.not_names
        ):
            spans.append(match.span())
    spans.extend(m.span("name") for m in scope.mark.finditer(text) if m.group("name"))
    spans.extend((m.start(), m.end()) for m in scope.platform.finditer(text))
    return spans


def find_asset(sentence: Span, scope: DealScope, parties: list[tuple[int, int]]) -> str | None:
    """The first asset the sentence names outside the parties' names, with a second one joined
    to it by "and"."""
    text, offset = sentence.text, sentence.start_char
    spans = sorted(
        (start, end)
        for start, end in _asset_spans(text, scope)
        if not any(start + offset < p_end and p_start < end + offset for p_start, p_end in parties)
    )
    if not spans:
        return None
    start, end = spans[0]
    following = next((span for span in spans if span[0] >= end), None)
    if following and _AND.fullmatch(text, end, following[0]):
        end = following[1]
    return text[start:end].strip()


def find_territory(sentence: Span, scope: DealScope) -> str | None:
    """A reach with a deal word near it ("exclusive worldwide license", "commercialize the
    candidates worldwide") and what narrows it, else a place where a deal's rights apply."""
    text = sentence.text
    lowered = text.lower()
    for match in scope.scope.finditer(text):
        after = lowered[match.end() : match.end() + scope.scope_window]
        before = lowered[max(0, match.start() - scope.scope_window) : match.start()]
        if any(word in after for word in scope.deal_words) or any(
            verb in before for verb in scope.verbs_before
        ):
            limit = scope.limit.match(text, match.end())
            end = limit.end() if limit else match.end()
            return text[match.start() : end].strip(" ,")
    return _place(sentence, scope)


def _place(sentence: Span, scope: DealScope) -> str | None:
    for entity in sentence.ents:
        if entity.label_ not in scope.place_labels:
            continue
        words = [t.lower_ for t in sentence.doc[sentence.start : entity.start]]
        article = 1 if words[-1:] == ["the"] else 0
        words = words[: len(words) - article]
        preposition = next((p for p in scope.before_place if tuple(words[-len(p) :]) == p), None)
        if preposition is None:
            continue
        context = words[: len(words) - len(preposition)][-scope.deal_word_tokens_before :]
        if any(phrase in " ".join(context) for phrase in scope.not_after):
            continue
        if not any(word.startswith(scope.deal_words) for word in context):
            continue
        # "outside (of) China" is the territory; "in China" is China
        first = entity.start - (len(preposition) + article if preposition[0] == "outside" else 0)
        end = _joined_places(sentence, entity, scope).end_char
        return sentence.doc.text[sentence.doc[first].idx : end]
    return None


def _joined_places(sentence: Span, first: Span, scope: DealScope) -> Span:
    """The last of the places joined to ``first`` by commas and "and" ("the U.S. and
    Germany")."""
    last = first
    for entity in sentence.ents:
        if entity.start <= last.start or entity.label_ not in scope.place_labels:
            continue
        between = sentence.doc[last.end : entity.start].text
        if not _AND.fullmatch(" " + between + " ") and between.strip() != ",":
            break
        last = entity
    return last
