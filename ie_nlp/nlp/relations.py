"""The ``ie_relations`` component: affiliations from titles and appositions, scored by the
trained relationship scorer; deals between the organisations of a sentence (and "the
company"/"it" back to the previous subject) decided by the learned deal model
(``deal_decisions``), with the trigger rules as its candidates' features. Deal types the
model has too few examples of keep the rules' proposals. Last, each deal gets its terms
(``deal_terms``), asset and territory (``deal_scope``) and its status from the learned status
model (``deal_status``)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from ie_nlp.embedder import get_embedder
from ie_nlp.errors import ModelLoadError
from ie_nlp.nlp.affiliation import affiliations, co_mentioned
from ie_nlp.nlp.deal_decisions import model_deals
from ie_nlp.nlp.deal_pairs import sentence_mentions
from ie_nlp.nlp.deal_scope import deal_scope
from ie_nlp.nlp.deal_status import status_date, status_features
from ie_nlp.nlp.deal_terms import deal_terms, term_sentences
from ie_nlp.nlp.holders import FocusTracker, main_org
from ie_nlp.nlp.lexicons import Lexicons
from ie_nlp.nlp.models.deal_classifier import DealClassifier
from ie_nlp.nlp.models.deal_status_model import DealStatusModel
from ie_nlp.nlp.models.relation_scorer import RelationScorer
from ie_nlp.nlp.records import RelationRecord, register_extensions
from ie_nlp.nlp.relation_pairs import pair_candidates
from ie_nlp.nlp.relation_rules import TriggerIndex

RULE_CONFIDENCE = {"affiliation": 0.8, "default": 0.6}
# a person and an organisation named together, no rule relating them: the scorer decides
CO_MENTION = "co-mention"
SCORER_FILE = "relation_scorer.joblib"
DEAL_MODEL_FILE = "deal_classifier.joblib"
STATUS_MODEL_FILE = "deal_status.joblib"


@Language.factory(
    "ie_relations",
    default_config={
        "lexicons": {"@misc": "ie_nlp.lexicons.v1"},
        "embedding_model": "",
        "use_embeddings": True,
        "torch_threads": 1,
        "keep_rule_deals": True,
    },
    requires=["doc._.ie_actors", "token.dep", "token.lemma", "doc.sents"],
    assigns=["doc._.ie_relations"],
)
class RelationFinder:
    """Fills ``doc._.ie_relations``. Sentences of a batch are embedded together.

    The trained scorer comes with the pipeline folder (``from_disk``); a new component (built
    by ``ie-nlp train``) has none and keeps the rules' confidence. With ``use_embeddings``
    false the scorer is not used: it reads sentence embeddings."""

    def __init__(
        self,
        nlp: Language,
        name: str,
        lexicons: Lexicons,
        embedding_model: str,
        use_embeddings: bool,
        torch_threads: int,
        keep_rule_deals: bool,
    ) -> None:
        register_extensions()
        self.name = name
        self.lexicons = lexicons
        self.keep_rule_deals = keep_rule_deals
        self.triggers = TriggerIndex(self.lexicons, nlp.vocab, nlp.make_doc)
        self.scorer: RelationScorer | None = None
        self.deal_model: DealClassifier | None = None
        self.status_model: DealStatusModel | None = None
        self.use_embeddings = use_embeddings
        self.embedding_model = embedding_model
        self.torch_threads = torch_threads

    @property
    def trained(self) -> bool:
        return (
            self.scorer is not None
            and self.deal_model is not None
            and self.status_model is not None
        )

    @property
    def threshold(self) -> float:
        return float(self.scorer.metadata.get("threshold", 0.5)) if self.scorer else 0.5

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        if self.scorer is None or self.deal_model is None or self.status_model is None:
            raise ModelLoadError(f"component {self.name!r} has no trained models to save")
        self.scorer.save(Path(path) / SCORER_FILE, {})
        self.deal_model.save(Path(path) / DEAL_MODEL_FILE, {})
        self.status_model.save(Path(path) / STATUS_MODEL_FILE, {})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationFinder:
        self.scorer = RelationScorer.load(Path(path) / SCORER_FILE)
        self.deal_model = DealClassifier.load(Path(path) / DEAL_MODEL_FILE)
        self.status_model = DealStatusModel.load(Path(path) / STATUS_MODEL_FILE)
        return self

    def propose(self, doc: Doc) -> list[RelationRecord]:
        """Rule-based relationships, before the classifier's say; then the affiliations of
        people and organisations named together that no rule gives, with no confidence of
        their own (only a trained scorer keeps them)."""
        records: dict[tuple[str, str, str], RelationRecord] = {}
        co_mentions: list[RelationRecord] = []
        triggers = self.triggers.triggers_by_sentence(doc)
        focus = FocusTracker(doc)
        main = main_org(doc)
        for sentence in doc.sents:
            before = focus.update(sentence)
            # a titled person alone works for the organisation the article is about, not the
            # one the sentence before was ("CEO Doug Drysdale" after a sentence on the FDA)
            for person, org, role in affiliations(sentence, self.lexicons, main or before):
                attributes = {"role": role} if role else {}
                self._keep(
                    records,
                    RelationRecord(
                        "affiliation",
                        person,
                        org,
                        sentence,
                        RULE_CONFIDENCE["affiliation"],
                        "title",
                        attributes,
                    ),
                )
            co_mentions.extend(
                RelationRecord("affiliation", person, org, sentence, 0.0, CO_MENTION)
                for person, org in co_mentioned(sentence)
            )
            # "Atlantic Financial said it signed …": "it" is the sentence's own subject
            mentions, _ = sentence_mentions(sentence, before, self.lexicons.anaphors)
            if len(mentions) < 2 or sentence.start not in triggers:
                continue
            for candidate in pair_candidates(
                sentence, mentions, triggers[sentence.start], self.triggers
            ):
                self._keep(
                    records,
                    RelationRecord(
                        candidate.type,
                        candidate.source,
                        candidate.target,
                        sentence,
                        RULE_CONFIDENCE["default"],
                        candidate.trigger.text,
                    ),
                )
        for record in co_mentions:  # after the rules, whose proposals of a pair come first
            self._keep(records, record)
        return list(records.values())

    @staticmethod
    def _keep(records: dict[tuple[str, str, str], RelationRecord], record: RelationRecord) -> None:
        key = (record.type, record.source.id, record.target.id)
        if key not in records:
            records[key] = record

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, size=batch_size):
            proposals = [self.propose(doc) for doc in batch]
            if self.scorer is not None and self.use_embeddings:
                scored = self.scorer.scored_types()
                self._score([r for records in proposals for r in records if r.type in scored])
            learned: list[list[RelationRecord]] = [[] for _ in batch]
            decided: frozenset[str] = frozenset()
            if self.deal_model is not None and self.use_embeddings:
                decided = self.deal_model.types
                learned = model_deals(
                    batch,
                    self.deal_model,
                    self.triggers,
                    self._encode,
                    self.lexicons,
                    self.keep_rule_deals,
                )
            for doc, records, deals in zip(batch, proposals, learned, strict=True):
                kept = [r for r in records if r.type not in decided]
                doc._.ie_relations = [r for r in kept if r.confidence >= self.threshold] + deals
            self._add_terms([r for doc in batch for r in doc._.ie_relations])
            yield from batch

    def _add_terms(self, records: list[RelationRecord]) -> None:
        """Each deal's terms and status, with the status's date where the text gives one."""
        deals = [r for r in records if r.type != "affiliation"]
        typed_pairs = {(r.type, _pair(r)) for r in deals}
        money_goes_to = self.lexicons.deal_terms.money_goes_to
        for record in deals:
            sentences = term_sentences(record, self.lexicons.text_zones)
            # one agreement's money goes on one record: the licence of a licence + collaboration
            if (money_goes_to.get(record.type), _pair(record)) not in typed_pairs:
                record.attributes.update(deal_terms(record, self.lexicons.deal_terms, sentences))
            record.attributes.update(deal_scope(record, self.lexicons.deal_scope, sentences))
        if self.status_model is None:
            return
        features = [status_features(r.evidence, r.type) for r in deals]
        for record, status in zip(deals, self.status_model.statuses(features), strict=True):
            if status is None:
                continue
            record.attributes["status"] = status
            date = status_date(record.evidence, self.lexicons.deal_terms)
            if date is not None:
                record.attributes["date"] = date

    def _encode(self, sentences: list[str]) -> np.ndarray:
        return get_embedder(self.embedding_model, self.torch_threads).encode(sentences)

    def _score(self, records: list[RelationRecord]) -> None:
        assert self.scorer is not None
        if not records:
            return
        sentences: dict[tuple[int, int], Span] = {}
        for record in records:
            sentences.setdefault((id(record.evidence.doc), record.evidence.start), record.evidence)
        keys = list(sentences)
        vectors = self._encode([sentences[key].text for key in keys])
        row = {key: i for i, key in enumerate(keys)}
        embeddings = vectors[[row[(id(r.evidence.doc), r.evidence.start)] for r in records]]
        for record, probability in zip(
            records, self.scorer.score(records, embeddings), strict=True
        ):
            record.confidence = float(probability)


def _pair(record: RelationRecord) -> tuple[int, frozenset[int]]:
    """A record's article and its two parties, in either order."""
    return id(record.evidence.doc), frozenset({id(record.source), id(record.target)})
