"""Evaluation: score extraction results against gold annotations (CONTRACT.md § Gold
annotation) or against the Reuters corporate-acquisitions slot keys.

Typical use::

    from ie_nlp.evaluation import evaluate, load_gold, load_system
    report = evaluate(load_gold("corpora/gold/dev.jsonl"), load_system("out/dev.jsonl"))
    print(report.overall["relationships"].f1)
    print(report.format_table())

``evaluate`` also takes in-memory ``ExtractionResult``s or result dicts as the system side.
Name normalisation lives in ``ie_nlp.names`` so that the pipeline can share it.
"""

from __future__ import annotations

from ie_nlp.evaluation.calibration import CalibrationScores, calibration_error, chance_error
from ie_nlp.evaluation.gold import (
    GoldRecord,
    expand_gold_paths,
    gold_articles,
    load_gold,
    load_gold_files,
    resolve_texts,
)
from ie_nlp.evaluation.matching import ActorMatching, match_actors
from ie_nlp.evaluation.metrics import Counts, LabelCounts
from ie_nlp.evaluation.records import (
    ActorRecord,
    Annotation,
    CapabilityRecord,
    RelationshipRecord,
    annotation_from_gold,
    annotation_from_system,
    load_system,
)
from ie_nlp.evaluation.runner import evaluate_files
from ie_nlp.evaluation.score_table import Report, report_json, write_report
from ie_nlp.evaluation.scoring import (
    METRICS,
    ArticleScore,
    EvaluationReport,
    evaluate,
    relationship_key,
    score_article,
)
from ie_nlp.evaluation.yardstick import (
    SLOTS,
    SlotGold,
    YardstickReport,
    evaluate_slots,
    is_slot_gold,
    load_slot_gold,
    score_slot,
    system_fills,
)

__all__ = [
    "METRICS",
    "SLOTS",
    "ActorMatching",
    "ActorRecord",
    "Annotation",
    "ArticleScore",
    "CalibrationScores",
    "CapabilityRecord",
    "Counts",
    "EvaluationReport",
    "GoldRecord",
    "LabelCounts",
    "RelationshipRecord",
    "Report",
    "SlotGold",
    "YardstickReport",
    "annotation_from_gold",
    "annotation_from_system",
    "calibration_error",
    "chance_error",
    "evaluate",
    "evaluate_files",
    "evaluate_slots",
    "expand_gold_paths",
    "gold_articles",
    "is_slot_gold",
    "load_gold",
    "load_gold_files",
    "load_slot_gold",
    "load_system",
    "match_actors",
    "relationship_key",
    "report_json",
    "resolve_texts",
    "score_article",
    "score_slot",
    "system_fills",
    "write_report",
]
