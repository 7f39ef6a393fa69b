"""Scoring system results against gold annotations (CONTRACT.md § Gold annotation).

Per article (records joined by ``id``) system actors are matched one-to-one to gold actors
(``matching.match_actors``); capabilities and relationships are then compared through that
matching:

* actors: a matched pair is a true positive; typed actors: matched and the same type;
* capabilities: ``(category, actor)``, the system actor replaced by its matched gold actor; an
  unmatched system actor matches nothing and ``null`` matches ``null``; duplicates count once;
* relationships: ``(type, source, target)`` through the same mapping, either order for the
  undirected types (``Taxonomy.is_directed``); duplicates count once;
* deal terms: on the deals (every type but affiliation) both have, each gold term given the
  same by the system (``deal_terms``);
* deal confidence: each distinct system deal's confidence against whether it is right, as
  an expected calibration error read against the one chance gives as many records
  (``calibration``).

Scores are micro precision, recall and F1 over all articles, overall and per label (actor type,
capability category, relationship type, each by the gold or system item's own label). Gold
articles with no system record count as all misses; system records for articles not in the gold
are ignored; both are counted in the report.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ie_nlp.evaluation.calibration import CalibrationScores
from ie_nlp.evaluation.deal_terms import TermScores, score_terms
from ie_nlp.evaluation.gold import GoldRecord
from ie_nlp.evaluation.matching import ActorMatching, match_actors
from ie_nlp.evaluation.metrics import Counts, LabelCounts
from ie_nlp.evaluation.records import Annotation, annotation_from_system
from ie_nlp.evaluation.score_table import articles_line, render_table
from ie_nlp.taxonomy import get_taxonomy

__all__ = ["METRICS", "ArticleScore", "EvaluationReport", "evaluate", "score_article"]

METRICS = ("actors", "typed_actors", "capabilities", "relationships")

Key = tuple[str, ...]


@dataclass
class ArticleScore:
    """Counts of one article, overall (``METRICS``) and per label."""

    id: str
    overall: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in METRICS})
    actor_types: LabelCounts = field(default_factory=LabelCounts)
    capability_categories: LabelCounts = field(default_factory=LabelCounts)
    relationship_types: LabelCounts = field(default_factory=LabelCounts)
    deal_terms: TermScores = field(default_factory=TermScores)
    deal_confidence: CalibrationScores = field(default_factory=CalibrationScores)
    matching: ActorMatching = field(default_factory=lambda: ActorMatching({}))


def _per_label(
    target: LabelCounts, system: set[Key], gold: set[Key], label: Callable[[Key], str]
) -> None:
    for key in system | gold:
        counts = target[label(key)]
        if key in system and key in gold:
            counts.tp += 1
        elif key in system:
            counts.fp += 1
        else:
            counts.fn += 1


def relationship_key(kind: str, source: str, target: str) -> Key:
    """What makes two relationships the same: the type, and the parties in order where the
    type has a direction."""
    if get_taxonomy().is_directed(kind):
        return (kind, source, target)
    first, second = sorted((source, target))
    return (kind, first, second)


def score_article(system: Annotation | None, gold: Annotation) -> ArticleScore:
    """The counts of one article; ``system=None`` (no system record) gives all misses."""
    system = system or Annotation(gold.id)
    score = ArticleScore(gold.id)
    matching = match_actors(system.actors, gold.actors)
    score.matching = matching

    gold_by_ref = {actor.ref: actor for actor in gold.actors}
    typed_system = {
        actor.ref
        for actor in system.actors
        if actor.ref in matching.system_to_gold
        and gold_by_ref[matching.system_to_gold[actor.ref]].type == actor.type
    }
    typed_gold = {matching.system_to_gold[ref] for ref in typed_system}
    score.overall["actors"] = Counts(
        len(matching), len(system.actors) - len(matching), len(gold.actors) - len(matching)
    )
    score.overall["typed_actors"] = Counts(
        len(typed_system),
        len(system.actors) - len(typed_system),
        len(gold.actors) - len(typed_gold),
    )
    for actor in system.actors:
        counts = score.actor_types[actor.type or "unknown"]
        if actor.ref in typed_system:
            counts.tp += 1
        else:
            counts.fp += 1
    for actor in gold.actors:
        if actor.ref not in typed_gold:
            score.actor_types[actor.type or "unknown"].fn += 1

    system_caps: set[Key] = {
        (c.category, matching.gold_ref(c.actor) or "") for c in system.capabilities
    }
    gold_caps: set[Key] = {(c.category, c.actor or "") for c in gold.capabilities}
    score.overall["capabilities"] = Counts.from_sets(system_caps, gold_caps)
    _per_label(score.capability_categories, system_caps, gold_caps, lambda key: key[0])

    system_rels: dict[Key, Mapping[str, Any]] = {}
    confidences: dict[Key, float | None] = {}
    for r in system.relationships:
        key = relationship_key(
            r.type, matching.gold_ref(r.source) or "", matching.gold_ref(r.target) or ""
        )
        system_rels.setdefault(key, r.attributes)
        confidences.setdefault(key, r.confidence)
    gold_rels: dict[Key, Mapping[str, Any]] = {}
    for r in gold.relationships:
        gold_rels.setdefault(relationship_key(r.type, r.source, r.target), r.attributes)
    for key, confidence in confidences.items():
        if key[0] != "affiliation" and confidence is not None:
            score.deal_confidence.add_record(confidence, key in gold_rels)
    score.deal_terms = score_terms(
        {k: v for k, v in system_rels.items() if k[0] != "affiliation"},
        {k: v for k, v in gold_rels.items() if k[0] != "affiliation"},
    )
    score.overall["relationships"] = Counts.from_sets(set(system_rels), set(gold_rels))
    _per_label(score.relationship_types, set(system_rels), set(gold_rels), lambda key: key[0])
    return score


@dataclass
class EvaluationReport:
    """Micro-averaged scores of a system output against a gold set."""

    overall: dict[str, Counts] = field(default_factory=lambda: {m: Counts() for m in METRICS})
    actor_types: LabelCounts = field(default_factory=LabelCounts)
    capability_categories: LabelCounts = field(default_factory=LabelCounts)
    relationship_types: LabelCounts = field(default_factory=LabelCounts)
    deal_terms: TermScores = field(default_factory=TermScores)
    deal_confidence: CalibrationScores = field(default_factory=CalibrationScores)
    articles: list[ArticleScore] = field(default_factory=list)
    missing_in_system: list[str] = field(default_factory=list)
    not_in_gold: list[str] = field(default_factory=list)

    def add(self, score: ArticleScore) -> None:
        for metric in METRICS:
            self.overall[metric].add(score.overall[metric])
        self.actor_types.add(score.actor_types)
        self.capability_categories.add(score.capability_categories)
        self.relationship_types.add(score.relationship_types)
        self.deal_terms.add(score.deal_terms)
        self.deal_confidence.add(score.deal_confidence)
        self.articles.append(score)

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": "annotation",
            "articles": {
                "gold": len(self.articles),
                "missing_in_system": len(self.missing_in_system),
                "not_in_gold": len(self.not_in_gold),
                "missing_in_system_ids": self.missing_in_system,
                "not_in_gold_ids": self.not_in_gold,
            },
            "overall": {metric: self.overall[metric].as_dict() for metric in METRICS},
            "per_actor_type": self.actor_types.as_dict(),
            "per_capability_category": self.capability_categories.as_dict(),
            "per_relationship_type": self.relationship_types.as_dict(),
            "deal_terms": self.deal_terms.as_dict(),
            "deal_calibration": self.deal_confidence.as_dict(),
        }

    def format_table(self) -> str:
        """A plain-text report: overall figures, then one table per label kind."""
        parts = [
            articles_line(len(self.articles), len(self.missing_in_system), len(self.not_in_gold)),
            render_table("overall (micro)", [(m, self.overall[m]) for m in METRICS]),
            render_table("actor types (typed match)", self.actor_types.items()),
            render_table("capability categories", self.capability_categories.items()),
            render_table("relationship types", self.relationship_types.items()),
            self.deal_terms.format_table(),
            self.deal_confidence.format_line(),
        ]
        return "\n\n".join(parts) + "\n"


def _system_by_id(system: Mapping[str, Annotation] | Iterable[Any]) -> dict[str, Annotation]:
    if isinstance(system, Mapping):
        return dict(system)
    results: dict[str, Annotation] = {}
    for record in system:
        annotation = record if isinstance(record, Annotation) else annotation_from_system(record)
        results[annotation.id] = annotation
    return results


def evaluate(
    gold: Iterable[GoldRecord | Annotation], system: Mapping[str, Annotation] | Iterable[Any]
) -> EvaluationReport:
    """Score system results against gold records.

    ``gold``: ``GoldRecord``s (``load_gold``) or ``Annotation``s. ``system``: results by id
    (``load_system``), or an iterable of ``Annotation``s, result dicts or ``ExtractionResult``s.
    """
    results = _system_by_id(system)
    report = EvaluationReport()
    gold_ids: set[str] = set()
    for item in gold:
        annotation = item.annotation if isinstance(item, GoldRecord) else item
        gold_ids.add(annotation.id)
        result = results.get(annotation.id)
        if result is None:
            report.missing_in_system.append(annotation.id)
        report.add(score_article(result, annotation))
    report.not_in_gold = sorted(set(results) - gold_ids)
    return report
