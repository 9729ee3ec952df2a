"""Quotations in an article body: the inner spans of double-quoted passages."""

from __future__ import annotations

import re
from functools import lru_cache

_QUOTE_MARKS = re.compile(r"[“”\"]")


@lru_cache(maxsize=8)
def quotations(body: str) -> tuple[tuple[int, int], ...]:
    """Inner spans of quotations (curly or straight double quotes) in the body.

    Kept for the last few bodies: claims and events both ask for the same article's.
    """
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    for m in _QUOTE_MARKS.finditer(body):
        ch = m.group()
        if ch == "“" or (ch == '"' and open_at is None):
            open_at = m.end()
        elif open_at is not None:
            if "\n\n" not in body[open_at : m.start()]:
                spans.append((open_at, m.start()))
            open_at = None
    return tuple(spans)
