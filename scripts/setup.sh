#!/usr/bin/env bash
# Creates .venv/ in the repository root (once) and installs ie-nlp with pinned dependencies.
# Usage: scripts/setup.sh [--dev]   (idempotent: a second run only checks the pins)
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --upgrade pip
# torch first and alone: the pinned CPU build, never a multi-GB CUDA build pulled in by a range
.venv/bin/python -m pip install --quiet -c constraints.txt "torch==2.13.0"
extra=""
# --dev: the test command's set, with the Ray engine (its tests run a real Ray cluster)
if [ "${1:-}" = "--dev" ]; then extra="[dev,ray]"; fi
.venv/bin/python -m pip install --quiet -c constraints.txt -e ".${extra}"
