"""Text utilities shared by the steps: sentences, dates, spans, quotations, regex pre-filters."""
