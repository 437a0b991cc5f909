#!/usr/bin/env bash
# Install what the tests need, then lint, type-check and run every test (browser tests included).
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
python3 -m pip install -q -e ".[test]"
if [ ! -d node_modules/axe-core ]; then npm install --no-save --no-audit --no-fund -s axe-core@4 >/dev/null; fi
python3 -m ruff check bmsurvey tests bench
python3 -m mypy
python3 -m pytest -q -p no:cacheprovider "$@"
