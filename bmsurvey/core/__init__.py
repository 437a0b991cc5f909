"""The core: schema, loader, bibliography and the checked survey model. Knows no output."""
