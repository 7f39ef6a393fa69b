"""Organisations a text names around a deal without being its parties: the advisers (legal
counsel, financial advisers, depositaries, paying agents, underwriters) and the merger
subsidiary through which a buyer makes its offer.

ANNOTATION.md gives advisers no deal record and links an acquisition to the parent companies,
not to the merger subsidiary. As candidates they were paired with the parties of the very deal
they serve, in the sentences that name them ("For Lilly, Kirkland & Ellis LLP is acting as legal
counsel"), and the model, which sees no actor types, read those sentences as deals. They are
recognised here from what the text calls them, words in ``data/deal_bystanders.json``, and
left out of the deal candidates (``deal_pairs``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Doc, Span

from ie_nlp.nlp.records import ActorRecord


def _phrases(words: Iterable[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(word.split()) for word in words)


def _normalised(tokens: Iterable[Any]) -> list[str]:
    """Lower-case words, a hyphen joined to its neighbours ("wholly - owned" → "wholly-owned")."""
    words: list[str] = []
    glue = False
    for token in tokens:
        text = token.lower_
        if text == "-" and words:
            words[-1] += "-"
            glue = True
        elif glue:
            words[-1] += text
            glue = False
        else:
            words.append(text)
    return words


def _starts_with(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(tuple(words[: len(phrase)]) == phrase for phrase in phrases)


def _contains(words: list[str], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(_starts_with(words[i:], phrases) for i in range(len(words)))


@dataclass(frozen=True)
class DealBystanders:
    """The word tables of ``data/deal_bystanders.json``."""

    roles: tuple[tuple[str, ...], ...]
    lead_in: frozenset[str]
    lead_in_max: int
    vehicle_words: frozenset[str]
    vehicle_names: tuple[tuple[str, ...], ...]
    vehicle_cues: tuple[tuple[str, ...], ...]
    cue_window: int

    @classmethod
    def from_data(cls, raw: dict[str, Any]) -> DealBystanders:
        lead_in, vehicles = raw["role_lead_in"], raw["vehicles"]
        return cls(
            roles=_phrases(raw["roles"]["words"]),
            lead_in=frozenset(lead_in["words"]),
            lead_in_max=int(lead_in["max_tokens"]),
            vehicle_words=frozenset(vehicles["name_words"]),
            vehicle_names=_phrases(vehicles["names_that_say_it"]),
            vehicle_cues=_phrases(vehicles["cues"]),
            cue_window=int(vehicles["cue_window_tokens"]),
        )

    def of(self, doc: Doc, actors: Iterable[ActorRecord]) -> frozenset[str]:
        """The ids of the organisations that one of their mentions names as an adviser or a
        merger subsidiary."""
        return frozenset(
            actor.id
            for actor in actors
            if actor.kind == "org"
            and any(self._adviser(doc, m) or self._vehicle(doc, m) for m in actor.mentions)
        )

    def _adviser(self, doc: Doc, mention: Span) -> bool:
        end = mention.sent.end
        after = _normalised(doc[mention.end : min(end, mention.end + self.lead_in_max + 3)])
        for skipped, word in enumerate(after):
            if _starts_with(after[skipped:], self.roles):
                # right after the name, the word is someone's of that organisation's
                # ("Pfizer adviser Jane Doe"), not the organisation's role
                return skipped > 0
            if word not in self.lead_in or skipped >= self.lead_in_max:
                return False
        return False

    def _vehicle(self, doc: Doc, mention: Span) -> bool:
        name = _normalised(mention)
        if _contains(name, self.vehicle_names):
            return True
        if not self.vehicle_words.intersection(name):
            return False
        sentence = mention.sent
        before = doc[max(sentence.start, mention.start - self.cue_window) : mention.start]
        after = doc[mention.end : min(sentence.end, mention.end + self.cue_window)]
        return _contains(_normalised(before), self.vehicle_cues) or _contains(
            _normalised(after), self.vehicle_cues
        )
