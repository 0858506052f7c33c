#!/usr/bin/env bash
# Regenerates the lock files requirements/*.txt from requirements/*.in with pip-tools,
# pinning every package (pip included) with its hashes. Arguments go to pip-compile:
#   scripts/lock.sh                      keep the current pins, add or drop what the .in files changed
#   scripts/lock.sh --upgrade            newest versions the .in ranges allow
#   scripts/lock.sh --upgrade-package X  only X
# pip-tools runs from its own locked venv, so the project's .venv stays exactly as locked.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=.cache/lock-venv
if [ ! -x "$tools/bin/pip-compile" ] || ! cmp -s requirements/tools.txt "$tools/.installed"; then
  rm -rf "$tools"
  python3 -m venv "$tools"
  "$tools/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r requirements/tools.txt
  cp requirements/tools.txt "$tools/.installed"
fi

export CUSTOM_COMPILE_COMMAND="make lock"
# build first: test.in is constrained by build.txt, so both pin the shared packages alike.
for name in build test tools; do
  echo "requirements/$name.in -> requirements/$name.txt"
  "$tools/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
    --no-emit-index-url --no-emit-trusted-host --no-emit-find-links \
    --output-file "requirements/$name.txt" "$@" "requirements/$name.in"
done
