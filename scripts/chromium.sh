#!/usr/bin/env bash
# Installs Debian's headless-capable Chromium for the report tests (tests/graph/test_report.py),
# only when no chromium is on PATH. Idempotent; needs root (CI and the dev machines run as root).
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq chromium >/dev/null
command -v chromium
