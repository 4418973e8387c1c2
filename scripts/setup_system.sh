#!/usr/bin/env bash
# System packages the tests need: Debian's Chromium and CJK fonts (browser), Java (HTML checker),
# Node and npm (citeproc-js), poppler-utils (pdftotext, pdffonts, pdfinfo: the PDF tests and benchmark).
# Installs only what is missing, and only as root (apt-get); otherwise says what to install.
set -euo pipefail

missing=()
# $CHROMIUM names another Chromium-based browser (GitHub's runners have Chrome preinstalled).
[ -x "${CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ]; then
    echo "setup: installing ${missing[*]} (apt-get)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
    echo "setup: missing ${missing[*]}: install them (sudo apt-get install ${missing[*]})" \
         "or the browser tests will skip (and fail under CI=true)" >&2
fi
