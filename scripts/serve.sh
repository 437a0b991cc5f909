#!/usr/bin/env bash
# Set up the project's .venv, check, build strictly and serve the site on http://127.0.0.1:8000/bmsurvey/.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
bash scripts/venv.sh
. .venv/bin/activate
bmsurvey check
bmsurvey build
exec bmsurvey serve "$@"
