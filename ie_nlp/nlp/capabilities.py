"""The ``ie_capabilities`` component: capability mentions from the taxonomy lexicon and INN
stems, attributed to the organisation that holds them (or to nobody)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from ie_nlp.embedder import get_embedder
from ie_nlp.nlp.capability_paraphrase import ParaphraseDetector, is_paraphrase_candidate
from ie_nlp.nlp.holders import FocusTracker, has_anaphor, holder_candidates, nearest_org
from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.records import ActorRecord, CapabilityRecord, actor_at, register_extensions
from ie_nlp.taxonomy import get_taxonomy


@Language.factory(
    "ie_capabilities",
    default_config={
        "lexicons": {"@misc": "ie_nlp.lexicons.v1"},
        "use_embeddings": True,
        "embedding_model": "",
        "torch_threads": 1,
        "similarity_threshold": 0.6,
    },
    requires=["doc._.ie_actors", "token.lemma", "doc.sents"],
    assigns=["doc._.ie_capabilities"],
)
class CapabilityFinder:
    """Fills ``doc._.ie_capabilities``; one record per (category, holder). With embeddings,
    sentences of a batch that name a holder but no lexicon term are compared with the
    categories together."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        lexicons: Lexicons,
        use_embeddings: bool,
        embedding_model: str,
        torch_threads: int,
        similarity_threshold: float,
    ) -> None:
        register_extensions()
        self.name = name
        self.holder_types = lexicons.capability_holder_types
        self.anaphors = lexicons.anaphors
        self.paraphrases = (
            ParaphraseDetector(
                get_embedder(embedding_model, torch_threads),
                lexicons.capability_terms,
                similarity_threshold,
            )
            if use_embeddings
            else None
        )
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

    def _holders(
        self, sentence: Span, span: Span, before: ActorRecord | None
    ) -> list[ActorRecord | None]:
        """Who holds a capability named in the sentence: both organisations of a two-party
        sentence ("A and B co-develop an ADC"), else the subject or nearest one, else the
        organisation "the company"/"its" refers to, else nobody."""
        orgs: list[ActorRecord | None] = list(holder_candidates(sentence, self.holder_types))
        if 1 <= len(orgs) <= 2:
            return orgs
        holder: ActorRecord | None = nearest_org(sentence, span.start, self.holder_types)
        if holder is None and before is not None and has_anaphor(sentence, self.anaphors):
            holder = before if before.type in self.holder_types else None
        return [holder]

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            pending = [self._from_lexicon(doc) for doc in batch]
            if self.paraphrases is not None:
                self._add_paraphrases(batch, pending)
            for doc, records in zip(batch, pending, strict=True):
                doc._.ie_capabilities = _finish(records)
                yield doc

    def _add_paraphrases(
        self, docs: list[Doc], pending: list[dict[tuple[str, str | None], CapabilityRecord]]
    ) -> None:
        assert self.paraphrases is not None
        sentences: list[tuple[int, Span, ActorRecord]] = []
        for number, (doc, records) in enumerate(zip(docs, pending, strict=True)):
            covered = {record.evidence.start for record in records.values()}
            for sentence in doc.sents:
                if sentence.start in covered or not is_paraphrase_candidate(sentence):
                    continue
                holders = holder_candidates(sentence, self.holder_types)
                if len(holders) == 1:
                    sentences.append((number, sentence, holders[0]))
        verdicts = self.paraphrases.classify([s.text for _, s, _ in sentences])
        for (number, sentence, holder), verdict in zip(sentences, verdicts, strict=True):
            if verdict is None:
                continue
            category, similarity = verdict
            key = (category, holder.id)
            if key not in pending[number]:
                pending[number][key] = CapabilityRecord(
                    category, holder, [], sentence, round(similarity, 3), "embedding"
                )

    def _from_lexicon(self, doc: Doc) -> dict[tuple[str, str | None], CapabilityRecord]:
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
                for holder in self._holders(sentence, span, before):
                    key = (category, holder.id if holder else None)
                    record = records.get(key)
                    if record is None:
                        confidence = 0.8 if holder is not None else 0.6
                        records[key] = CapabilityRecord(
                            category, holder, [span], sentence, confidence, source
                        )
                    else:
                        record.mentions.append(span)
        return records


def _finish(records: dict[tuple[str, str | None], CapabilityRecord]) -> list[CapabilityRecord]:
    held = {category for category, holder in records if holder is not None}
    # ANNOTATION.md: null only for a category that no named actor holds
    return [
        record
        for (category, holder), record in records.items()
        if holder is not None or category not in held
    ]
