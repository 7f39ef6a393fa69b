"""Main-text extraction of ``ie-nlp scrape --html-dir`` against plain ``trafilatura.extract``.

On ``../shared/yardsticks/article_extraction/`` (181 real pages, human-marked article bodies):
token F1 of the main text (whitespace tokens, bag of tokens, per page then averaged) and pages
per second, both measured in the same run on the same machine, one process each, after a
warm-up pass. The scrape side runs the real CLI command in-process (click's runner), so JSONL
writing, id and metadata extraction are included in its time.

    python benchmarks/bench_scrape_extraction.py [--yardstick DIR] [--repeat N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import trafilatura
from click.testing import CliRunner

from ie_nlp.cli import cli

DEFAULT = (
    Path(__file__).resolve().parents[1].parent / "shared" / "yardsticks" / "article_extraction"
)


def token_f1(truth: str, predicted: str) -> float:
    gold, pred = Counter(truth.split()), Counter(predicted.split())
    if not gold and not pred:
        return 1.0
    common = sum((gold & pred).values())
    if not common:
        return 0.0
    precision, recall = common / sum(pred.values()), common / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def run_trafilatura(files: dict[str, Path], **options: object) -> tuple[dict[str, str], float]:
    start = time.perf_counter()
    texts = {key: trafilatura.extract(gzip.decompress(path.read_bytes()), **options) or ""
             for key, path in files.items()}  # fmt: skip
    return texts, time.perf_counter() - start


def run_scrape(html_dir: Path) -> tuple[dict[str, str], float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "pages.jsonl"
        start = time.perf_counter()
        result = CliRunner().invoke(cli, ["scrape", "--html-dir", str(html_dir), "-o", str(out)])
        seconds = time.perf_counter() - start
        if result.exit_code != 0:
            raise SystemExit(result.output)
        records = [json.loads(line) for line in out.read_text().splitlines()]
    texts = {record["path"].removesuffix(".html.gz"): record["text"] for record in records}
    return texts, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--yardstick", type=Path, default=DEFAULT)
    parser.add_argument("--repeat", type=int, default=2, help="Timed passes; the best counts.")
    args = parser.parse_args()
    truth_file = args.yardstick / "ground-truth.json"
    if not truth_file.exists():
        print(f"SKIPPED: {truth_file} not found (the shared yardsticks are not checked out "
              "next to this repository)")  # fmt: skip
        return 0
    truth = json.loads(truth_file.read_text())
    html_dir = args.yardstick / "html"
    files = {key: html_dir / f"{key}.html.gz" for key in truth}

    run_scrape(html_dir), run_trafilatura(files)  # warm-up: imports, caches, disk
    systems: dict[str, tuple[dict[str, str], float]] = {}
    for _ in range(args.repeat):
        for name, run in (
            ("trafilatura.extract (defaults)", lambda: run_trafilatura(files)),
            ("trafilatura.extract (fast=True)", lambda: run_trafilatura(files, fast=True)),
            ("ie-nlp scrape --html-dir", lambda: run_scrape(html_dir)),
        ):
            texts, seconds = run()
            if name not in systems or seconds < systems[name][1]:
                systems[name] = (texts, seconds)

    print(f"{len(truth)} pages, whitespace-token F1 per page averaged; best of {args.repeat}\n")
    print("| system | F1 | pages with F1 < 0.5 | pages/s |")
    print("|---|---|---|---|")
    rates = {}
    for name, (texts, seconds) in systems.items():
        scores = [token_f1(truth[key]["articleBody"], texts.get(key, "")) for key in truth]
        rates[name] = len(truth) / seconds
        print(f"| {name} | {sum(scores) / len(scores):.4f} | "
              f"{sum(s < 0.5 for s in scores)} | {rates[name]:.1f} |")  # fmt: skip
    ours = rates["ie-nlp scrape --html-dir"]
    default, fast = (
        rates["trafilatura.extract (defaults)"],
        rates["trafilatura.extract (fast=True)"],
    )
    print(
        f"\nscrape speed vs trafilatura defaults: {ours / default:.0%}; vs fast: {ours / fast:.0%}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
