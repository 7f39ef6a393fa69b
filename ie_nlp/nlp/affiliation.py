"""Person -> organisation ``affiliation`` from titles and appositions: "said Jane Doe, CEO of
Acme", "Acme CEO Jane Doe", "Jane Doe has joined Acme as Chief Medical Officer"; and every
other person and organisation a sentence names together, for the trained scorer to judge
("Drs. Milbrandt and DiAntonio of Washington University")."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Doc, Span

from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.name_spans import POSSESSIVES
from ie_nlp.nlp.records import ActorRecord, actor_at

MAX_GAP_AFTER_PERSON = 30
MAX_GAP_BEFORE_PERSON = 6


def _role(doc: Doc, start: int, end: int, lexicons: Lexicons) -> str | None:
    """The title words between the two mentions, without linking words and degrees."""
    words = [t for t in doc[start:end] if t.lower_ not in lexicons.degrees]
    while words and (words[0].lower_ in lexicons.role_edges or words[0].is_punct):
        words = words[1:]
    while words and (words[-1].lower_ in lexicons.role_edges or words[-1].is_punct):
        words = words[:-1]
    if not words or len(words) > 12:
        return None
    text = doc[words[0].i : words[-1].i + 1].text
    return text if any(t.lower_ in lexicons.title_heads for t in words) else None


def _mentions(sentence: Span) -> list[tuple[int, int, ActorRecord]]:
    index = actor_at(sentence.doc)
    spans: list[tuple[int, int, ActorRecord]] = []
    for token in sentence:
        actor = index.get(token.i)
        if actor is None:
            continue
        if spans and spans[-1][2] is actor and spans[-1][1] == token.i:
            spans[-1] = (spans[-1][0], token.i + 1, actor)
        else:
            spans.append((token.i, token.i + 1, actor))
    return spans


def _title_right_after(doc: Doc, end: int, lexicons: Lexicons) -> str | None:
    """ "Jane Doe, Chief Executive Officer." with no organisation named: the title."""
    if end >= len(doc) or (
        doc[end].lower_ not in {",", "as"} and doc[end].lower_ not in lexicons.title_heads
    ):
        return None
    stop = end + 1
    while (
        stop < len(doc)
        and stop - end <= 10
        and doc[stop].text not in {".", "“", '"', ";"}
        and not doc[stop].is_sent_start
    ):
        stop += 1
    return _role(doc, end, stop, lexicons)


def _title_of_owner(doc: Doc, end: int, lexicons: Lexicons) -> str | None:
    """ "ABVC's Chief Executive Officer": a title right after its organisation's name."""
    if end >= len(doc) or doc[end].is_punct:
        return None
    return _title_right_after(doc, end, lexicons)


def _title_right_before(doc: Doc, start: int, lexicons: Lexicons) -> str | None:
    """ "CEO Doug Drysdale said …", "its CEO, Dr. Vuong Trieu": a title just before the name."""
    words = [t for t in doc[max(start - 5, 0) : start] if not t.is_sent_start or t.i == start - 1]
    while words and words[0].is_punct:
        words = words[1:]
    while words and (words[-1].lower_ in lexicons.degrees or words[-1].text == ","):
        words = words[:-1]
    if not words or words[-1].lower_ not in lexicons.title_heads or words[-1].pos_ == "VERB":
        return None
    return _role(doc, words[0].i, start, lexicons)


def _appointing_org(
    sentence: Span, before: list[tuple[int, int, ActorRecord]], lexicons: Lexicons
) -> ActorRecord | None:
    """The one organisation before the person in a sentence that appoints someone."""
    orgs = {id(actor): actor for _, _, actor in before if actor.kind == "org"}
    if len(orgs) != 1 or not any(t.lemma_.lower() in lexicons.appointing_lemmas for t in sentence):
        return None
    return next(iter(orgs.values()))


