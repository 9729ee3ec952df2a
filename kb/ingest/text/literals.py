"""The literal strings every match of a regular expression starts or ends with, from its source.

Read with the public ``re`` API only: the pattern's source text and flags go through a small
parser of the usual syntax (literals, escapes, classes, groups, alternation, repeats, anchors
and look-arounds). Alternations are simplified as ``re`` simplifies them (a common first item
factored out, single characters merged into a class), so that a pattern gives the strings its
compiled form would suggest. Whatever the parser does not know (back-references, conditionals,
verbose mode, atomic groups, ...) is "no constraint": always safe, since a pre-test that knows
nothing lets all text through.
"""

from __future__ import annotations

import re
import unicodedata

#: Strings longer than this are cut (prefixes keep their start, suffixes their end).
MAX_LENGTH = 8

_CATEGORIES = frozenset("dDsSwW")
_ANCHORS = frozenset("bBAZ")
_OCTAL = frozenset("01234567")
_DIGITS = frozenset("0123456789")
_CONTROL = {"n": "\n", "t": "\t", "r": "\r", "f": "\f", "v": "\v", "a": "\a"}
_REPEAT = re.compile(r"\{(\d*)(?:,(\d*))?\}")
_GLOBAL_FLAGS = re.compile(r"\(\?[aiLmsux]+\)")
_SCOPED_FLAGS = re.compile(r"\(\?([aiLmsux]*)(?:-([imsx]+))?:")
_NAMED_GROUP = re.compile(r"\(\?P<\w+>")
_NAMED_REFERENCE = re.compile(r"\(\?P=(\w+)\)")


class Unsupported(Exception):
    """A construct the parser does not read: the pattern gets no literal strings."""


class _Unique:
    """A token that equals only itself: ``re`` never treats two groups as the same item."""


def starts(pattern: re.Pattern[str]) -> set[str] | None:
    """Literal strings one of which starts every match of ``pattern``; None: no constraint."""
    seq = _read(pattern)
    return None if seq is None else _starts(seq)


def ends(pattern: re.Pattern[str]) -> set[str] | None:
    """Literal strings one of which ends every match of ``pattern``; None: no constraint."""
    seq = _read(pattern)
    return None if seq is None else _ends(seq)


def _read(pattern: re.Pattern[str]) -> list[tuple] | None:
    if not isinstance(pattern.pattern, str) or pattern.flags & re.VERBOSE:
        return None
    try:
        return _Parser(pattern.pattern).parse()
    except Unsupported:
        return None


# Nodes, as tuples: ("lit", char), ("at", code), ("in", items, negated), ("any",),
# ("notlit", char), ("look", token), ("group", body, case_changed, token), ("rep", low, body, token),
# ("alt", [body, ...]), ("opaque", token). A body is a list of nodes.


