#!/usr/bin/env bash
# Set up .venv, run the test suite and the linter.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1

bash scripts/setup_system.sh
bash scripts/setup.sh
.venv/bin/python -m pytest -q
.venv/bin/ruff check scripts tests hooks
