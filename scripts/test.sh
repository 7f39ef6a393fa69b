#!/usr/bin/env bash
# Sets everything up (with the dev tools) and runs the linters and the test suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
.venv/bin/ruff check ie_nlp service tests benchmarks scripts
.venv/bin/lint-imports
.venv/bin/python -m pytest "$@"
