"""Names the NER cut at an "and" or "&" inside them, made whole again:

- an "of" or "for" phrase that joins two fields: "College of Arts" + "and Sciences", "Office of
  Hematology" + "and" + "Oncology Products" (the NER gave the second field a name of its own);
- two fields before the name's head: "Brain" + "and" + "Mind Centre", "New York Eye" + "and" +
  "Ear Infirmary".

The words across the "and" must be no name of their own: not a known organisation or a
person, without a legal form, and written nowhere else in the text ("Acme and Mayo Clinic" in
a text that names Acme again is two organisations)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from ie_nlp.names import has_legal_suffix
from ie_nlp.nlp.actor_ruler import CUE_PATTERN_ID
from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.name_spans import ORG_LABELS, OTHER_LABELS_WITH_CUES

__all__ = ["with_coordinated_fields", "with_coordinated_heads"]

MAX_FIELD_WORDS = 4
_AND = frozenset({"and", "&"})


def with_coordinated_fields(ents: Sequence[Span], lexicons: Lexicons) -> list[Span]:
    """ "College of Arts" + "and Sciences", "Department of Psychiatry" + "and Behavioral
    Sciences": an organisation's name whose "of" or "for" phrase joins two fields, which the NER
    cut at the "and". The capitalised words after the "and" must end the name and be no name,
    title ("… Medical Center and Professor at …") or verb of their own."""
    extended: list[Span] = []
    taken_to = -1
    for index, ent in enumerate(ents):
        if ent.start < taken_to:
            continue  # the second field, now inside the name before it
        following = ents[index + 1] if index + 1 < len(ents) else None
        end = _field_end(ent, following, lexicons) if ent.label_ in ORG_LABELS else ent.end
        if end > ent.end:
            ent = _lengthened(ent, ent.start, end)
            taken_to = end
        extended.append(ent)
    return extended


def with_coordinated_heads(ents: Sequence[Span], lexicons: Lexicons) -> list[Span]:
    """ "Brain" + "and" + "Mind Centre", "Orange County Migraine" + "and" + "Headache Center":
    an institution's name ("institution_heads": Centre, Hospital …, not a company's), cut by the
    NER after an "and" that joins two fields before it. The capitalised words before the "and"
    (at most ``MAX_FIELD_WORDS``) are taken in."""
    extended: list[Span] = []
    for ent in ents:
        start = _fields_start(ent, extended[-1] if extended else None, lexicons)
        if start < ent.start:
            while extended and extended[-1].start >= start:
                extended.pop()  # the first field, which the NER labelled on its own
            ent = _lengthened(ent, start, ent.end)
        extended.append(ent)
    return extended


def _lengthened(ent: Span, start: int, end: int) -> Span:
    # a known organisation's name with more fields is another organisation
    span_id = CUE_PATTERN_ID if ent.id_ else ent.id
    return Span(ent.doc, start, end, label=ent.label, span_id=span_id)


def _no_name_of_its_own(span: Span) -> bool:
    return (
        not span.id_
        and span.label_ != "PERSON"
        and not has_legal_suffix(span.text)
        and span.doc.text.count(span.text) == 1
    )


def _stops_a_field(token: Token, lexicons: Lexicons) -> bool:
    return (
        not token.is_title
        or token.pos_ in {"VERB", "AUX"}
        or token.lower_ in lexicons.title_heads
        or token.lower_ in lexicons.headline_verbs_at_end
    )


def _field_end(ent: Span, following: Span | None, lexicons: Lexicons) -> int:
    doc = ent.doc
    link = ent.end
    if (
        link + 1 >= len(doc)
        or doc[link].lower_ not in _AND
        or not doc[link - 1].whitespace_
        or not any(token.lower_ in {"of", "for"} for token in ent[1:-1])
    ):
        return ent.end
    absorbable = following is not None and _no_name_of_its_own(following)
    end = link + 1
    while end < len(doc) and end - link <= MAX_FIELD_WORDS:
        token = doc[end]
        if token.text == "-" and not doc[end - 1].whitespace_ and not token.whitespace_:
            end += 1  # "Cell-Based"
            continue
        in_following = following is not None and following.start <= end < following.end
        if (
            (token.ent_iob_ != "O" and not (in_following and absorbable))
            or token.is_sent_start
            or _stops_a_field(token, lexicons)
        ):
            break
        end += 1
    if end == link + 1 or doc[end - 1].text == "-":
        return ent.end
    if (
        following is not None
        and following.start < end < following.end
        and any(token.is_alpha for token in doc[end : following.end])
    ):
        return ent.end  # the second field's name goes on past the first's words
    after = doc[end] if end < len(doc) else None
    if after is not None and after.is_title:
        return ent.end  # the capitalised words go on: more than the fields of one name
    return end


def _fields_start(ent: Span, previous: Span | None, lexicons: Lexicons) -> int:
    doc: Doc = ent.doc
    link = ent.start - 1
    if (
        len(ent) < 2
        or link < 1
        or ent.label_ not in ORG_LABELS | OTHER_LABELS_WITH_CUES
        or ent.label_ == "PERSON"
        or doc[link].lower_ not in _AND
        or ent[-1].text not in lexicons.non_actor_words["institution_heads"]
        or ent[0].is_sent_start
        or not ent[0].is_title
    ):
        return ent.start
    # an organisation's name the NER labelled before the "and" is one of its own ("Inventiv
    # Health and Optimer Pharmaceuticals"); a place may be a field ("Norfolk and Norwich …")
    absorbable = (
        previous is not None and previous.label_ not in ORG_LABELS and _no_name_of_its_own(previous)
    )
    start = link
    while start > 0 and link - start < MAX_FIELD_WORDS:
        token = doc[start - 1]
        in_previous = previous is not None and previous.start <= token.i < previous.end
        if (token.ent_iob_ != "O" and not (in_previous and absorbable)) or _stops_a_field(
            token, lexicons
        ):
            break
        start -= 1
        if token.is_sent_start:
            break
    if start == link:
        return ent.start
    before = doc[start - 1] if start > 0 and not doc[start].is_sent_start else None
    if before is not None and not _stops_a_field(before, lexicons):
        # the capitalised words go on: the first field ends a name ("Lilly Immunology and …")
        return ent.start
    if previous is not None and previous.start < start < previous.end:
        return ent.start  # the first field's name began before the words taken
    return start
