.PHONY: install dev run test lint format typecheck train bench clean

install:      ## create .venv and install ie-nlp
	scripts/setup.sh

dev:          ## install with the dev tools (pytest, ruff, mypy, pre-commit)
	scripts/setup.sh --dev

run:          ## extract the sample corpus and serve the API on 127.0.0.1:8000
	scripts/run.sh

test:         ## linters + test suite
	scripts/test.sh

lint:         ## ruff and the import-layer contracts
	.venv/bin/ruff check ie_nlp service tests benchmarks scripts
	.venv/bin/lint-imports

format:
	.venv/bin/ruff format ie_nlp service tests benchmarks

typecheck:
	.venv/bin/mypy

train:        ## rebuild models/pipeline from corpora/gold (needs ../shared/corpora)
	.venv/bin/ie-nlp train

bench:        ## benchmarks (need ../shared); results in benchmarks/README.md
	.venv/bin/python benchmarks/bench_quality.py
	.venv/bin/python benchmarks/bench_throughput.py
	.venv/bin/python benchmarks/bench_memory.py
	.venv/bin/python benchmarks/bench_api_latency.py

clean:
	rm -rf out build dist *.egg-info .pytest_cache .ruff_cache .mypy_cache
