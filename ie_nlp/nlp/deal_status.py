"""What a deal's sentence says of its status (CONTRACT.md § Deal terms): announced, completed,
extended, terminated, or nothing. The features read the verbs with their tense and auxiliaries
("has completed", "will acquire", "agreed to"), the other words, whether the sentence is the
headline and the deal's type; ``models/deal_status_model.py`` learns the status from them, and
``status_date`` dates it."""

from __future__ import annotations

from spacy.tokens import Span

from ie_nlp.nlp.deal_attributes import DealTerms, parse_date

STATUSES = ("announced", "completed", "extended", "terminated")
NO_STATUS = "none"
_DATELINE_CHARACTERS = 400


def status_features(sentence: Span, type_id: str) -> dict[str, float]:
    """Sparse features of a deal's status in its sentence."""
    features: dict[str, float] = {f"type={type_id}": 1.0}
    if sentence.start == 0:
        features["headline"] = 1.0
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ in {"VERB", "AUX"}:
            tense = token.morph.get("Tense", []) or token.morph.get("VerbForm", []) or ["none"]
            features[f"verb={lemma}|{tense[0]}"] = 1.0
            for child in token.children:
                if child.dep_ in {"aux", "auxpass", "mark", "neg"}:
                    features[f"aux={child.lower_}>{lemma}"] = 1.0
                    features[f"aux={child.lower_}"] = 1.0
        if token.is_alpha and not token.is_stop:
            features[f"word={lemma}"] = 1.0
        elif token.lower_ in {"today", "will", "has", "have", "had", "previously", "to"}:
            features[f"word={token.lower_}"] = 1.0
        elif token.like_num and len(token) == 4 and token.text.startswith(("19", "20")):
            features["year"] = 1.0
    return features


def status_date(sentence: Span, terms: DealTerms) -> str | None:
    """The date the sentence gives, or for "today" the dateline's (the first date in the
    opening characters of the text; ANNOTATION.md counts it for "today announced")."""
    written = parse_date(sentence.text, terms)
    if written is not None:
        return written
    if any(token.lower_ == "today" for token in sentence):
        return parse_date(sentence.doc.text[:_DATELINE_CHARACTERS], terms)
    return None
