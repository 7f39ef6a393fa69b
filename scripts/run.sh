#!/usr/bin/env bash
# Sets everything up, extracts the bundled sample corpus, then serves the API on 127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p out
.venv/bin/ie-nlp extract corpora/sample/articles.jsonl -o out/sample.jsonl
echo "Sample results: out/sample.jsonl (one extraction result per article)."
echo "Starting the API — open http://127.0.0.1:8000/docs (Ctrl-C to stop)."
exec .venv/bin/ie-nlp serve --host 127.0.0.1 --port 8000