def _title_before_org(
    doc: Doc, o_start: int, p_start: int, o_end: int, lexicons: Lexicons
) -> str | None:
    """ "specialist physician at The Townsville Hospital, Dr Jeremy Furyk": the title stands
    before the organisation, the name right after it."""
    if any(t.is_alpha and t.lower_ not in {"dr", "prof", "professor"} for t in doc[o_end:p_start]):
        return None
    start = o_start
    while start > 0 and o_start - start < 8 and not doc[start - 1].is_sent_start:
        start -= 1
        if doc[start].lower_ in lexicons.title_heads:
            return _role(doc, start, o_start, lexicons)
    return None


def affiliations(
    sentence: Span, lexicons: Lexicons, default_org: ActorRecord | None
) -> Iterator[tuple[ActorRecord, ActorRecord, str | None]]:
    """(person, organisation, role) pairs the sentence states; a titled person with no
    organisation in the sentence works for ``default_org`` (the organisation the text is
    about, as in "said Jane Doe, Chief Executive Officer.")."""
    doc = sentence.doc
    mentions = _mentions(sentence)
    seen: set[tuple[str, str]] = set()
    for position, (p_start, p_end, person) in enumerate(mentions):
        if person.kind != "person":
            continue
        # organisations after the person, up to the next person
        for o_start, o_end, org in mentions[position + 1 :]:
            if org.kind == "person" or o_start - p_end > MAX_GAP_AFTER_PERSON:
                break
            if (person.id, org.id) in seen:
                continue
            possessive = o_end < len(doc) and doc[o_end].text in POSSESSIVES
            gap_words = {t.lower_ for t in doc[p_end:o_start]}
            if gap_words == {","}:
                # "said Uttam Patil, ABVC's Chief Executive Officer"
                role = _title_of_owner(doc, o_end + possessive, lexicons)
                if role is None:
                    continue
            elif possessive:
                continue  # "director of Ohio State's Center for …": the centre, not the owner
            elif gap_words & lexicons.title_heads and "said" not in gap_words:
                role = _role(doc, p_end, o_start, lexicons)
            else:
                continue
            seen.add((person.id, org.id))
            yield person, org, role
        # "Acme CEO Jane Doe", "Acme's president, Jane Doe", "physician at Acme, Dr Jane Doe"
        if position > 0:
            o_start, o_end, org = mentions[position - 1]
            if org.kind == "org" and 0 < p_start - o_end <= MAX_GAP_BEFORE_PERSON:
                gap = doc[o_end:p_start]
                role = _role(doc, o_end, p_start, lexicons) or _title_before_org(
                    doc, o_start, p_start, o_end, lexicons
                )
                if (
                    role
                    and (person.id, org.id) not in seen
                    and not any(t.is_sent_start for t in gap)
                ):
                    seen.add((person.id, org.id))
                    yield person, org, role
        appointer = _appointing_org(sentence, mentions[:position], lexicons)
        if appointer is not None and not any(p == person.id for p, _ in seen):
            # "Vesicor Therapeutics names Michael Tolentino CEO", "Acme appointed Jane Doe as CFO"
            role = _title_right_after(doc, p_end, lexicons)
            if role:
                seen.add((person.id, appointer.id))
                yield person, appointer, role
        if default_org is not None and not any(p == person.id for p, _ in seen):
            role = _title_right_after(doc, p_end, lexicons) or _title_right_before(
                doc, p_start, lexicons
            )
            if role and (person.id, default_org.id) not in seen:
                seen.add((person.id, default_org.id))
                yield person, default_org, role


def co_mentioned(sentence: Span) -> Iterator[tuple[ActorRecord, ActorRecord]]:
    """Each (person, organisation) pair the sentence names, once."""
    actors = {id(actor): actor for _, _, actor in _mentions(sentence)}
    people = [a for a in actors.values() if a.kind == "person"]
    orgs = [a for a in actors.values() if a.kind == "org"]
    for person in people:
        for org in orgs:
            yield person, org
