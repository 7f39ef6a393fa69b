"""The ``ie_capabilities`` component: capability mentions from the taxonomy lexicon, INN stems
and sentence embeddings, attributed to the organisation that holds them (or to nobody).

The rules propose holders; with the trained holder model (from the pipeline folder) every
candidate pair of category and holder is decided by the model, the rules' choice one of its
features. A new component, built by ``ie-nlp train``, has no model and keeps the rules."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from ie_nlp.embedder import get_embedder
from ie_nlp.errors import ModelLoadError
from ie_nlp.nlp.capability_holders import HolderCandidate, Mention, capability_candidates
from ie_nlp.nlp.capability_paraphrase import ParaphraseDetector, is_paraphrase_candidate
from ie_nlp.nlp.holders import FocusTracker, has_anaphor, holder_candidates, nearest_org
from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.models.capability_holder_model import CapabilityHolderModel
from ie_nlp.nlp.records import ActorRecord, CapabilityRecord, actor_at, register_extensions
from ie_nlp.taxonomy import get_taxonomy

HOLDER_MODEL_FILE = "capability_holders.joblib"


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
    """Fills ``doc._.ie_capabilities``; one record per (category, holder), decided by the
    holder model when the component has one. With embeddings, sentences of a batch that name
    a holder but no lexicon term are compared with the categories together."""

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
        self.text_zones = lexicons.text_zones
        self.holder_model: CapabilityHolderModel | None = None
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

    @property
    def trained(self) -> bool:
        return self.holder_model is not None

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        if self.holder_model is None:
            raise ModelLoadError(f"component {self.name!r} has no trained model to save")
        self.holder_model.save(Path(path) / HOLDER_MODEL_FILE, {})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> CapabilityFinder:
        self.holder_model = CapabilityHolderModel.load(Path(path) / HOLDER_MODEL_FILE)
        return self

    def _inn_category(self, word: str) -> str | None:
        lower = word.lower()
        if len(lower) < 7 or not lower.isalpha():
            return None
        return next((cat for stem, cat in self.inn_suffixes if lower.endswith(stem)), None)

    def mentions(self, doc: Doc) -> list[Mention]:
        """(category, span, source) for every term or INN-stem word in the doc outside the
        actors' names: "Theriva Biologics" names a company, it states no capability."""
        found = [
            (doc.vocab.strings[match_id], Span(doc, start, end), "lexicon")
            for match_id, start, end in self.matcher(doc)
        ]
        for token in doc:
            category = self._inn_category(token.text)
            if category:
                found.append((category, doc[token.i : token.i + 1], "inn_stem"))
        inside_names = set(actor_at(doc))
        return [m for m in found if not any(token.i in inside_names for token in m[1])]

    def candidates(self, doc: Doc, proposed: Iterable[CapabilityRecord]) -> list[HolderCandidate]:
        """Every (category, holder) pair the holder model decides on, from the lexicon's and
        INN stems' mentions and the embeddings' records among the rules' ``proposed``."""
        proposed = list(proposed)
        mentions = self.mentions(doc)
        embedded = [r for r in proposed if r.source == "embedding"]
        mentions += [(r.category, r.evidence, r.source) for r in embedded]
        rule_keys = {(r.category, r.actor.id if r.actor else None) for r in proposed}
        return capability_candidates(
            doc, mentions, rule_keys, self.holder_types, self.anaphors, self.text_zones
        )

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
                proposed = _finish(records)
                model = self.holder_model
                doc._.ie_capabilities = (
                    proposed if model is None else self._decided(doc, proposed, model)
                )
                yield doc

    def _decided(
        self, doc: Doc, proposed: list[CapabilityRecord], model: CapabilityHolderModel
    ) -> list[CapabilityRecord]:
        return [
            CapabilityRecord(
                candidate.category,
                candidate.holder,
                candidate.mentions,
                candidate.evidence,
                round(probability, 3),
                candidate.source,
            )
            for candidate, probability in model.decide(self.candidates(doc, proposed))
        ]

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
        by_sentence: dict[int, list[Mention]] = {}
        for category, span, source in self.mentions(doc):
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
