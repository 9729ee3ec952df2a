"""Name folding for alias matching (with a map back to the original offsets) and spelling skeletons.

``fold("Iran’s Muqtadā al-Ṣadr")`` gives ``"iran s muqtada al sadr"``: case folded,
diacritics stripped, apostrophes removed (a possessive ``'s`` becomes a separate ``s``),
every other non-alphanumeric character (punctuation, hyphens, dashes, line breaks) a space.
So in folded text a word boundary is always a space or an end of the string. Spaces are
not collapsed ("U.S. Army" folds to ``"u s  army"``): aliases fold the same way, and
collapsing would put a breakpoint in the offset map after every comma.

Speed: ``str.translate`` over a 128-entry table folds ASCII (CPython's fast path, hundreds
of MB/s); runs of non-ASCII characters are folded 1:1 by a second table first. Only
characters that vanish (apostrophes, combining marks) or expand (``ß`` → ``ss``) change
lengths, and only those places are recorded in the offset map.

Spelling variants (Soleimani / Suleimani / Suleiman, Hezbollah / Hizballah) share a
consonant :func:`skeleton` per word; :func:`name_score` ranks a folded name against a
folded query with it (search), and the duplicate-actor suggestions compare names' skeletons.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from operator import add

from rapidfuzz import fuzz

APOSTROPHES = "'’‘`´ʼʻʿʾ′"
_DELETE = "\x00"  # sentinel: the character vanishes
_EXPAND = "\x01"  # sentinel: the character folds to several characters
_APOS = "\x02"  # sentinel: an apostrophe (vanishes, unless it starts a possessive 's)
_INVISIBLE = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}

_EXPANSIONS: dict[str, str] = {}


def _fold_char(ch: str) -> str:
    """The folded form of one character: a letter/digit string, " ", or a sentinel."""
    if ch in APOSTROPHES:
        return _APOS
    if ch in _INVISIBLE or unicodedata.category(ch).startswith("M"):
        return _DELETE
    out = []
    for part in unicodedata.normalize("NFKD", ch).casefold():
        if part in APOSTROPHES or unicodedata.category(part).startswith("M"):
            continue
        out.append(part if part.isalnum() else " ")
    folded = re.sub(" +", " ", "".join(out))
    if folded == "":
        return _DELETE
    if len(folded) > 1 and folded.strip():
        folded = folded.strip()
    if len(folded) == 1:
        return folded
    _EXPANSIONS[ch] = folded
    return _EXPAND


def _build_table() -> list[int]:
    table = list(range(0x10000))
    for cp in (*range(0x3040), *range(0xA640, 0xA6A0), *range(0xFB00, 0x10000)):
        if 0xD800 <= cp <= 0xDFFF:
            continue
        table[cp] = ord(_fold_char(chr(cp)))
    return table


_TABLE = _build_table()
# ASCII after the non-ASCII pass: sentinels it produced must survive.
_ASCII_TABLE = [cp if cp < 3 else _TABLE[cp] for cp in range(128)]
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# The usual non-ASCII of English text, replaced at C speed before the general pass.
_COMMON = tuple((ch, chr(_TABLE[ord(ch)])) for ch in "’“”‘—–…\u00a0é")
_POSSESSIVE = re.compile(r"\x02(?<=[^\W_]\x02)(?=s(?![^\W_]))")
_COMPACT = re.compile(r"(\x01|\x02+)")


def _fold_run(match: re.Match[str]) -> str:
    return match.group().translate(_TABLE)


@dataclass(frozen=True)
class Folded:
    """Folded text plus the breakpoints that map its offsets back to the original."""

    text: str
    _folded_at: tuple[int, ...] = ()
    _original_at: tuple[int, ...] = ()

    @property
    def breakpoints(self) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(folded offsets, original offsets) where lengths change; empty when none do."""
        return self._folded_at, self._original_at

    def position(self, index: int) -> int:
        """Original offset of the folded character at ``index``."""
        if not self._folded_at:
            return index
        j = bisect_right(self._folded_at, index) - 1
        return self._original_at[j] + index - self._folded_at[j]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original ``[start, end)`` of the folded span ``[start, end)`` (non-empty)."""
        fa = self._folded_at
        if not fa:
            return start, end
        oa = self._original_at
        j = bisect_right(fa, start) - 1
        k = bisect_right(fa, end - 1, j) - 1
        return oa[j] + start - fa[j], oa[k] + end - fa[k]


def fold(text: str) -> Folded:
    """Fold ``text`` for matching and keep the way back to its offsets."""
    t = text
    if not t.isascii():
        for ch, rep in _COMMON:
            if ch in t:
                t = t.replace(ch, rep)
        if not t.isascii():
            t = _NON_ASCII.sub(_fold_run, t)
    t = t.translate(_ASCII_TABLE)
    if _APOS in t:
        t = _POSSESSIVE.sub(" ", t)
    if _DELETE in t:
        t = t.replace(_DELETE, _APOS)
    if _EXPAND in t:
        return _compact(t, text)
    if _APOS not in t:
        return Folded(t)
    # Only deletions: the pieces between them give the breakpoints directly.
    pieces = t.split(_APOS)
    ends = list(accumulate(map(len, pieces)))
    del ends[-1]
    return Folded(
        "".join(pieces),
        (0, *ends),
        (0, *map(add, ends, range(1, len(pieces)))),
    )


def _compact(t: str, text: str) -> Folded:
    """General case, with expansions: rebuild piece by piece."""
    out: list[str] = []
    folded_at = [0]
    original_at = [0]
    o = i = 0
    for k, part in enumerate(_COMPACT.split(t)):
        if not k & 1:
            out.append(part)
            o += len(part)
            i += len(part)
            continue
        rep = _EXPANSIONS.get(text[i], " ") if part == _EXPAND else ""
        out.append(rep)
        o += len(rep)
        i += len(part)
        folded_at.append(o)
        original_at.append(i)
    return Folded("".join(out), tuple(folded_at), tuple(original_at))


def fold_text(text: str) -> str:
    """Only the folded string, stripped: the normalised form of an alias."""
    return fold(text).text.strip()


def letters(text: str) -> str:
    """The letters and digits of ``text``, case kept: "U.S." → "US"."""
    return "".join(ch for ch in text if ch.isalnum())


# --- spelling variants -------------------------------------------------------------------

_VOWELS = set("aeiouy")


def skeleton(word: str) -> str:
    """First letter plus the following consonants, repeats collapsed: soleimani → slmn."""
    if not word:
        return ""
    out = word[0]
    for ch in word[1:]:
        if ch in _VOWELS or not ch.isalpha():
            continue
        if out[-1] != ch:
            out += ch
    return out


def name_score(query: str, candidate: str) -> float:
    """How well a folded query matches a folded name or alias, 0–100."""
    if not query or not candidate:
        return 0.0
    if query == candidate:
        return 100.0
    q_words, c_words = query.split(), candidate.split()
    if f" {query} " in f" {candidate} ":
        return 95.0 - min(10.0, len(c_words) - len(q_words))
    ratio = fuzz.ratio(query, candidate)
    c_skeletons = {skeleton(w) for w in c_words if len(w) >= 4}
    q_skeletons = [skeleton(w) for w in q_words if len(w) >= 4]
    if q_skeletons and all(s in c_skeletons for s in q_skeletons):
        # Spelling variant of every long word: accept when the letters broadly agree too.
        best_word_ratio = min(
            max(fuzz.ratio(qw, cw) for cw in c_words) for qw in q_words if len(qw) >= 4
        )
        if best_word_ratio >= 75:
            return 85.0 + best_word_ratio / 20
    if ratio >= 85:
        return ratio * 0.9
    partial = fuzz.partial_ratio(query, candidate) if len(query) >= 5 else 0
    return partial * 0.85 if partial >= 90 else 0.0
