#!/usr/bin/env bash
# Fresh clone -> site served on http://127.0.0.1:8000/
#   1. set up .venv from requirements.txt
#   2. generate docs/ from the article (scripts/convert.py)
#   3. build once with --strict (any warning fails here, not silently later)
#   4. serve with live reload: a change to docs/, mkdocs.yml or anything under source/ (text,
#      translations, glossary, metadata, layout decisions, editions) re-converts and reloads
#      (hooks/live_preview.py); a conversion error shows on the page until the next good save
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1

# site_url names the GitHub Pages project path (/REPO/), under which `mkdocs serve` would
# serve; locally the site is served at the root.
ADDR="${ADDR:-127.0.0.1:8000}"
export SITE_URL="${SITE_URL:-http://$ADDR/}"

bash scripts/setup.sh
.venv/bin/python scripts/convert.py
.venv/bin/mkdocs build --strict
exec .venv/bin/mkdocs serve -a "$ADDR" -w source