class _Parser:
    def __init__(self, source: str):
        self.s = source
        self.i = 0

    def peek(self, n: int = 1) -> str:
        return self.s[self.i : self.i + n]

    def take(self) -> str:
        if self.i >= len(self.s):
            raise Unsupported("unexpected end")
        ch = self.s[self.i]
        self.i += 1
        return ch

    def parse(self) -> list[tuple]:
        body = self.alternatives()
        if self.i != len(self.s):
            raise Unsupported("unbalanced parenthesis")
        return body

    def alternatives(self) -> list[tuple]:
        items = [self.sequence()]
        while self.peek() == "|":
            self.i += 1
            items.append(self.sequence())
        return items[0] if len(items) == 1 else _branch(items)

    def sequence(self) -> list[tuple]:
        out: list[tuple] = []
        while self.i < len(self.s) and self.peek() not in ("|", ")"):
            if self.peek() in ("?", "*", "+") or (
                self.peek() == "{" and _REPEAT.match(self.s, self.i) and self.peek(2) != "{}"
            ):
                if not out or out[-1][0] in ("at", "look"):
                    raise Unsupported("nothing to repeat")
                out[-1] = self.repeat(out[-1])
                continue
            node = self.atom()
            if node is not None:
                out.append(node)
        # Non-capturing groups without flags become part of the sequence, as in ``re``.
        spliced: list[tuple] = []
        for node in out:
            spliced.extend(node[1] if node[0] == "group" and node[2] is None else [node])
        return spliced

    def repeat(self, item: tuple) -> tuple:
        ch = self.take()
        if ch == "{":
            m = _REPEAT.match(self.s, self.i - 1)
            self.i = m.end()
            low = int(m[1]) if m[1] else 0
        else:
            low = 1 if ch == "+" else 0
        if self.peek() in ("?", "+"):
            self.i += 1  # lazy or possessive: the same strings
        if item[0] == "rep":
            raise Unsupported("multiple repeat")
        # A non-capturing group without flags is repeated as its content, as ``re`` does.
        body = item[1] if item[0] == "group" and item[2] is None else [item]
        return ("rep", low, body, _Unique())

    def atom(self) -> tuple | None:
        ch = self.take()
        if ch == "(":
            return self.group()
        if ch == "[":
            return self.char_class()
        if ch == ".":
            return ("any",)
        if ch in "^$":
            return ("at", ch)
        if ch == "\\":
            return self.escape()
        return ("lit", ch)

    def group(self) -> tuple | None:
        start = self.i - 1
        case_changed = False
        kind = "group"
        if self.peek() != "?":
            pass  # a capturing group
        elif m := _GLOBAL_FLAGS.match(self.s, start):
            self.i = m.end()
            return None  # already in ``pattern.flags``
        elif m := _NAMED_REFERENCE.match(self.s, start):
            self.i = m.end()
            return ("ref", m[1])
        elif m := _NAMED_GROUP.match(self.s, start):
            self.i = m.end()
        elif m := _SCOPED_FLAGS.match(self.s, start):
            self.i = m.end()
            if "x" in (m[1] or "") + (m[2] or ""):
                raise Unsupported("verbose group")
            case_changed = "i" in (m[1] or "") or bool(m[2])
            kind = "group" if m[1] or m[2] else "plain"
        elif self.peek(2) in ("?=", "?!"):
            self.i += 2
            kind = "look"
        elif self.peek(3) in ("?<=", "?<!"):
            self.i += 3
            kind = "look"
        elif self.peek(2) == "?#":
            end = self.s.find(")", self.i)
            if end < 0:
                raise Unsupported("unterminated comment")
            self.i = end + 1
            return None
        elif self.peek(2) == "?>":
            self.i += 2
            kind = "opaque"
        else:
            raise Unsupported(f"group at {start}")
        body = self.alternatives()
        if self.take() != ")":
            raise Unsupported("missing )")
        if kind == "look":
            return ("look", _Unique())
        if kind == "opaque":
            return ("opaque", _Unique())
        # ``None`` marks a non-capturing group without flags (repeated as its content).
        return ("group", body, None if kind == "plain" else case_changed, _Unique())

    def escape(self, *, in_class: bool = False) -> tuple:
        ch = self.take()
        if ch in _CATEGORIES:
            return ("cat", ch) if in_class else ("in", (("cat", ch),), False)
        if ch in _ANCHORS:
            if in_class:
                if ch == "b":
                    return ("lit", "\b")
                raise Unsupported("bad escape in class")
            return ("at", ch)
        if ch in _CONTROL:
            return ("lit", _CONTROL[ch])
        if ch in "xuU":
            size = {"x": 2, "u": 4, "U": 8}[ch]
            digits = self.s[self.i : self.i + size]
            if len(digits) != size or not all(c in "0123456789abcdefABCDEF" for c in digits):
                raise Unsupported("bad hex escape")
            self.i += size
            return ("lit", chr(int(digits, 16)))
        if ch == "N" and self.peek() == "{":
            end = self.s.find("}", self.i)
            if end < 0:
                raise Unsupported("bad named escape")
            name, self.i = self.s[self.i + 1 : end], end + 1
            try:
                return ("lit", unicodedata.lookup(name))
            except KeyError:
                raise Unsupported("unknown character name") from None
        if ch in _DIGITS:
            return self.number(ch, in_class=in_class)
        if ch.isascii() and ch.isalpha():
            raise Unsupported("bad escape")
        return ("lit", ch)

    def number(self, ch: str, *, in_class: bool) -> tuple:
        """``\\0``, ``\\012``, ``\\101``: an octal escape; ``\\1``, ``\\12``: a back-reference."""
        if ch == "0" or in_class:
            if ch not in _OCTAL:
                raise Unsupported("bad escape in class")
            digits = ch
            while len(digits) < 3 and self.peek() in _OCTAL and self.peek():
                digits += self.take()
            return ("lit", chr(int(digits, 8)))
        ahead = self.peek(2)
        if ch in _OCTAL and len(ahead) == 2 and all(c in _OCTAL for c in ahead):
            value = int(ch + self.take() + self.take(), 8)
            if value > 0o377:
                raise Unsupported("octal escape out of range")
            return ("lit", chr(value))
        if self.peek() and self.peek() in _DIGITS:
            ch += self.take()
        return ("ref", int(ch))  # a back-reference: what it matches is not known here

    def char_class(self) -> tuple:
        negated = self.peek() == "^"
        if negated:
            self.i += 1
        items: list[tuple] = []
        first = True
        while True:
            ch = self.take()
            if ch == "]" and not first:
                break
            first = False
            item = self.escape(in_class=True) if ch == "\\" else ("lit", ch)
            if self.peek() == "-" and self.peek(2) != "-]" and self.peek(2)[1:] != "":
                self.i += 1
                end = self.take()
                end_item = self.escape(in_class=True) if end == "\\" else ("lit", end)
                if item[0] != "lit" or end_item[0] != "lit":
                    raise Unsupported("bad range")
                item = ("range", item[1], end_item[1])
            items.append(item)
        items = list(dict.fromkeys(items))
        if len(items) == 1 and items[0][0] == "lit":
            return ("notlit", items[0][1]) if negated else items[0]
        return ("in", tuple(items), negated)


