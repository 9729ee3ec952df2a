"""Sentence boundaries inside paragraphs: a careful regex splitter.

pysbd was measured at ~7 ms for a 4 KB article (and its character spans need care); this
splitter takes well under 1 ms. A boundary is ``.``, ``!``, ``?`` or ``…`` (closing quotes
and brackets included) followed by whitespace and a capital, digit, quote or bracket; it
is not a boundary after a title or other abbreviation ("Gen.", "Mr.", "No."), a single
initial ("J. Smith") or, unless a usual sentence opener follows, a dotted acronym
("U.S.", "a.m."). A paragraph always ends a sentence.

A "sentence" longer than MAX_SENTENCE characters (real ones stay under ~500; a paragraph with
no sentence breaks, or a whole file on one line, does not) is cut at clause marks into pieces
of at most that length: every later step works sentence by sentence, some of them in time
that grows faster than the sentence, so this bounds them all and keeps ingest linear in the
length of the article.
"""

from __future__ import annotations

import re

# Never end a sentence: titles and abbreviations that precede a name or a number.
_NEVER = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt", "cpl", "adm",
    "brig", "cmdr", "gov", "sen", "rep", "rev", "fr", "st", "mt", "jr", "sr", "vs", "v",
    "approx", "dept", "ft", "lb", "lbs", "inc", "ltd", "corp", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ave", "blvd", "pres", "amb",
    "sheikh", "hon", "messrs", "cf", "al", "e.g", "i.e",
}  # fmt: skip
# Words that usually open a sentence: after "U.S." or "a.m." they mean a new one began.
_OPENERS = {
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "but", "and", "this",
    "that", "these", "those", "there", "in", "on", "at", "as", "if", "when", "while",
    "however", "meanwhile", "still", "yet", "so", "his", "her", "its", "their", "our", "my",
    "after", "before", "since", "during", "despite", "although", "though", "for", "what",
    "why", "how", "who", "where", "some", "many", "most", "one", "no", "not", "officials",
    "iran", "iraq", "washington", "tehran", "baghdad",
}  # fmt: skip

#: Longest sentence span the splitter returns (characters).
MAX_SENTENCE = 1000

_NUMBERED = {"no", "nos", "vol", "pp", "fig", "art"}
_NUMBER_NEXT = re.compile(r"\s+\d")
_BOUNDARY = re.compile(r"([.!?…]+)[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9])")
_TOKEN_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)\.$")
_NEXT_WORD = re.compile(r"\s+[\"“‘'(\[]?([A-Za-z]+)")


def _period_ends_sentence(text: str, dot: int, after: int) -> bool:
    """Whether the single period at ``dot`` ends a sentence (``after``: end of the match)."""
    match = _TOKEN_BEFORE.search(text, max(0, dot - 20), dot + 1)
    if not match:
        return True  # a number or a closing bracket before the period
    word = match.group(1)
    if word.lower() in _NUMBERED:
        return not _NUMBER_NEXT.match(text, after)  # "No. 5", but "the answer was no."
    if word.lower() in _NEVER:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. Smith"
    if "." in word:
        # "U.S." or "a.m.": a new sentence only if a usual opener follows
        nxt = _NEXT_WORD.match(text, after)
        return bool(nxt) and nxt.group(1).lower() in _OPENERS
    return True


def split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans inside ``text[start:end]``, trimmed of whitespace."""
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, end):
        if match.group(1) == "." and not _period_ends_sentence(text, match.start(), match.end()):
            continue
        _add(text, spans, cursor, match.end())
        cursor = match.end()
    _add(text, spans, cursor, end)
    return spans


def _add(text: str, spans: list[tuple[int, int]], start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        cut = _cut(text, start, start + MAX_SENTENCE)
        _add(text, spans, start, cut)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        spans.append((start, end))


def _cut(text: str, start: int, limit: int) -> int:
    """Where to end an over-long sentence at or before ``limit``: after the last clause mark
    (; : , —) in its second half, else the last space, else at ``limit``."""
    half = start + (limit - start) // 2
    for marks in ((";", ":"), (",", "—")):
        at = max(text.rfind(mark, half, limit) for mark in marks)
        if at >= 0:
            return at + 1
    at = text.rfind(" ", half, limit)
    return at + 1 if at >= 0 else limit


def split_sentences(body: str, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans of ``body``, paragraph by paragraph (the whole body when none given)."""
    spans: list[tuple[int, int]] = []
    for start, end in paragraphs or [(0, len(body))]:
        spans.extend(split_paragraph(body, start, end))
    return spans
