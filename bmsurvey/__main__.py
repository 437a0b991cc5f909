from __future__ import annotations

import sys

from bmsurvey.cli import main

sys.exit(main())
