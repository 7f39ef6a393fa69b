"""Wall time of ``ie-nlp --help`` (and ``ie-nlp --version``): how long the command line takes
to start before any command runs.

Runs the installed console script of this interpreter's environment ``--runs`` times per
argument list (default 5, after one untimed warm-up run that fills the OS file cache) and
reports the median, minimum and maximum wall time of each, plus the modules it imported when
``--importtime`` is given (the 15 slowest cumulative imports from ``python -X importtime``).

Target (issue 11): median of ``ie-nlp --help`` <= 0.5 s.

Usage::

    .venv/bin/python benchmarks/bench_cli_startup.py
    .venv/bin/python benchmarks/bench_cli_startup.py --runs 9 --importtime
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from pathlib import Path
from typing import Any

from _common import REPO, ie_nlp_command, run_child, write_result

NAME = "cli_startup"
CASES = (["--help"], ["--version"], ["graph", "export", "--help"])


def slowest_imports(count: int) -> list[dict[str, Any]]:
    """The ``count`` largest cumulative import times (ms) of ``ie-nlp --help``."""
    code = "import sys; from ie_nlp.cli import cli; sys.argv = ['ie-nlp', '--help']; cli()"
    stderr = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    ).stderr
    rows: list[tuple[float, str]] = []
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        _, cumulative, name = (part.strip() for part in line.split("|"))
        rows.append((int(cumulative) / 1000, name))
    return [
        {"module": name, "cumulative_ms": ms} for ms, name in sorted(rows, reverse=True)[:count]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per case (default 5)")
    parser.add_argument("--importtime", action="store_true", help="also list the slowest imports")
    parser.add_argument("--output", type=Path, default=None, help="result JSON path")
    args = parser.parse_args()

    command = ie_nlp_command()
    cases: dict[str, Any] = {}
    for extra in CASES:
        run_child([*command, *extra])  # warm-up: file cache, .pyc files
        times = []
        for _ in range(args.runs):
            run = run_child([*command, *extra])
            if run.returncode != 0:
                raise SystemExit(f"ie-nlp {' '.join(extra)} failed:\n{run.stderr}")
            times.append(run.wall_s)
        label = " ".join(extra)
        cases[label] = {
            "runs": args.runs,
            "median_s": round(statistics.median(times), 3),
            "min_s": round(min(times), 3),
            "max_s": round(max(times), 3),
        }
        print(
            f"ie-nlp {label}: median {statistics.median(times):.3f} s "
            f"(min {min(times):.3f}, max {max(times):.3f}, {args.runs} runs)"
        )
    payload: dict[str, Any] = {"cases": cases}
    if args.importtime:
        payload["slowest_imports"] = slowest_imports(15)
        for row in payload["slowest_imports"]:
            print(f"  {row['cumulative_ms']:8.1f} ms  {row['module']}")
    path = write_result(NAME, payload, args.output)
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
