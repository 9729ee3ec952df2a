"""Find gold passages in an article body.

Gold passages are copied from the published text, so they may differ from the stored body
in typography only: curly or straight quotes and apostrophes, non-breaking spaces, line
breaks and runs of spaces. Both sides are folded the same way before searching, and the
match is mapped back to offsets in the original body.
"""

from __future__ import annotations

import re

_QUOTES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "`": "'", "“": '"', "”": '"', "„": '"'})
_SPACE = re.compile(r"\s+")

Span = tuple[int, int]


def fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """``text`` with quotes folded and whitespace runs made one space, and for each folded
    character the offset it came from (plus one final entry for the end)."""
    out: list[str] = []
    at: list[int] = []
    pos = 0
    for m in _SPACE.finditer(text):
        for i in range(pos, m.start()):
            out.append(text[i])
            at.append(i)
        out.append(" ")
        at.append(m.start())
        pos = m.end()
    for i in range(pos, len(text)):
        out.append(text[i])
        at.append(i)
    at.append(len(text))
    return "".join(out).translate(_QUOTES), at


def fold(text: str) -> str:
    """The folded form of a gold passage (quotes folded, whitespace runs collapsed, trimmed)."""
    return _SPACE.sub(" ", text).translate(_QUOTES).strip()


class Locator:
    """Search one body for many passages without refolding it each time."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.folded, self._at = fold_with_offsets(body)

    def find(self, passage: str) -> Span | None:
        """Offsets of ``passage`` in the body, or None when it is not there."""
        needle = fold(passage)
        if not needle:
            return None
        i = self.folded.find(needle)
        if i < 0:
            return None
        end = i + len(needle)
        return self._at[i], self._at[end - 1] + 1

    def __contains__(self, passage: str) -> bool:
        return self.find(passage) is not None


def overlap(a: Span, b: Span) -> bool:
    """Whether two half-open spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def sentence_span(sentences: list[Span], span: Span) -> Span:
    """The sentence(s) that ``span`` touches, as one span; ``span`` itself when none do."""
    inner = [(s, e) for s, e in sentences if overlap((s, e), span)]
    if not inner:
        return span
    return inner[0][0], inner[-1][1]
