"""Which entity spans are actors: organisation and person names, cleaned of determiners and
possessives, without the non-actors ANNOTATION.md lists (drugs, trials, journals, exchanges,
news wires)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from ie_nlp.names import has_legal_suffix, normalize_name
from ie_nlp.nlp.actor_ruler import CUE_PATTERN_ID
from ie_nlp.nlp.lexicons import GazetteerEntry, Lexicons

_PRODUCT_CODE = re.compile(r"^[A-Z]{1,6}-?\d[\w\-]*$")
_LEADING_NOISE = {
    *("the", "a", "an", "our", "its", "their", "his", "her", "•", "-", "–", "*", "#"),
    *("mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr.", "prof", "prof.", "professor"),
    *("subsidiary", "affiliate", "unit", "partner"),  # "Subsidiary HOPE Therapeutics"
}
_BRAND_MARKS = ("®", "™", "©")
_TRAILING_NOISE = {
    "'s",
    "’s",
    "'",
    "’",
    ",",
    ".",
    "-",
    "–",
    ")",
    "(",
    "*",
    ":",
    ";",
    "and",
    "&",
    "at",
    "of",
    "for",
    "in",
    "the",
    "with",
    "to",
}
_GENERIC = {
    "company",
    "the company",
    "board",
    "phase",
    "series",
    "inc",
    "ltd",
    "group",
    "university",
    "institute",
    "hospital",
    "foundation",
    "ventures",
    "capital",
    "partners",
    "bio",
    "pharma",
    "therapeutics",
    "ceo",
    "cfo",
    "covid",
    "covid 19",
    "sars cov 2",
    "ai",
    "us",
    "u s",
    "eu",
}
ORG_LABELS = {"ORG"}
OTHER_LABELS_WITH_CUES = {"FAC", "PRODUCT", "NORP", "WORK_OF_ART", "GPE", "LOC", "PERSON", "EVENT"}


@dataclass
class Candidate:
    span: Span
    kind: str  # "org" or "person"
    gazetteer_name: str | None
    tentative: bool = False  # kept only as another mention of an actor found otherwise


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in _LEADING_NOISE or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].text in _TRAILING_NOISE or doc[end - 1].is_space):
        end -= 1
    # "Lilly Bio" + "-Medicines": a name the tokenizer split at a hyphen continues
    while (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end - 1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isupper()
    ):
        end += 2
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label, span_id=span.id)


def _is_inn(word: str, lexicons: Lexicons) -> bool:
    lower = word.lower()
    return (
        len(lower) >= 7
        and lower.isalpha()
        and any(lower.endswith(stem) for stem in lexicons.inn_suffixes)
    )


def _has_org_cue(span: Span, lexicons: Lexicons) -> bool:
    words = {token.text for token in span}
    return any(
        cue.split()[-1] in words
        for type_id, cues in lexicons.type_name_tokens.items()
        for cue in cues
        if type_id != "person"
    )


def _rejected(span: Span, lexicons: Lexicons, known: bool) -> bool:
    text = span.text
    key = normalize_name(text)
    if not key or key in _GENERIC or key in lexicons.non_actor_keys:
        return True
    if known:
        return False
    # "2023 Annual Report" is no name, "First Montauk Securities Corp" is ("first" is like_num)
    starts_with_number = span[0].like_num and not span[0].is_title
    if not text[0].isupper() or starts_with_number or any(m in text for m in _BRAND_MARKS):
        return True
    words = lexicons.non_actor_words
    if span[-1].text in words["last_words"] or any(t.text in words["any_words"] for t in span):
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
    if _is_headline(span.sent) and not _has_org_cue(span, lexicons):
        return True
    if "\n\n" in text or len(span) > 12:
        return True
    if _PRODUCT_CODE.match(text.replace(" ", "")) or _is_inn(span[-1].text, lexicons):
        return True
    return not any(ch.isalpha() for ch in text)


def _only_generic_words(span: Span, lexicons: Lexicons) -> bool:
    """ "Clinical Oncology", "Medical Research": a cue word after words that name nothing."""
    generic = lexicons.non_actor_words["generic_name_words"]
    return all(
        token.text in generic or token.lower_ in lexicons.name_generic_words or not token.is_alpha
        for token in span
    )


_COUNTRY_PREFIXES = {
    "U.S.",
    "US",
    "UK",
    "U.K.",
    "EU",
    "European",
    "Japan",
    "Japanese",
    "China",
    "Chinese",
    "German",
    "India",
    "Indian",
}


def _gazetteer_entry(span: Span, lexicons: Lexicons) -> GazetteerEntry | None:
    """The gazetteer organisation a span names, also behind a country ("U.S. FDA")."""
    entry = lexicons.gazetteer_by_key.get(normalize_name(span.text))
    if entry is None and len(span) > 1 and span[0].text in _COUNTRY_PREFIXES:
        entry = lexicons.gazetteer_by_key.get(normalize_name(span[1:].text))
    return entry


def _is_headline(sentence: Span) -> bool:
    """A title-case line ("Merck Announces First-Line Data in Patients With …")."""
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    return len(words) >= 4 and sum(t.text[0].isupper() for t in words) >= 0.8 * len(words)


_LEGAL_ENDINGS = {
    "inc",
    "inc.",
    "corp",
    "corp.",
    "co",
    "co.",
    "ltd",
    "ltd.",
    "plc",
    "llc",
    "ag",
    "sa",
    "nv",
    "n.v.",
    "gmbh",
    "corporation",
    "limited",
    "company",
}


def _split_coordinated(ent: Span) -> list[Span]:
    """Two names joined by "and" ("Meridian Energy Inc and Castone Development Corp"), or by a
    sentence break that the name ruler ran across ("… in CytRx Biopool Ltd. Biopool AB
    develops …")."""
    for token in ent:
        if ent.start < token.i and token.is_sent_start:
            left = Span(ent.doc, ent.start, token.i, label=ent.label)
            right = Span(ent.doc, token.i, ent.end, label=ent.label)
            return [left, *_split_coordinated(right)]
        if (
            token.lower_ in {"and", "&"}
            and ent.start < token.i < ent.end - 1
            and token.doc[token.i - 1].lower_ in _LEGAL_ENDINGS
        ):
            left = Span(ent.doc, ent.start, token.i, label=ent.label)
            right = Span(ent.doc, token.i + 1, ent.end, label=ent.label)
            return [left, *_split_coordinated(right)]
    return [ent]


def _person_name(span: Span, lexicons: Lexicons) -> Span | None:
    """A person's name without a title or degree in front: "CEO Jane Doe" → "Jane Doe";
    "Ph.D. Founder" is no name. A capitalised title word stays ("Dean Y. Li")."""
    doc = span.doc
    start, end = span.start, span.end
    while start < end and doc[start].lower_ in lexicons.title_heads and not doc[start].is_title:
        start += 1
    if all(token.lower_ in lexicons.title_heads for token in doc[start:end]):
        return None
    return Span(doc, start, end, label=span.label)


_POSSESSIVES = {"'s", "’s", "'", "’"}


def _rejoined(ents: Sequence[Span], lexicons: Lexicons) -> list[Span]:
    """Names the NER cut in two where the name ruler had taken their legal-form end:

    - "Rogers and" + "Cowan Inc", "Clayton" + "and" + "Dubilier Inc";
    - "Scott" + "'s" + "Hospitality Inc".

    A first part that is a name by itself stays apart: it has its own organisation cue or
    legal form ("Center for Clinical Management Research and …"), is a known organisation, or
    is written elsewhere in the text without an "and" or "'s" after it ("Pfizer and BioNTech
    SE" in a text that also says "Pfizer said")."""
    alone = Counter(ent.text for ent in ents if not _linked_after(ent))
    joined: list[Span] = []
    for ent in ents:
        previous = joined[-1] if joined else None
        if previous is not None and _cut_name(previous, ent, alone, lexicons):
            joined[-1] = Span(ent.doc, previous.start, ent.end, label=ent.label, span_id=ent.id)
        else:
            joined.append(ent)
    return joined


def _linked_after(span: Span) -> bool:
    """Whether "and", "&" or a possessive follows the span."""
    if span.end >= len(span.doc):
        return False
    link = span.doc[span.end]
    return link.text in _POSSESSIVES or link.lower_ in {"and", "&"}


def _cut_name(first: Span, rest: Span, alone: Counter[str], lexicons: Lexicons) -> bool:
    """Whether ``first`` and ``rest`` are the two parts of one cut name (see ``_rejoined``)."""
    doc = first.doc
    if rest.label_ != "ORG" or not has_legal_suffix(rest.text):
        return False
    if first.end == rest.start and first.label_ == "ORG" and first[-1].lower_ in {"and", "&"}:
        head = first[:-1]  # the NER took the "and"
    elif first.end + 1 == rest.start and first.label_ in ORG_LABELS | OTHER_LABELS_WITH_CUES:
        if alone[first.text] or not _linked_after(first):
            return False
        if len(first) > 1 and (doc[first.end].text in _POSSESSIVES or first.label_ != "ORG"):
            return False  # "Scott's", "Clayton and", but not "vice chairman Dudley Taft and"
        head = first
    else:
        return False
    return (
        len(head) > 0
        and not _has_org_cue(head, lexicons)
        and not has_legal_suffix(head.text)
        and _gazetteer_entry(head, lexicons) is None
    )


def _unlabelled_reporters(doc: Doc, lexicons: Lexicons) -> list[Span]:
    """ "Wyse Technology said …": a proper name of two or more words right before a reporting
    verb, which the NER left without a label, is an organisation (people's names it labels)."""
    reporting = frozenset(lexicons.relation_cues["hedges"]["backshift"]["reporting_lemmas"])
    found: list[Span] = []
    for token in doc:
        if (
            token.dep_ != "nsubj"
            or token.pos_ != "PROPN"
            or token.ent_iob_ != "O"
            or token.head.lemma_.lower() not in reporting
            or token.head.i != token.i + 1
        ):
            continue
        words = [token]
        while words[0].i > 0:
            before = doc[words[0].i - 1]
            if before.dep_ != "compound" or before.pos_ != "PROPN" or before.ent_iob_ != "O":
                break
            words.insert(0, before)
        if len(words) > 1 and all(word.is_title for word in words):
            found.append(Span(doc, words[0].i, token.i + 1, label="ORG"))
    return found


def find_candidates(doc: Doc, lexicons: Lexicons) -> list[Candidate]:
    candidates: list[Candidate] = []
    entities = sorted(
        [*_rejoined(doc.ents, lexicons), *_unlabelled_reporters(doc, lexicons)],
        key=lambda span: span.start,
    )
    for ent in (part for entity in entities for part in _split_coordinated(entity)):
        span = _trim(ent)
        if span is None:
            continue
        from_cue = ent.ent_id_ == CUE_PATTERN_ID
        gazetteer_name = None if from_cue else (ent.ent_id_ or None)
        # "Clinical Oncology" names nothing; "Capital Food Services Ltd" has a legal form
        if from_cue and not has_legal_suffix(span.text) and _only_generic_words(span, lexicons):
            continue
        if gazetteer_name is None:
            entry = _gazetteer_entry(span, lexicons)
            gazetteer_name = entry.name if entry else None
        if _rejected(span, lexicons, known=gazetteer_name is not None):
            continue
        tentative = False
        if ent.label_ in ORG_LABELS or gazetteer_name or _has_org_cue(span, lexicons):
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
