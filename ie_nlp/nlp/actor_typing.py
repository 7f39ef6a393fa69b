"""Actor types from the rules: the bundled gazetteer, the article's own description ("X, a
clinical-stage biotechnology company") and cue words in the name ("… University"). The
gazetteer's type stands; the others are proposals that the trained actor-type classifier takes
as features when it types every other organisation ("… Institute" is often a company)."""

from __future__ import annotations

from spacy.tokens import Span

from ie_nlp.names import has_legal_suffix
from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.records import ActorRecord


def description_of(mention: Span, lexicons: Lexicons) -> str | None:
    """The apposition or copula complement that describes a mention, lower-cased."""
    doc = mention.doc
    root = mention.root
    for child in root.children:
        if child.dep_ == "appos" and child.i >= mention.end:
            tokens = [t for t in child.subtree if t.i >= mention.end][:14]
            return " ".join(t.lower_ for t in tokens)
    if root.dep_ == "nsubj" and root.head.lemma_ == "be":
        for child in root.head.children:
            if child.dep_ == "attr":
                return " ".join(t.lower_ for t in list(child.subtree)[:14])
    # "X, a biotech ..." that the parser did not attach as an apposition
    if (
        mention.end + 2 < len(doc)
        and doc[mention.end].text == ","
        and doc[mention.end + 1].lower_ in {"a", "an", "the"}
    ):
        words = []
        for token in doc[mention.end + 1 : mention.end + 14]:
            if token.lower_ in lexicons.description_stops or token.is_sent_start:
                break
            words.append(token.lower_)
        return " ".join(words)
    return None


def _phrase_in(text: str, phrase: str) -> bool:
    return f" {phrase} " in f" {text} "


def type_from_description(description: str, lexicons: Lexicons) -> str | None:
    best: tuple[int, str] | None = None
    for type_id, phrases in lexicons.type_descriptions.items():
        for phrase in phrases:
            if _phrase_in(description, phrase.lower()) and (best is None or len(phrase) > best[0]):
                best = (len(phrase), type_id)
    return best[1] if best else None


def type_from_name(name: str, lexicons: Lexicons) -> str | None:
    padded = f" {name} "
    best: tuple[int, str] | None = None
    for type_id, cues in lexicons.type_name_tokens.items():
        for cue in cues:
            found = f" {cue} " in padded or padded.rstrip().endswith(f" {cue}")
            if found and (best is None or len(cue) > best[0]):
                best = (len(cue), type_id)
    return best[1] if best else None


def assign_rule_types(actor: ActorRecord, lexicons: Lexicons) -> None:
    """Sets ``type``/``type_source``/``confidence`` where a rule decides; leaves the rest
    as ``other_org`` with source ``default`` for the classifier. A name with a legal form is an
    organisation's, whatever the NER took a mention of it for ("Finlays" beside "Finlays Plc")
    or its description says."""
    incorporated = has_legal_suffix(actor.name)
    if incorporated:
        actor.kind = "org"
    if actor.kind == "person":
        actor.type, actor.type_source, actor.confidence = "person", "ner", 0.85
        return
    for mention in actor.mentions:
        description = description_of(mention, lexicons)
        if description:
            actor.attributes.setdefault("description", description)
            found = type_from_description(description, lexicons)
            if found and not (incorporated and found == "person"):
                actor.type, actor.type_source, actor.confidence = found, "description", 0.9
                break
    if actor.gazetteer_id:
        entry = lexicons.gazetteer_by_name.get(actor.gazetteer_id)
        if entry and (actor.type_source != "description" or entry.type == "large_pharma"):
            actor.type, actor.type_source, actor.confidence = entry.type, "gazetteer", 0.95
            return
    if actor.type_source == "description":
        return
    found = type_from_name(actor.name, lexicons)
    if found:
        actor.type, actor.type_source, actor.confidence = found, "name", 0.75
