# The two commands a fresh machine needs: `make report` and `make test`.
# Both create .venv with python3 -m venv and install the package with its dev extras.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: report test check golden screenshot bench bench-scale eval clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

report: $(STAMP)
	$(BIN)/factcheck run seeds --out reports --no-progress

# the import layers first (pyproject.toml's [tool.importlinter]), then every test
test: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/python -m pytest

# the CI gate on the project's own sources: fails on an unreviewed conflict in seeds/
check: $(STAMP)
	$(BIN)/factcheck check seeds

# the seeds (and the dev set, when there) scored with the evaluation kit in ../shared;
# skipped, and still exit 0, when ../shared is absent: the project never needs it
eval: $(STAMP)
	$(BIN)/python bench/eval.py

golden: $(STAMP)
	$(BIN)/python tests/regenerate_golden.py

# docs/report-html.png, the README's picture of report.html (headless Chromium)
screenshot: $(STAMP)
	$(BIN)/python tests/regenerate_screenshot.py

clean:
	rm -rf $(VENV) .pytest_cache

# the scale bench (not part of make test): a generated 200 MB corpus, local engine and Dask on 1 and 2 workers;
# one file of 1, 10 and 100 MB; the stages and the compare stage on the 10 MB bench corpus
bench-scale: $(STAMP)
	$(BIN)/python bench/bench_scale.py --size-mb 200 --whole-mb 10
	$(BIN)/python bench/bench_big_file.py --sizes-mb 1,10,100
	$(BIN)/python bench/make_corpus.py --size-mb 10
	$(BIN)/python bench/bench_stages.py

bench: $(STAMP)
	$(BIN)/python bench/make_corpus.py --size-mb 10
	$(BIN)/python bench/bench_extract.py
	$(BIN)/python bench/peer_quantulum.py
	$(BIN)/python bench/peer_recognizers.py
	$(BIN)/python bench/unit_accuracy.py
	$(BIN)/python bench/bench_group.py --sizes 1000,10000,100000
	$(BIN)/python bench/bench_cache.py --documents 300 --repeat 3
	$(BIN)/python bench/eval.py --time 3
