"""Alternations of cue words grouped by first letter: the same matches, found faster."""

from __future__ import annotations


def by_first_letter(alternatives: list[str]) -> str:
    """``"|".join(alternatives)`` grouped by first letter: the same matches, found faster.

    Each alternative must start with an ASCII letter (not quantified). At one position only
    the alternatives starting with the letter found there can match, and they keep their
    order, so ``re`` picks the same one; but it tries one group per letter instead of every
    alternative, which matters most for case-insensitive patterns (no fast first-character
    test there). Letters differing only in case must not both start alternatives, since
    under ``re.IGNORECASE`` their groups would match at the same places.
    """
    groups: dict[str, list[str]] = {}
    for form in alternatives:
        first = form[:1]
        if not (first.isascii() and first.isalpha()) or form[1:2] in ("?", "*", "+", "{"):
            raise ValueError(f"alternative must start with a plain letter: {form!r}")
        if first not in groups and first.swapcase() in groups:
            raise ValueError(f"alternatives start with both {first!r} and {first.swapcase()!r}")
        groups.setdefault(first, []).append(form[1:])
    return "|".join(f"{letter}(?:{'|'.join(rests)})" for letter, rests in groups.items())
