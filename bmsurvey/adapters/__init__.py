"""Output adapters over the pure renderers: the mkdocs plugin, the Zensical build and
`render --out`. Each one is thin; a speed-up that needs one engine's internals stays in its
adapter."""
