# Each target is one line that calls a script; see README.md.
export NO_MKDOCS_2_WARNING := 1
PY := .venv/bin/python

.PHONY: setup setup-build build serve test bench lock clean
setup:
	@scripts/setup.sh test
setup-build:
	@scripts/setup.sh build
build: setup-build
	$(PY) -m mkdocs build --strict --quiet --site-dir site
serve: build
	$(PY) scripts/serve_site.py --dir site --port 8000
test: setup
	@scripts/test.sh
bench: setup
	$(PY) -m scripts.bench
lock:
	@scripts/lock.sh
clean:
	rm -rf site .pytest_cache .coverage
