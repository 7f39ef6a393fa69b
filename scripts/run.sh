#!/usr/bin/env bash
# Sets everything up, extracts the bundled sample corpus, stores it in the ecosystem store,
# writes the graph and the report, then serves the API on 127.0.0.1:8000.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
mkdir -p out
.venv/bin/ie-nlp extract corpora/sample/articles.jsonl -o out/sample.jsonl
.venv/bin/ie-nlp ingest out/sample.jsonl --articles corpora/sample/articles.jsonl
.venv/bin/ie-nlp graph export --format graphml -o out/ecosystem.graphml
.venv/bin/ie-nlp report -o out/report.html
echo "Sample results: out/sample.jsonl (one extraction result per article); store: var/ie-nlp.sqlite3;"
echo "graph: out/ecosystem.graphml; report: out/report.html."
echo "Starting the API — open http://127.0.0.1:8000/docs or http://127.0.0.1:8000/report (Ctrl-C to stop)."
exec .venv/bin/ie-nlp serve --host 127.0.0.1 --port 8000
