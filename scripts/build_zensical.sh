#!/usr/bin/env bash
# Build the site with Zensical (+ zensical-i18n) instead of MkDocs, from the same docs/ and mkdocs.yml.
#   bash scripts/build_zensical.sh DIR [DOCS [CONFIG]]
# writes the site to DIR (created or replaced). DOCS defaults to docs/ (the committed draft) and
# CONFIG to mkdocs.yml; the tests pass an edition's rendered pages and its config. Zensical runs in an environment of its own, .venv-zensical
# (requirements-zensical.txt, pinned, plus this project for its Markdown extension), and builds in a
# scratch copy of the project: it writes .zensical-i18n/ and .cache/ beside its config.
# MkDocs + Material + mike stays the production build; README.md says what still differs.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
    echo "usage: bash scripts/build_zensical.sh DIR [DOCS [CONFIG]]" >&2
    exit 2
fi
OUT="$1"
DOCS="${2:-docs}"
CONFIG="${3:-mkdocs.yml}"
[ -d "$DOCS" ] || { echo "build_zensical.sh: error: $DOCS: no such folder" >&2; exit 2; }

PYTHON="${PYTHON:-python3}"
VENV=.venv-zensical
stamp="$VENV/.requirements.sha256"
want="$(cat requirements-zensical.txt pyproject.toml | sha256sum | cut -d' ' -f1)"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    { "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r requirements-zensical.txt &&
      "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e .; } \
        >"$VENV/install.log" 2>&1 || { cat "$VENV/install.log" >&2; exit 1; }
    echo "$want" > "$stamp"
fi

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
cp -r overrides jieba_userdict.txt "$scratch/"
cp "$CONFIG" "$scratch/mkdocs.yml"
cp -r "$DOCS" "$scratch/docs"
(cd "$scratch" && NO_MKDOCS_2_WARNING=1 "$ROOT/$VENV/bin/zensical-i18n" build -f mkdocs.yml --clean >build.log 2>&1) \
    || { cat "$scratch/build.log" >&2; echo "build_zensical.sh: error: the Zensical build failed" >&2; exit 1; }
mkdir -p "$(dirname "$OUT")"
rm -rf "$OUT"
mv "$scratch/site" "$OUT"
echo "build_zensical.sh: site written to $OUT" >&2
