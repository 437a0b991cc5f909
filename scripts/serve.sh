#!/usr/bin/env bash
# Set up, check, build strictly and serve the site on http://127.0.0.1:8000/.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
python3 -m pip install -q -e .
bmsurvey check
bmsurvey build
exec bmsurvey serve "$@"
