# Summit Tracker. `make run` and `make test` bootstrap everything from a bare Python 3.11.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench soak worker beat migrate seed compile clean

$(STAMP): requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $(STAMP)

# The extractor's modules compiled to C extensions with mypyc (about 1.4x faster, same output);
# rebuilt when a source changes. Without a C compiler the pure-Python extractor runs. COMPILE=0
# skips the build and removes any extensions.
EXTRACTOR := $(filter-out %/__init__.py %/buildinfo.py,$(wildcard tracker/extraction/*.py))
COMPILED := tracker/extraction/compiled.sha256
ifeq ($(COMPILE),0)
$(COMPILED): FORCE
	$(PY) tools/compile_extractor.py --clean
else
$(COMPILED): $(STAMP) $(EXTRACTOR) tools/compile_extractor.py
	$(PY) tools/compile_extractor.py
endif
FORCE:

compile: $(COMPILED)

migrate: $(STAMP) $(COMPILED)
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py load_seeds

run: seed
	$(PY) manage.py runserver 127.0.0.1:8000

test: $(STAMP) $(COMPILED)
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m mypy tracker/extraction

bench: $(STAMP) $(COMPILED)
	$(PY) bench/run.py $(if $(QUICK),--quick,)

soak: $(STAMP) $(COMPILED)
	$(PY) bench/soak.py $(if $(SOAK_SECONDS),--seconds $(SOAK_SECONDS),)

worker: $(STAMP) $(COMPILED)
	$(VENV)/bin/celery -A config worker --loglevel=info --concurrency=2

beat: $(STAMP)
	$(VENV)/bin/celery -A config beat --loglevel=info

clean:
	test ! -x $(PY) || $(PY) tools/compile_extractor.py --clean
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache .mypy_cache .build
