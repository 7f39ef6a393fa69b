"""A deal's terms (CONTRACT.md § Deal terms) from the sentence that states it and the sentences
that go on about it ("Under the terms of the agreement, Lycia will receive an upfront payment
of $35 million …"): the amounts by their role, the headline amount, the round, royalties.

A sentence of the article goes on about the deal when it names one of the two parties and no
other organisation, or names none after one that does with no other organisation named in
between ("Lycia will receive … The company is also eligible …"); the "About X" paragraphs,
legal paperwork and contacts never do. The deal's own sentence comes first, the others in the
article's order. A plain amount (no role) counts only from the first of them that has one, so
that a later revenue or market figure is not the deal's value."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from spacy.tokens import Span

from ie_nlp.nlp.deal_attributes import (
    DealTerms,
    Money,
    find_money,
    money_role,
    parse_round,
    parse_royalties,
)
from ie_nlp.nlp.holders import org_actors_in
from ie_nlp.nlp.records import RelationRecord
from ie_nlp.nlp.text_zones import Zoning

MAX_TERM_SENTENCES = 30
_NO_TERMS_ZONES = frozenset({"about", "legal", "contact"})


def term_sentences(record: RelationRecord, text_zones: dict[str, tuple[str, ...]]) -> list[Span]:
    """The deal's sentence and those that go on about it, at most ``MAX_TERM_SENTENCES``."""
    parties = {id(record.source), id(record.target)}
    evidence = record.evidence
    found = [evidence]
    zoning = Zoning(text_zones)
    follows = False
    for number, sentence in enumerate(evidence.doc.sents):
        zones = zoning.zones(sentence, number)  # every sentence, in order: zones carry over
        if len(found) >= MAX_TERM_SENTENCES:
            break
        named = {id(actor) for _, actor in org_actors_in(sentence)}
        if sentence.start == evidence.start:
            follows = True
            continue
        if named - parties or zones & _NO_TERMS_ZONES:
            follows = False
            continue
        if named or follows:
            found.append(sentence)
        follows = follows or bool(named)
    return found


def _milestones(amounts: list[Money], totals: list[Money]) -> Money:
    """The stated total: an amount written as covering the others ("up to $1 billion,
    including $200 million in development milestones"), else their sum ("$210 million in
    development and $180 million in sales milestones")."""
    if totals:
        return max(totals, key=lambda m: m.amount)
    if len(amounts) == 1:
        return amounts[0]
    first = amounts[0]
    return Money(sum(m.amount for m in amounts), first.currency, True, first.start, first.end)


def _covers(text: str, money: Money, terms: DealTerms) -> bool:
    after = text[money.end : money.end + terms.role_window[1]].lower()
    return any(cue in after for cue in terms.total_cues)


def deal_terms(record: RelationRecord, terms: DealTerms, sentences: list[Span]) -> dict[str, Any]:
    """The money terms, round and royalties that ``sentences`` (``term_sentences``) give for
    the deal."""
    if record.type in terms.types_without_money:
        return {}
    plain: list[Money] = []
    by_role: dict[str, list[Money]] = defaultdict(list)
    totals: list[Money] = []
    royalties = None
    for sentence in sentences:
        text = sentence.text
        found = find_money(text, terms)
        plain_here = []
        by_role_here: dict[str, list[Money]] = defaultdict(list)
        for money in found:
            role = money_role(text, money, found, terms)
            if role is None or (role == "equity" and record.type == "investment"):
                if money.amount >= terms.smallest_deal_value:
                    plain_here.append(money)
            elif role in terms.roles_by_type.get(record.type, (role,)):
                by_role_here[role].append(money)
        if not plain:
            plain = plain_here
        # a role's amounts come from the first sentence that gives any: a later one restates
        # them ("the $1.6 billion in milestones") or is about something else. The milestones
        # are the "up to" total, so one stated later replaces a milestone paid ("received a
        # $230,000 milestone payment … remains eligible to receive up to $7 million")
        for role, amounts in by_role_here.items():
            paid_only = role == "milestones" and not any(m.up_to for m in by_role.get(role, ()))
            if role not in by_role or (paid_only and any(m.up_to for m in amounts)):
                by_role[role] = amounts
                if role == "milestones":
                    totals = [m for m in amounts if _covers(text, m, terms)]
        royalties = royalties or parse_royalties(text, terms)
    attributes: dict[str, Any] = {}
    headline = (
        max(plain, key=lambda m: (m.up_to, m.amount))
        if plain
        else next(iter(by_role.get("upfront", [])), None)
    )
    if headline is not None:
        attributes.update(headline.as_terms())
    for role in ("upfront", "equity", "price_per_share"):
        if by_role.get(role):
            attributes[role] = by_role[role][0].amount
    if by_role.get("milestones"):
        attributes["milestones"] = _milestones(by_role["milestones"], totals).amount
    if "currency" not in attributes and by_role:
        attributes["currency"] = next(iter(by_role.values()))[0].currency
    if record.type == "investment":
        round_name = parse_round(record.evidence.text, terms)
        if round_name:
            attributes["round"] = round_name
    if royalties:
        attributes["royalties"] = royalties
    return attributes
