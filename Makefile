# Each target is one line that calls a script; see README.md.
export NO_MKDOCS_2_WARNING := 1
PY := .venv/bin/python

.PHONY: setup build serve test bench clean
setup:
	@scripts/setup.sh
build: setup
	$(PY) -m mkdocs build --strict --quiet --site-dir site
serve: build
	$(PY) scripts/serve_site.py --dir site --port 8000
test: setup
	$(PY) -m pytest
bench: build
	$(PY) -m scripts.bench
clean:
	rm -rf site .pytest_cache
