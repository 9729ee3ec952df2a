"""A title for an article that came without one: its first heading or first sentence.

Two seed files had no title line and were listed by their file names ("000_a5….txt"). A
derived title is stored with ``Article.title_derived`` set, shown as such on the pages, and
cleared when an analyst edits the title (admin or API).
"""

from __future__ import annotations

import re

MAX_CHARS = 120
# A heading: a short first paragraph without a final full stop.
HEADING_CHARS = 150
# A sentence ends at . ! or ? followed by a space and a capital, a digit or a quote, unless
# the word before the stop is an abbreviation or an initial ("U.S.", "Gen.", "J.").
_END = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[A-Z0-9\"“‘(])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:[A-Z]|[A-Z]\.[A-Z]|Mr|Mrs|Ms|Dr|Gen|Col|Lt|Maj|Capt|Sgt|Adm|Gov|Sen|Rep|Rev|"
    r"Prof|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|Inc|Co|Corp|vs|etc)\.)$"
)


def first_sentence(text: str) -> str:
    """The first sentence of `text` (the whole text when it has one sentence)."""
    for match in _END.finditer(text):
        before = text[: match.start()].rstrip('"”’)')
        if not _ABBREVIATION.search(before):
            return before.strip()
    return text.strip()


def clip(text: str, limit: int = MAX_CHARS) -> str:
    """`text` cut at the last whole word within `limit` characters, with "…" where cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit)
    return text[: cut if cut > 0 else limit].rstrip(" ,;:–—-") + "…"


def excerpt(text: str, limit: int) -> str:
    """`text` within `limit` characters, never cut inside a word: at the last clause break
    (, ; : –) in its second half if there is one, else at the last whole word, with "…"."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    brk = max(head.rfind(mark, 0, limit) for mark in (", ", "; ", ": ", " – ", " — "))
    if brk >= limit // 2:
        return head[:brk].rstrip(" ,;:–—") + " …"
    return clip(text, limit).removesuffix("…").rstrip() + " …"


def derive_title(body: str) -> str:
    """The first heading (a short first paragraph with no final stop) or first sentence."""
    first = next((p.strip() for p in (body or "").split("\n\n") if p.strip()), "")
    if not first:
        return ""
    one_line = " ".join(first.split())
    if len(one_line) <= HEADING_CHARS and not one_line.endswith((".", "!", "?", ":")):
        return clip(one_line)
    return clip(first_sentence(one_line)).rstrip(".")


def title_fields(title: str, body: str) -> dict:
    """``title`` and ``title_derived`` for a new article: its own title, or one derived."""
    if title.strip():
        return {"title": title, "title_derived": False}
    derived = derive_title(body)
    return {"title": derived, "title_derived": bool(derived)}
