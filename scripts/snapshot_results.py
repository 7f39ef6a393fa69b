"""Writes the extraction results that ``tests/regression`` holds the pipeline to: the bundled
sample's results in full (our own text), and one digest per gold dev article (their text lives
in ../shared and is not copied). Run it only when a change is meant to alter results, and say so
in the commit; a refactoring must leave the test green without it.

Usage: .venv/bin/python scripts/snapshot_results.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_DIR / "tests" / "regression"))

from snapshots import (  # noqa: E402
    DEV_DIGESTS,
    SAMPLE_RESULTS,
    comparable,
    dev_articles,
    digest,
    extract_all,
    sample_articles,
)


def main() -> None:
    sample = extract_all(sample_articles())
    SAMPLE_RESULTS.write_text(
        "".join(json.dumps(comparable(r), ensure_ascii=False) + "\n" for r in sample),
        encoding="utf-8",
    )
    dev = extract_all(dev_articles())
    DEV_DIGESTS.write_text(
        json.dumps({r.id: digest(r) for r in dev}, indent=1, sort_keys=True) + "\n",
        encoding="utf-8",
    )
    print(f"wrote {SAMPLE_RESULTS} ({len(sample)}) and {DEV_DIGESTS} ({len(dev)})")


if __name__ == "__main__":
    main()
