#!/usr/bin/env bash
# Create .venv (if missing), install the pinned requirements and the project itself (editable:
# the libraries under scripts/ and their console commands). Idempotent: re-running is cheap when
# requirements.txt and pyproject.toml have not changed.
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
    echo "$want" > "$stamp"
else
    echo "setup: .venv is up to date"
fi
