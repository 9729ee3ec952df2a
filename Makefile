# Two commands on a fresh clone: `make run` (serve the seed knowledge base) and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# Browser tests need Debian's chromium; without it they are deselected (CI installs it).
BROWSER_OPT := $(if $(wildcard /usr/bin/chromium),,-m "not browser")

.PHONY: install run test lint superuser demo-fixture bench clean eval

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py setup_roles
	$(BIN)/python manage.py ingest_seeds --if-empty
	@echo ""
	@echo "Serving on http://$(HOST):$(PORT)/  (admin: /admin/, API: /api/v1/docs/)"
	@echo "To create an admin user:  make superuser"
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install
	@test -n "$(BROWSER_OPT)" && echo "note: /usr/bin/chromium not found, browser tests deselected (apt-get install chromium)" || true
	$(BIN)/pytest $(BROWSER_OPT) $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

superuser: install
	$(BIN)/python manage.py createsuperuser

# Rebuild fixtures/demo.json from the reference catalog and the seeds (run after model or
# pipeline changes; tests/test_demo_fixture.py checks it matches a fresh ingest).
demo-fixture: install
	$(BIN)/python manage.py make_demo_fixture --output fixtures/demo.json

# Extraction measured against hand-made gold (EVAL.md): seeds, dev set, and the held-out set
# when present (totals only: its per-article details are for whoever does not write rules).
# EVAL_ARGS="--verbose" lists every miss, extra and wrong field for seeds and dev.
EVAL_GOLD := $(wildcard data/eval/seeds.gold.yaml data/eval/dev.gold.yaml)
eval: install
	$(BIN)/python manage.py evaluate $(EVAL_GOLD) $(EVAL_ARGS)
	@if [ -f data/eval/heldout.gold.yaml ]; then $(BIN)/python manage.py evaluate data/eval/heldout.gold.yaml; else echo "(held-out set not present: data/eval/heldout.gold.yaml)"; fi

clean:
	rm -rf $(VENV) var staticfiles test-artifacts

# Benchmarks (not tests): synthetic corpora at 1k/10k/100k articles on PostgreSQL, latency
# over HTTP against gunicorn, queries per request, ingest/matcher throughput, Datasette
# side-by-side, 2-minute load test; writes bench/RESULTS.md. BENCH_ARGS=--reuse keeps built DBs.
bench: install
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python bench/run.py $(BENCH_ARGS)
