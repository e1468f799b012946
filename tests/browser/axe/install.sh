#!/usr/bin/env bash
# Installs axe-core, which the browser journeys inject into every page they visit (npm ci from the
# committed lock file). Called by `make test`; a test that finds node_modules missing runs it too.
set -euo pipefail
cd "$(dirname "$0")"
if ! command -v npm >/dev/null 2>&1; then
  echo "npm is missing: scripts/system-deps.sh installs Debian's nodejs and npm." >&2
  exit 1
fi
npm ci --silent --no-audit --no-fund
