"""Contributor tools that edit the source files: `fmt` and `new`."""
