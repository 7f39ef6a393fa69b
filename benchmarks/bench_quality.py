"""Extraction quality on the gold dev set and the corporate-acquisitions yardstick.

* **gold dev** (``corpora/gold/dev.jsonl``): the records refer to articles of
  ``../shared/corpora`` by id (and cut length); ``ie_nlp.evaluation.gold_articles`` turns them
  into input articles, the extractor runs on them, and ``ie_nlp.evaluation.evaluate`` scores
  actors, typed actors, capabilities and relationships (micro P/R/F1, and per type);
* **corp_acquisitions dev** (``../shared/yardsticks/corp_acquisitions/dev.jsonl``, Reuters
  stories with slot keys): the extractor runs on the stories' text and
  ``ie_nlp.evaluation.evaluate_files`` scores PURCHASER / ACQUIRED, read from the
  ``acquisition`` relationships (score-ie.pl rules).

The extractor is loaded once in this process (``Extractor.from_settings()``, the same settings
as ``ie-nlp extract``); each set's results are written as JSON lines to a temporary file, the
form ``ie-nlp evaluate`` reads. The tables are printed and everything (both reports'
``as_dict()`` plus timings) goes to one JSON file.

Usage::

    .venv/bin/python benchmarks/bench_quality.py
    .venv/bin/python benchmarks/bench_quality.py --only gold
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import DEFAULT_SHARED, REPO, read_jsonl, require_shared, words, write_result

DEFAULT_GOLD = REPO / "corpora" / "gold" / "dev.jsonl"


def extract_to_file(extractor: Any, articles: list[dict[str, Any]], output: Path) -> dict[str, Any]:
    """Run the extractor over ``articles``; results as JSON lines. Refused articles are counted
    and skipped (they then score as all misses)."""
    from ie_nlp import IENLPError, InputArticle

    inputs = [InputArticle.model_validate(a) for a in articles]
    started, refused = time.perf_counter(), []
    with output.open("w", encoding="utf-8") as sink:
        try:
            results = list(extractor.extract_many(inputs))
        except IENLPError:
            results = []
            for article in inputs:
                try:
                    results.append(extractor.extract(article))
                except IENLPError as error:
                    refused.append(f"{article.id}: [{error.code}] {error.message}")
        for result in results:
            sink.write(json.dumps(result.as_record(), ensure_ascii=False) + "\n")
    seconds = time.perf_counter() - started
    total_words = sum(words(a["text"]) for a in articles)
    return {
        "articles": len(articles),
        "words": total_words,
        "refused": refused,
        "seconds": seconds,
        "words_per_s": total_words / seconds if seconds else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--gold", type=Path, default=DEFAULT_GOLD, help="gold dev file (corpora/gold/dev.jsonl)"
    )
    parser.add_argument(
        "--only",
        choices=("gold", "acquisitions"),
        default=None,
        help="score only one of the two sets",
    )
    parser.add_argument(
        "--limit",
        type=int,
        default=None,
        help="only the first N records of each set (for a quick check)",
    )
    parser.add_argument(
        "--shared",
        type=Path,
        default=DEFAULT_SHARED,
        help=f"folder with corpora/ and yardsticks/ (default {DEFAULT_SHARED})",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="result JSON (default benchmarks/results/quality-<time>.json)",
    )
    args = parser.parse_args()

    corpora = require_shared(args.shared, "corpora")
    yardstick = require_shared(args.shared, "yardsticks", "corp_acquisitions", "dev.jsonl")

    from ie_nlp import Extractor
    from ie_nlp.evaluation import (
        evaluate,
        evaluate_files,
        gold_articles,
        load_gold,
        load_system,
    )

    started = time.perf_counter()
    extractor = Extractor.from_settings()
    load_s = time.perf_counter() - started
    print(f"extractor loaded in {load_s:.1f} s")

    result: dict[str, Any] = {"extractor_load_s": load_s, "limit": args.limit}
    with tempfile.TemporaryDirectory(prefix="ie-nlp-bench-") as tmp:
        tmp_dir = Path(tmp)
        if args.only in (None, "gold"):
            records = load_gold(args.gold)[: args.limit]
            articles = gold_articles(records, corpora)
            system = tmp_dir / "gold-dev.jsonl"
            run = extract_to_file(extractor, articles, system)
            report = evaluate(records, load_system(system))
            print(
                f"\n== gold dev: {args.gold} ({run['articles']} articles, "
                f"{run['seconds']:.1f} s) ==\n"
            )
            print(report.format_table())
            result["gold_dev"] = {"gold": str(args.gold), "run": run, "report": report.as_dict()}
        if args.only in (None, "acquisitions"):
            stories = read_jsonl(yardstick)[: args.limit]
            system = tmp_dir / "acq-dev.jsonl"
            run = extract_to_file(
                extractor, [{"id": s["id"], "text": s["text"]} for s in stories], system
            )
            gold_path: Path = yardstick
            if args.limit is not None:
                gold_path = tmp_dir / "acq-gold.jsonl"
                gold_path.write_text(
                    "".join(json.dumps(s) + "\n" for s in stories), encoding="utf-8"
                )
            report = evaluate_files(gold_path, system)
            print(
                f"\n== corp_acquisitions dev: {yardstick} ({run['articles']} stories, "
                f"{run['seconds']:.1f} s) ==\n"
            )
            print(report.format_table())
            result["corp_acquisitions_dev"] = {
                "gold": str(yardstick),
                "run": run,
                "report": report.as_dict(),
            }

    path = write_result("quality", result, args.output)

    def f1(c: dict[str, Any]) -> str:  # from the counts: as_dict() rounds to 4 places
        denominator = 2 * c["tp"] + c["fp"] + c["fn"]
        return f"{2 * c['tp'] / denominator if denominator else 0.0:.3f}"

    summary = []
    if "gold_dev" in result:
        overall = result["gold_dev"]["report"]["overall"]
        summary.append("gold dev F1: " + ", ".join(f"{m} {f1(c)}" for m, c in overall.items()))
    if "corp_acquisitions_dev" in result:
        rep = result["corp_acquisitions_dev"]["report"]
        summary.append(
            "corp_acquisitions dev F1: "
            + ", ".join(f"{slot} {f1(c)}" for slot, c in rep["slots"].items())
            + f", TOTAL {f1(rep['total'])}"
        )
    print("\n".join(summary))
    print(f"result written to {path}")


if __name__ == "__main__":
    main()
