"""Entity spans reshaped into whole names before they become actor candidates: split where
one span holds two names, rejoined where the NER cut one name in two, lengthened where a known
organisation's name begins a unit's ("Merck Animal Health") or a legal form ends it
("Clinilabs, LLC"), and added where the NER left a reporting or a listed company without a
label. Names cut at an "and" are made whole in ``coordinated_names``."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from spacy.tokens import Doc, Span

from ie_nlp.names import has_legal_suffix, normalize_name
from ie_nlp.nlp.actor_ruler import CUE_PATTERN_ID
from ie_nlp.nlp.lexicons import GazetteerEntry, Lexicons

__all__ = [
    "ORG_LABELS",
    "OTHER_LABELS_WITH_CUES",
    "POSSESSIVES",
    "gazetteer_entry",
    "has_org_cue",
    "has_unambiguous_legal_form",
    "is_headline",
    "is_listed",
    "rejoined",
    "split_coordinated",
    "unlabelled_listed",
    "unlabelled_reporters",
    "with_legal_forms",
    "with_unit_words",
]

ORG_LABELS = {"ORG"}
# labels the NER gives organisation names too ("Meridian" as NORP, "Clayton" as PERSON)
OTHER_LABELS_WITH_CUES = {"FAC", "PRODUCT", "NORP", "WORK_OF_ART", "GPE", "LOC", "PERSON", "EVENT"}


def has_org_cue(span: Span, lexicons: Lexicons) -> bool:
    return any(token.text in lexicons.org_cue_words for token in span)


def gazetteer_entry(span: Span, lexicons: Lexicons) -> GazetteerEntry | None:
    """The gazetteer organisation a span names, also behind a country ("U.S. FDA")."""
    entry = lexicons.gazetteer_by_key.get(normalize_name(span.text))
    if entry is None and len(span) > 1 and span[0].text in lexicons.country_prefixes:
        entry = lexicons.gazetteer_by_key.get(normalize_name(span[1:].text))
    return entry


def split_coordinated(ent: Span, lexicons: Lexicons) -> list[Span]:
    """Two names joined by "and" ("Meridian Energy Inc and Castone Development Corp"), or by a
    sentence break that the name ruler ran across ("… in CytRx Biopool Ltd. Biopool AB
    develops …")."""
    for token in ent:
        if ent.start < token.i and token.is_sent_start:
            left = Span(ent.doc, ent.start, token.i, label=ent.label, span_id=ent.id)
            right = Span(ent.doc, token.i, ent.end, label=ent.label, span_id=ent.id)
            return [left, *split_coordinated(right, lexicons)]
        if (
            token.lower_ in {"and", "&"}
            and ent.start < token.i < ent.end - 1
            and token.doc[token.i - 1].lower_ in lexicons.legal_forms
        ):
            left = Span(ent.doc, ent.start, token.i, label=ent.label, span_id=ent.id)
            right = Span(ent.doc, token.i + 1, ent.end, label=ent.label, span_id=ent.id)
            return [left, *split_coordinated(right, lexicons)]
    return [ent]


POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


def rejoined(ents: Sequence[Span], lexicons: Lexicons) -> list[Span]:
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


def with_legal_forms(ents: Sequence[Span], lexicons: Lexicons) -> list[Span]:
    """ "Clinilabs" (read as a person) + ", LLC": a name followed by a comma and a legal form
    that the NER left outside it (or labelled alone) is an organisation's, legal form included;
    an organisation's name right before it is part of it ("Boehringer Ingelheim" + "Fremont"
    + ", Inc.")."""
    joined: list[Span] = []
    skip_to = -1
    for ent in ents:
        if ent.start < skip_to:
            continue  # the legal form taken into the name before it
        end = _legal_form_end(ent, lexicons)
        if end > ent.end:
            start = ent.start
            if joined and joined[-1].end == start and joined[-1].label_ in ORG_LABELS:
                start = joined.pop().start
            ent = Span(ent.doc, start, end, label="ORG", span_id=ent.id)
            skip_to = end
        joined.append(ent)
    return joined


def _legal_form_end(ent: Span, lexicons: Lexicons) -> int:
    doc = ent.doc
    end = ent.end
    if end + 1 >= len(doc) or doc[end].text != "," or ent.label_ not in OTHER_LABELS_WITH_CUES:
        return end
    form = end + 1
    while form < len(doc) and doc[form].lower_ in lexicons.legal_forms:
        form += 1
    named = doc[ent.start : form]
    return form if form > end + 1 and has_unambiguous_legal_form(named, lexicons) else end


def has_unambiguous_legal_form(span: Span, lexicons: Lexicons) -> bool:
    """ "Soligenix Inc": a legal form that marks a name even in a title-case headline; "Co" and
    "Company" do not ("New Company", "Expects Organon & Co.")."""
    return has_legal_suffix(span.text) and span[-1].lower_ not in lexicons.name_shapes.and_company


def _linked_after(span: Span) -> bool:
    """Whether "and", "&" or a possessive follows the span."""
    if span.end >= len(span.doc):
        return False
    link = span.doc[span.end]
    return link.text in POSSESSIVES or link.lower_ in {"and", "&"}


def _cut_name(first: Span, rest: Span, alone: Counter[str], lexicons: Lexicons) -> bool:
    """Whether ``first`` and ``rest`` are the two parts of one cut name (see ``rejoined``)."""
    doc = first.doc
    if rest.label_ != "ORG" or not has_legal_suffix(rest.text):
        return False
    if first.end == rest.start and first.label_ == "ORG" and first[-1].lower_ in {"and", "&"}:
        head = first[:-1]  # the NER took the "and"
    elif first.end + 1 == rest.start and first.label_ in ORG_LABELS | OTHER_LABELS_WITH_CUES:
        if alone[first.text] or not _linked_after(first):
            return False
        if len(first) > 1 and (doc[first.end].text in POSSESSIVES or first.label_ != "ORG"):
            return False  # "Scott's", "Clayton and", but not "vice chairman Dudley Taft and"
        head = first
    else:
        return False
    return (
        len(head) > 0
        and not has_org_cue(head, lexicons)
        and not has_legal_suffix(head.text)
        and gazetteer_entry(head, lexicons) is None
    )


def unlabelled_reporters(doc: Doc, lexicons: Lexicons) -> list[Span]:
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


_MAX_LISTED_NAME_TOKENS = 6


def is_listed(span: Span, lexicons: Lexicons) -> bool:
    """Whether a stock listing follows the name: "Soligenix (NASDAQ: SNGX)", "(NYSE American:
    ALZN)"; only a company is listed."""
    doc = span.doc
    after = doc[span.end : span.end + 4]
    return (
        len(after) > 2
        and after[0].text == "("
        and after[1].text in lexicons.stock_exchanges
        and any(token.text == ":" for token in after[2:])
    )


def unlabelled_listed(doc: Doc, lexicons: Lexicons) -> list[Span]:
    """ "Soligenix (NASDAQ: SNGX), a late-stage …": the capitalised words right before a stock
    listing that the NER left without a label are a company's name."""
    found: list[Span] = []
    for token in doc:
        if token.text != "(" or token.i == 0:
            continue
        start = token.i
        while start > 0 and token.i - start < _MAX_LISTED_NAME_TOKENS:
            before = doc[start - 1]
            # "Alzamend Neuro, Inc.": a comma before a legal form stays inside the name
            comma_in_name = before.text == "," and doc[start].lower_ in lexicons.legal_forms
            if before.ent_type_ or not (before.text[:1].isupper() or comma_in_name):
                break
            start -= 1
            if before.is_sent_start:
                break
        if start < token.i and doc[start].text != ",":
            name = Span(doc, start, token.i, label="ORG")
            if is_listed(name, lexicons):
                found.append(name)
    return found


_CLOCK_WORDS = {"am", "pm"}


def is_headline(sentence: Span) -> bool:
    """A title-case line ("Merck Announces First-Line Data in Patients With …"). A sentence of
    names is none where two verbs or pronouns are in lower case, which title case capitalises
    ("It is led by Enrique Schisterman of the Eunice Kennedy Shriver National Institute …")."""
    words = [t for t in sentence if t.is_alpha and len(t) > 3]
    if len(words) < 4 or sum(t.text[0].isupper() for t in words) < 0.8 * len(words):
        return False
    lower_case_verbs_or_pronouns = [
        t
        for t in sentence
        if t.is_lower and t.pos_ in {"VERB", "AUX", "PRON"} and t.lower_ not in _CLOCK_WORDS
    ]
    return len(lower_case_verbs_or_pronouns) < 2


_MAX_UNIT_WORDS = 3
_NAME_GOES_ON = {"of", "for", "&", "and", "-"}


def with_unit_words(ents: Sequence[Span], lexicons: Lexicons) -> list[Span]:
    """ "Merck" + "Animal Health", "Lilly" + "Oncology": a known organisation's name followed by
    capitalised words the NER left unlabelled names a unit of it, its own actor by
    ANNOTATION.md. A title-case headline proves nothing by itself ("Lilly Announces …"): there
    the longer name must also be written elsewhere in the text."""
    extended: list[Span] = []
    for ent in ents:
        end = ent.end
        if ent.id_ and ent.id_ != CUE_PATTERN_ID and ent.label_ in ORG_LABELS:
            end = _unit_end(ent, lexicons)
        if end > ent.end:
            # no gazetteer id: the unit is not its parent, and is judged as any other name
            unit = Span(ent.doc, ent.start, end, label=ent.label, span_id=CUE_PATTERN_ID)
            if not is_headline(ent.sent) or _written_outside_headlines(unit):
                extended.append(unit)
                continue
        extended.append(ent)
    return extended


def _written_outside_headlines(name: Span) -> bool:
    return any(
        name.text in sentence.text for sentence in name.doc.sents if not is_headline(sentence)
    )


def _unit_end(ent: Span, lexicons: Lexicons) -> int:
    doc = ent.doc
    end = ent.end
    while end < len(doc) and end - ent.end < _MAX_UNIT_WORDS:
        token = doc[end]
        if (
            token.ent_iob_ != "O"
            or token.is_sent_start
            or not token.is_title
            or not token.is_alpha
            or token.pos_ in {"VERB", "AUX"}  # "Merck Begins Tender Offer …"
            or doc[end - 1].whitespace_ != " "
            or token.lower_ in lexicons.headline_verbs_at_end
            or token.lower_ in lexicons.title_heads
            or token.lower_ in lexicons.not_name_words
            or token.lower_ in lexicons.legal_forms
        ):
            break
        end += 1
    after = doc[end] if end < len(doc) else None
    if after is not None and (
        after.like_num or after.is_upper or after.is_title or after.lower_ in _NAME_GOES_ON
    ):
        # "WHO Grade 4", "FDA Class II": a label, not a unit; "Rowan University School of
        # Osteopathic Medicine": a longer name than the words taken
        return ent.end
    return end
