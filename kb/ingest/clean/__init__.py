"""Clean step: RawDocument → CleanDocument (title, date, byline; body without boilerplate)."""
