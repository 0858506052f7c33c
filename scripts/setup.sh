#!/usr/bin/env bash
# Installs exactly what is locked, skipping what is already installed.
#   scripts/setup.sh build   what `make build` and `make serve` need: .venv as in
#                            requirements/build.txt, npm's runtime packages (Pyodide), and
#                            Debian's chromium and fonts-noto-cjk (the checklist's PDF)
#   scripts/setup.sh test    (the default) what `make test` and `make bench` need: .venv as in
#                            requirements/test.txt, every npm package (axe-core, lighthouse too), and
#                            Debian's chromium, fonts-noto-cjk, poppler-utils and zbar-tools
# .venv ends up holding exactly the lock: every package pinned with its hashes, pip included.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=${1:-test}
case "$mode" in
  build | test) ;;
  *) echo "usage: $0 [build|test]" >&2; exit 2 ;;
esac
lock=requirements/$mode.txt
started=$SECONDS
export LC_ALL=C  # one sort order for sort and comm

# name==version lines, names normalised (PEP 503) so pip's and pip-compile's spellings agree.
normalise() { awk -F'==' '/==/ { n = tolower($1); gsub(/[-_.]+/, "-", n); print n "==" $2 }' | sort; }
locked() { grep -oE '^[A-Za-z0-9][A-Za-z0-9._-]*==[^ ;\\]+' "$1" | normalise; }
# This machine's pip configuration names local package folders that may not exist, and pip
# warns about each one for each package: drop those lines, keep every other message.
pip_install() {
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps "$@" \
    2> >(grep -v "^WARNING: Location 'file:.*' is ignored: it is neither a file nor a directory" >&2)
}
installed() { .venv/bin/python -m pip freeze --all --disable-pip-version-check | normalise; }

# Python: a stamp in .venv records each lock the venv matches (a test venv also matches build).
if [ -x .venv/bin/python ] && cmp -s "$lock" ".venv/.installed-$mode"; then
  :
else
  echo "setup: installing $lock into .venv"
  if ! .venv/bin/python -c "" 2>/dev/null; then
    rm -rf .venv
    python3 -m venv .venv
  fi
  rm -f .venv/.installed-*
  # The locked pip first, so that it is the one that installs (and builds) the rest.
  awk '/^pip==/ { p = 1 } p { print } p && !/\\$/ { exit }' "$lock" >.venv/pip-lock.txt
  pip_install -r .venv/pip-lock.txt
  pip_install -r "$lock"
  rm .venv/pip-lock.txt
  # Remove what the lock does not list: the setuptools that `python -m venv` adds, or what
  # an older lock or the other mode installed.
  extra=$(comm -23 <(installed | cut -d= -f1 | sort) <(locked "$lock" | cut -d= -f1 | sort))
  if [ -n "$extra" ]; then
    # shellcheck disable=SC2086  # one word per package
    .venv/bin/python -m pip uninstall --quiet --disable-pip-version-check -y $extra
  fi
  if ! diff <(installed) <(locked "$lock") >&2; then
    echo "setup: .venv does not match $lock (lines marked < are installed, > are locked)" >&2
    exit 1
  fi
  for each in build test; do
    if [ -z "$(comm -13 <(installed) <(locked "requirements/$each.txt"))" ]; then
      cp "requirements/$each.txt" ".venv/.installed-$each"
    fi
  done
fi

# npm: `npm ci` empties node_modules first, so its stamp goes with it. A build needs only
# the dependencies (Pyodide); the tests and the bench also need the devDependencies
# (axe-core; lighthouse, run by `make bench` only).
if ! cmp -s package-lock.json "node_modules/.installed-$mode" &&
  ! { [ "$mode" = build ] && cmp -s package-lock.json node_modules/.installed-test; }; then
  if [ "$mode" = build ]; then
    npm ci --omit=dev --no-audit --no-fund --loglevel=error
  else
    npm ci --no-audit --no-fund --loglevel=error
  fi
  cp package-lock.json "node_modules/.installed-$mode"
fi

# Debian: a headless browser and CJK fonts (else Chinese prints as boxes) print the checklist's
# PDF in every build; the tests add pdftotext for the PDF tests and zbarimg for reading QR codes back.
debian=(chromium fonts-noto-cjk)
if [ "$mode" = test ]; then
  debian+=(poppler-utils zbar-tools)
fi
missing=()
for pkg in "${debian[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}. Run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
fi

if [ $((SECONDS - started)) -gt 0 ]; then
  echo "setup ($mode): done in $((SECONDS - started)) s"
fi
