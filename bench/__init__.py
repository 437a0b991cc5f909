"""Benchmark harness of bmsurvey (issue 11): synthetic knowledge bases at 1x and 10x the survey,
timed against the mkdocs floor and the mkdocs-bibtex peer. Run `python -m bench --json FILE`."""
