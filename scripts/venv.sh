#!/usr/bin/env bash
# Create the project's .venv with the first python3 on PATH (once) and install bmsurvey into it,
# editable, with the extras given as arguments: `bash scripts/venv.sh` or `bash scripts/venv.sh test`.
# serve.sh and test.sh run it first. Afterwards `. .venv/bin/activate` puts bmsurvey, python and
# the test tools on PATH. A venv is what works on stock Debian 12, whose system Python refuses
# `pip install` outside one (PEP 668, "externally-managed-environment").
set -euo pipefail
cd "$(dirname "$0")/.."
export PIP_DISABLE_PIP_VERSION_CHECK=1

die() { printf 'scripts/venv.sh: %s\n' "$*" >&2; exit 1; }

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -m pip --version >/dev/null 2>&1; then
  command -v python3 >/dev/null ||
    die "no python3 on PATH. On Debian or Ubuntu: sudo apt-get install python3 python3-venv"
  python=$(command -v python3)
  "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' ||
    die "bmsurvey needs Python 3.11 or newer; $python is $("$python" -V 2>&1)."
  # Debian and Ubuntu ship the venv module, but its ensurepip (which puts pip into a new venv)
  # comes in the separate package python3-venv.
  "$python" -c 'import venv, ensurepip' 2>/dev/null ||
    die "$python cannot create a venv with pip: its venv/ensurepip module is missing." \
        "On Debian or Ubuntu install the package python3-venv: sudo apt-get install python3-venv"
  echo "scripts/venv.sh: creating .venv with $python ($("$python" -V 2>&1))" >&2
  # --clear: a .venv left half-made (e.g. by a run before python3-venv was installed) is redone.
  "$python" -m venv --clear .venv ||
    die "'$python -m venv .venv' failed. On Debian or Ubuntu: sudo apt-get install python3-venv"
fi

spec="."
if [ $# -gt 0 ]; then spec=".[$(IFS=,; echo "$*")]"; fi
.venv/bin/python -m pip install -q -e "$spec"
