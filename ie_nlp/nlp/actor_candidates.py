"""Which entity spans are actors: organisation and person names, cleaned of determiners and
possessives, without the non-actors ANNOTATION.md lists (drugs, trials, journals, exchanges,
news wires)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from ie_nlp.names import has_legal_suffix, normalize_name
from ie_nlp.nlp.actor_ruler import CUE_PATTERN_ID
from ie_nlp.nlp.coordinated_names import with_coordinated_fields, with_coordinated_heads
from ie_nlp.nlp.glued_headings import without_doubles
from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.name_spans import (
    ORG_LABELS,
    OTHER_LABELS_WITH_CUES,
    gazetteer_entry,
    has_org_cue,
    has_unambiguous_legal_form,
    is_headline,
    is_listed,
    rejoined,
    split_coordinated,
    unlabelled_listed,
    unlabelled_reporters,
    with_legal_forms,
    with_unit_words,
)

_PRODUCT_CODE = re.compile(r"^[A-Z]{1,6}-?\d[\w\-]*$")


@dataclass
class Candidate:
    span: Span
    kind: str  # "org" or "person"
    gazetteer_name: str | None
    tentative: bool = False  # kept only as another mention of an actor found otherwise


def _trim(span: Span, lexicons: Lexicons) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    # a known organisation's name is a name to its edges ("ARCH Venture Partners")
    verbs_at_start, verbs_at_end = (
        (frozenset(), frozenset())
        if span.id_ and span.id_ != CUE_PATTERN_ID
        else (lexicons.headline_verbs, lexicons.headline_verbs_at_end)
    )
    while start < end and (
        doc[start].lower_ in lexicons.leading_noise
        or doc[start].is_space
        or _headline_verb(doc[start], end - start, verbs_at_start)
    ):
        start += 1
    end = _before_inner_verb(doc, start, end, verbs_at_end, lexicons)
    while end > start and (
        doc[end - 1].text in lexicons.trailing_noise
        or doc[end - 1].is_space
        or _headline_verb(doc[end - 1], end - start, verbs_at_end)
    ):
        end -= 1
    # "Lilly Bio" + "-Medicines", "C-I-" + "L Inc": a name the tokenizer split at a hyphen
    # goes on
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isupper()
    ):
        end += 2
    while (
        start >= 2
        and doc[start - 1].text == "-"
        and not doc[start - 2].whitespace_
        and not doc[start - 1].whitespace_
        and doc[start - 2].text[:1].isupper()
    ):
        start -= 2
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label, span_id=span.id)


def _before_inner_verb(
    doc: Doc, start: int, end: int, verbs: frozenset[str], lexicons: Lexicons
) -> int:
    """ "Loxo Oncology Announce Expiration", "Clinilabs Expands Executive Leadership Team": a
    headline's subject and its verb's object read as one name end before the verb, unless the
    words from the verb on are name words themselves ("Centerview Partners") or a legal form
    ends the name ("Arsenal Acquiring Corp", "Snyder Oil Partners L.P.")."""
    if has_legal_suffix(doc[start:end].text):
        return end
    for inner in range(start + 1, end):
        token = doc[inner]
        if (
            token.is_title
            and token.lower_ in verbs
            and not all(t.lower_ in lexicons.name_generic_words for t in doc[inner:end])
        ):
            return inner
    return end


def _headline_verb(token: Token, length: int, verbs: frozenset[str]) -> bool:
    """A title-case headline verb at the edge of a longer span ("Acquire X BioSciences")."""
    return length > 1 and token.is_title and token.lower_ in verbs


def _is_inn(word: str, lexicons: Lexicons) -> bool:
    lower = word.lower()
    return (
        len(lower) >= 7
        and lower.isalpha()
        and any(lower.endswith(stem) for stem in lexicons.inn_suffixes)
    )


def _rejected(span: Span, lexicons: Lexicons, known: bool) -> bool:
    text = span.text
    key = normalize_name(text)
    if not key or key in lexicons.non_actor_keys:
        return True
    if span.start > 0 and span.doc[span.start - 1].is_currency:
        return True  # "$3M" is an amount, whatever company is called "3M"
    if known:
        return False
    # "2023 Annual Report" is no name, "First Montauk Securities Corp" is ("first" is like_num)
    starts_with_number = span[0].like_num and not span[0].is_title
    words = lexicons.non_actor_words
    initial = text[0].isupper() or text[0].isdigit()  # "5AM Ventures"
    if not initial or starts_with_number or any(m in text for m in words["brand_marks"]):
        return True
    own_words = span[: _institution_head(span, lexicons)]
    if span[-1].text in words["last_words"] and len(own_words) == len(span):
        return True
    if any(t.text in words["any_words"] for t in own_words):
        return True
    if span.start > 0 and span.doc[span.start - 1].lower_ in words["preceding_words"]:
        return True
    letters = [ch for ch in text if ch.isalpha()]
    if (
        letters
        and all(ch.isupper() for ch in letters)
        and (len(letters) <= 5 or len(span) > 1 or len(letters) > 6)
    ):
        return True  # tickers, unexplained acronyms, all-caps datelines
    if (
        is_headline(span.sent)
        and not has_org_cue(span, lexicons)
        and not has_unambiguous_legal_form(span, lexicons)
        and not is_listed(span, lexicons)
    ):
        return True
    if "\n\n" in text or len(span) > 12:
        return True
    if _PRODUCT_CODE.match(text.replace(" ", "")) or _is_inn(span[-1].text, lexicons):
        return True
    return not any(ch.isalpha() for ch in text)


def _institution_head(span: Span, lexicons: Lexicons) -> int:
    """Where an institution's "of" or "for" phrase begins ("Association for the Study of Pain"),
    after which the words name its field, not a trial or a disease; the span's length if none,
    or if a capitalised word right after the span shows the NER cut the name ("Gene Editing
    Institute of the Helen F. Graham Cancer" + "Center")."""
    heads = lexicons.non_actor_words["institution_heads"]
    doc = span.doc
    if span.end < len(doc) and doc[span.end].is_title:
        return len(span)
    for token in span[:-1]:
        if token.text in heads and doc[token.i + 1].lower_ in {"of", "for"}:
            return token.i + 1 - span.start
    return len(span)


def _only_generic_words(span: Span, lexicons: Lexicons) -> bool:
    """ "Clinical Oncology", "Medical Research": a cue word after words that name nothing;
    punctuation names nothing either, but "5AM" in "5AM Ventures" does."""
    generic = lexicons.non_actor_words["generic_name_words"]
    return all(
        token.text in generic
        or token.lower_ in lexicons.name_generic_words
        or not any(ch.isalnum() for ch in token.text)
        for token in span
    )


def _person_name(span: Span, lexicons: Lexicons) -> Span | None:
    """A person's name without a title or degree in front: "CEO Jane Doe" → "Jane Doe";
    "Ph.D. Founder" is no name. A capitalised title word stays ("Dean Y. Li"), and a
    generational suffix the NER left out is taken in ("Robert F. Kennedy, Jr.")."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and doc[start].lower_ in lexicons.title_heads and not doc[start].is_title:
        start += 1
    if all(token.lower_ in lexicons.title_heads for token in doc[start:end]):
        return None
    suffix = end + 1 if end < len(doc) and doc[end].text == "," else end
    if suffix < len(doc) and doc[suffix].text in lexicons.generational_suffixes:
        end = suffix + 1
    return Span(doc, start, end, label=span.label)


def find_candidates(doc: Doc, lexicons: Lexicons) -> list[Candidate]:
    candidates: list[Candidate] = []
    names = rejoined(without_doubles(doc.ents), lexicons)
    for reshaped in (
        with_legal_forms,
        with_coordinated_fields,
        with_coordinated_heads,
        with_unit_words,
    ):
        names = reshaped(names, lexicons)
    entities = sorted(
        [
            *names,
            *unlabelled_reporters(doc, lexicons),
            *unlabelled_listed(doc, lexicons),
        ],
        key=lambda span: span.start,
    )
    for ent in (part for entity in entities for part in split_coordinated(entity, lexicons)):
        span = _trim(ent, lexicons)
        if span is None:
            continue
        from_cue = ent.id_ == CUE_PATTERN_ID
        gazetteer_name = None if from_cue else (ent.id_ or None)
        # "Clinical Oncology" names nothing; "Capital Food Services Ltd" has a legal form
        if from_cue and not has_legal_suffix(span.text) and _only_generic_words(span, lexicons):
            continue
        if gazetteer_name is None:
            entry = gazetteer_entry(span, lexicons)
            gazetteer_name = entry.name if entry else None
        if _rejected(span, lexicons, known=gazetteer_name is not None):
            continue
        tentative = False
        if (
            ent.label_ in ORG_LABELS
            or gazetteer_name
            or has_org_cue(span, lexicons)
            or is_listed(span, lexicons)
        ):
            kind = "org"
        elif ent.label_ == "PERSON":
            kind = "person"
        elif len(span) == 1 and ent.label_ in OTHER_LABELS_WITH_CUES:
            kind, tentative = "org", True  # "Meridian" (NORP) after "Meridian Energy Inc"
        else:
            continue
        if kind == "person":
            person = _person_name(span, lexicons)
            if person is None or any(ch.isdigit() for ch in person.text):
                continue
            span = person
        candidates.append(Candidate(span, kind, gazetteer_name, tentative))
    return candidates
