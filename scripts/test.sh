#!/usr/bin/env bash
# Every test, in order, stopping at the first failure (`make test` runs this after setup):
#   1. lint and format: ruff check, ruff format --check
#   2. unit tests under coverage; `coverage report` fails below fail_under (pyproject.toml)
#   3. the built site and headless Chromium
#   4. unit and site tests again with another product's settings overlay
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
PY=.venv/bin/python
# The site and browser tests in 3 workers on the 2 cores (much of a browser test is waiting:
# timers, timeouts, servers), a test module per worker (its own builds and servers stay
# together); each worker makes its own session build.
PARALLEL=(-n 3 --dist loadfile --durations=15)

step() { printf '\n=== %s ===\n' "$*"; }

step "ruff check ."
$PY -m ruff check .
step "ruff format --check ."
$PY -m ruff format --check .
step "unit tests under coverage"
$PY -m coverage run -m pytest tests/unit
$PY -m coverage report
step "built site and browser"
$PY -m pytest "${PARALLEL[@]}" tests/site tests/browser
overlay=tests/overlays/other_product.toml
step "unit and site tests with HELP_SETTINGS_OVERRIDE=$overlay"
HELP_SETTINGS_OVERRIDE=$overlay $PY -m pytest tests/unit
HELP_SETTINGS_OVERRIDE=$overlay $PY -m pytest "${PARALLEL[@]}" tests/site
