"""Search-result snippets: escaped excerpts with the query's words marked.

Match markers (from ``ts_headline`` on PostgreSQL, or set here) are private-use sentinels that
become ``<mark>`` only after the text around them has been escaped.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_CHARS = 220
START, STOP = "\ue000", "\ue001"  # ts_headline markers, replaced after escaping


def marks_from_sentinels(text: str) -> SafeString:
    """Escape `text`, then turn the START/STOP sentinels into <mark> tags."""
    out = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(out)  # noqa: S308 - built from escaped text and our own tags only


def snippet(text: str, words: list[str], *, width: int = SNIPPET_CHARS) -> SafeString:
    """Escaped excerpt of `text` around the first occurrence of any word, words marked."""
    text = text or ""
    if not words:
        return mark_safe(escape(_clip(text, 0, width)))  # noqa: S308
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
    first = pattern.search(text)
    centre = first.start() if first else 0
    start = max(0, centre - width // 3)
    piece = _clip(text, start, width)
    marked = pattern.sub(lambda m: f"{START}{m.group(0)}{STOP}", piece)
    return marks_from_sentinels(marked)


def _clip(text: str, start: int, width: int) -> str:
    """`width` characters from `start`, widened to whole words, with ellipses where cut."""
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else 0
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    piece = " ".join(text[start:end].split())
    return ("… " if start > 0 else "") + piece + (" …" if end < len(text) else "")
