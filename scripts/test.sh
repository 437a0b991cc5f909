#!/usr/bin/env bash
# Set up the project's .venv with what the tests need, then lint, type-check, audit the workflows
# and run every test (browser tests included). Arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
bash scripts/venv.sh test
. .venv/bin/activate
if [ ! -d node_modules/axe-core ]; then npm install --no-save --no-audit --no-fund -s axe-core@4 >/dev/null; fi
python -m ruff check bmsurvey tests bench
python -m mypy
# GitHub workflows: fail on any zizmor finding above low (offline audits; no token needed).
zizmor --offline --min-severity medium --no-progress .github/workflows/
python -m pytest -q -p no:cacheprovider "$@"
