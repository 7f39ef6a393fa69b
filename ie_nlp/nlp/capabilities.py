"""The ``ie_capabilities`` component: capability mentions from the taxonomy lexicon and INN
stems, attributed to the organisation that holds them (or to nobody)."""

from __future__ import annotations

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span

from ie_nlp.nlp.holders import FocusTracker, has_anaphor, nearest_org
from ie_nlp.nlp.lexicons import get_lexicons
from ie_nlp.nlp.records import ActorRecord, CapabilityRecord, actor_at, register_extensions
from ie_nlp.taxonomy import get_taxonomy


# Regulators, funders and intermediaries talk about capabilities without holding them.
HOLDER_TYPES = frozenset({"large_pharma", "biotech", "tech_supplier", "service_provider", "medtech",
                          "university", "research_institute", "hospital", "other_org"})


@Language.factory("ie_capabilities")
class CapabilityFinder:
    """Fills ``doc._.ie_capabilities``; one record per (category, holder)."""

    def __init__(self, nlp: Language, name: str) -> None:
        register_extensions()
        self.name = name
        lexicons = get_lexicons()
        self.inn_suffixes = sorted(lexicons.inn_suffixes.items(), key=lambda kv: -len(kv[0]))
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        known = set(get_taxonomy().capability_categories)
        for category, terms in lexicons.capability_terms.items():
            if category in known:
                self.matcher.add(category, [nlp.make_doc(term) for term in terms])

    def _inn_category(self, word: str) -> str | None:
        lower = word.lower()
        if len(lower) < 7 or not lower.isalpha():
            return None
        return next((cat for stem, cat in self.inn_suffixes if lower.endswith(stem)), None)

    def mentions(self, doc: Doc) -> list[tuple[str, Span, str]]:
        """(category, span, source) for every term or INN-stem word in the doc."""
        found = [
            (doc.vocab.strings[match_id], Span(doc, start, end), "lexicon")
            for match_id, start, end in self.matcher(doc)
        ]
        for token in doc:
            category = self._inn_category(token.text)
            if category:
                found.append((category, doc[token.i : token.i + 1], "inn_stem"))
        return found

    def __call__(self, doc: Doc) -> Doc:
        by_sentence: dict[int, list[tuple[str, Span, str]]] = {}
        inside_names = set(actor_at(doc))
        for category, span, source in self.mentions(doc):
            if any(token.i in inside_names for token in span):
                continue  # "Theriva Biologics" names a company, it states no capability
            by_sentence.setdefault(span.sent.start, []).append((category, span, source))
        records: dict[tuple[str, str | None], CapabilityRecord] = {}
        focus = FocusTracker(doc)
        for sentence in doc.sents:
            before = focus.update(sentence)
            for category, span, source in by_sentence.get(sentence.start, []):
                holder: ActorRecord | None = nearest_org(sentence, span.start, HOLDER_TYPES)
                if holder is None and before is not None and has_anaphor(sentence):
                    holder = before if before.type in HOLDER_TYPES else None
                key = (category, holder.id if holder else None)
                record = records.get(key)
                if record is None:
                    confidence = 0.8 if holder is not None else 0.6
                    records[key] = CapabilityRecord(category, holder, [span], sentence,
                                                    confidence, source)
                else:
                    record.mentions.append(span)
        held = {category for category, holder in records if holder is not None}
        # ANNOTATION.md: null only for a category that no named actor holds
        doc._.ie_capabilities = [
            record for (category, holder), record in records.items()
            if holder is not None or category not in held
        ]
        return doc
