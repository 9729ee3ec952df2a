"""Template filters and tags of the researcher pages (kb_extras)."""
