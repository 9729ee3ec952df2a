"""Read step: an article file (text, Markdown, HTML) and its sidecar → RawDocument."""
