"""Cross-article actor resolution: pairwise quality on the hand-labelled pairs and speed.

* **quality**: ``ActorResolver.compare`` on every pair of ``corpora/resolution/pairs.jsonl``
  (held out; ``--pairs`` for another file, e.g. ``pairs_dev.jsonl`` on which the threshold was
  chosen), with and without embeddings. Positive class = same actor; pairwise precision,
  recall and F1, the decisions per rule, and every error with its reason.
* **speed** (with ``--system PATH``): ``ActorResolver.resolve`` over every actor of an
  extraction-result file (``ie-nlp extract`` output), in file order, with embeddings; the
  embedding model is loaded before the clock starts. Reports mentions per second and the
  number of canonical actors.

Usage::

    .venv/bin/python benchmarks/bench_resolution.py
    .venv/bin/python benchmarks/bench_resolution.py --system out/corpora-system.jsonl \\
        --output benchmarks/results/resolution.json

Targets: precision >= 0.95, recall >= 0.85 (with embeddings, default threshold).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path
from typing import Any

from _common import REPO, read_jsonl, write_result

DEFAULT_PAIRS = REPO / "corpora" / "resolution" / "pairs.jsonl"
TARGETS = {"precision": 0.95, "recall": 0.85}


def mention(side: dict[str, Any]) -> Any:
    from ie_nlp.resolution.resolver import ActorMention

    return ActorMention(side["name"], side.get("type"), (), side.get("context", ""))


def score_pairs(resolver: Any, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Pairwise P/R/F1 of ``resolver.compare`` against the labels, with the errors."""
    tp = fp = fn = tn = 0
    rules: Counter[str] = Counter()
    errors = []
    for row in rows:
        decision = resolver.compare(mention(row["a"]), mention(row["b"]))
        rules[decision.reason.split(" '")[0].split(" 0.")[0]] += 1
        tp += decision.same and row["same"]
        fp += decision.same and not row["same"]
        fn += row["same"] and not decision.same
        tn += not row["same"] and not decision.same
        if decision.same != row["same"]:
            errors.append(
                {
                    "a": row["a"]["name"],
                    "b": row["b"]["name"],
                    "gold": row["same"],
                    "reason": decision.reason,
                }
            )
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "pairs": len(rows),
        "positives": tp + fn,
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "meets_targets": precision >= TARGETS["precision"] and recall >= TARGETS["recall"],
        "reasons": dict(rules.most_common()),
        "errors": errors,
    }


def resolve_speed(resolver: Any, system: Path) -> dict[str, Any]:
    """``resolve`` over every actor of an extraction-result file, timed."""
    from ie_nlp.resolution.resolver import ActorMention

    mentions = [
        ActorMention(actor["name"], actor.get("type"), tuple(actor.get("aliases", ())))
        for result in read_jsonl(system)
        for actor in result.get("actors", [])
    ]
    started = time.perf_counter()
    ids = [resolver.resolve(m).actor_id for m in mentions]
    seconds = time.perf_counter() - started
    return {
        "file": str(system),
        "articles": len(read_jsonl(system)),
        "mentions": len(mentions),
        "actors": len(set(ids)),
        "seconds": round(seconds, 3),
        "mentions_per_s": round(len(mentions) / seconds, 1) if seconds else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS, help="labelled pairs file")
    parser.add_argument("--system", type=Path, default=None, help="extraction results to resolve")
    parser.add_argument("--output", type=Path, default=None, help="result JSON")
    args = parser.parse_args()

    from ie_nlp.resolution.resolver import ActorResolver
    from ie_nlp.settings import get_settings

    rows = read_jsonl(args.pairs)
    settings = get_settings()
    payload: dict[str, Any] = {
        "pairs_file": str(
            args.pairs.relative_to(REPO) if args.pairs.is_relative_to(REPO) else args.pairs
        ),
        "threshold": settings.resolution_similarity,
        "targets": TARGETS,
    }
    for label, use in (("with_embeddings", True), ("without_embeddings", False)):
        resolver = ActorResolver.from_settings(settings, use_embeddings=use)
        scores = score_pairs(resolver, rows)
        payload[label] = scores
        print(
            f"{label:20} P {scores['precision']:.3f}  R {scores['recall']:.3f}  "
            f"F1 {scores['f1']:.3f}  ({scores['tp']} tp, {scores['fp']} fp, {scores['fn']} fn "
            f"of {scores['pairs']} pairs)"
        )
    for error in payload["with_embeddings"]["errors"]:
        print(
            f"  {'missed' if error['gold'] else 'wrong '}: {error['a']} | {error['b']}: "
            f"{error['reason']}"
        )
    if args.system is not None:
        resolver = ActorResolver.from_settings(settings, use_embeddings=True)
        speed = resolve_speed(resolver, args.system)
        payload["speed"] = speed
        print(
            f"resolve: {speed['mentions']} mentions of {speed['articles']} articles -> "
            f"{speed['actors']} actors in {speed['seconds']} s ({speed['mentions_per_s']}/s)"
        )
    path = write_result("resolution", payload, args.output)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