def _branch(items: list[list[tuple]]) -> list[tuple]:
    """An alternation as ``re`` stores it: a common first item factored out, single
    characters merged into one class, else a branch."""
    out: list[tuple] = []
    while all(items) and all(item[0] == items[0][0] for item in items[1:]):
        out.append(items[0][0])
        items = [item[1:] for item in items]
    chars: list[tuple] = []
    for item in items:
        if len(item) != 1:
            break
        node = item[0]
        if node[0] == "lit":
            chars.append(node)
        elif node[0] == "in" and not node[2]:
            chars.extend(node[1])
        else:
            break
    else:
        out.append(("in", tuple(dict.fromkeys(chars)), False))
        return out
    out.append(("alt", items))
    return out


def _class_chars(node: tuple) -> list[str] | None:
    """The characters of a short class of plain characters; None for anything else."""
    _, items, negated = node
    if negated or len(items) > 4 or not all(item[0] == "lit" for item in items):
        return None
    return [item[1] for item in items]


def _starts(seq: list[tuple]) -> set[str] | None:
    if not seq:
        return None
    node, rest = seq[0], seq[1:]
    kind = node[0]
    if kind == "lit":
        tail = _starts(rest)
        return {node[1]} if tail is None else {(node[1] + t)[:MAX_LENGTH] for t in tail}
    if kind in ("at", "look"):
        return _starts(rest)  # zero-width: the match goes on with what follows
    if kind == "group":
        return None if node[2] else _starts(node[1] + rest)
    if kind == "alt":
        out: set[str] = set()
        for alt in node[1]:
            found = _starts(alt + rest)
            if found is None:
                return None
            out |= found
        return out
    if kind == "rep":
        first = _starts(node[2])
        if node[1] >= 1:
            return first
        after = _starts(rest)
        return None if first is None or after is None else first | after
    if kind == "in" and (chars := _class_chars(node)) is not None:
        tail = _starts(rest)
        if tail is None:
            return set(chars)
        return {(ch + t)[:MAX_LENGTH] for ch in chars for t in tail}
    return None


def _ends(seq: list[tuple]) -> set[str] | None:
    if not seq:
        return None
    node, rest = seq[-1], seq[:-1]
    kind = node[0]
    if kind == "lit":
        head = _ends(rest)
        return {node[1]} if head is None else {(h + node[1])[-MAX_LENGTH:] for h in head}
    if kind in ("at", "look"):
        return _ends(rest)  # zero-width: the match ends with what comes before
    if kind == "group":
        return None if node[2] else _ends(rest + node[1])
    if kind == "alt":
        out: set[str] = set()
        for alt in node[1]:
            found = _ends(rest + alt)
            if found is None:
                return None
            out |= found
        return out
    if kind == "rep":
        last = _ends(node[2])
        if node[1] >= 1:
            return last
        before = _ends(rest)
        return None if last is None or before is None else last | before
    if kind == "in" and (chars := _class_chars(node)) is not None:
        head = _ends(rest)
        if head is None:
            return set(chars)
        return {(h + ch)[-MAX_LENGTH:] for ch in chars for h in head}
    return None
