"""The literal strings a pattern's matches start or end with, read from its source text."""

import re

import pytest

from kb.ingest.text import literals


@pytest.mark.parametrize(
    ("pattern", "starts", "ends"),
    [
        (r"\bsaid\b", {"said"}, {"said"}),
        (r"\b(?:counter-?)?offensive\b", {"counter", "offensiv"}, {"ffensive"}),
        (r"ab(?:cd|e)?", {"ab"}, {"ab", "cd", "e"}),
        (r"sen[dt]\w*", {"send", "sent"}, None),
        (r"(?P<mon>May|June)\s+\d", {"May", "June"}, None),
        (r"(?<![\w-])Iran(?![\w-])", {"Iran"}, {"Iran"}),
        (r"[Aa]ccording to", {"Accordin", "accordin"}, {"rding to"}),
        (r"x{2,3}y", {"x"}, {"xy"}),
        (r"a{}b", {"a{}b"}, {"a{}b"}),
        (r"\x41\u2019\N{EM DASH}", {"A’—"}, {"A’—"}),
        (r"[]a]b", {"]b", "ab"}, {"]b", "ab"}),
        (r"(?:ab|ac)d", {"abd", "acd"}, {"abd", "acd"}),
        (r"(?:a|b|c|d|e)x", None, {"x"}),  # five letters make a class: too many to list
        (r"(?i:said) that", None, {" that"}),  # the case-blind part is not known
        (r"(a)\1b", {"a"}, {"b"}),
        (r"\w+ said", None, {" said"}),
        (r"said\s+\w+", {"said"}, None),
        (r"[^a]bc", None, {"bc"}),
    ],
)
def test_literal_strings_of_a_pattern(pattern, starts, ends):
    compiled = re.compile(pattern)
    assert literals.starts(compiled) == starts
    assert literals.ends(compiled) == ends


@pytest.mark.parametrize(
    "pattern",
    [
        re.compile(r"said  # a comment", re.VERBOSE),  # verbose mode is not read
        re.compile(r"(?>said)"),  # atomic groups are not read
        re.compile(r"(a)?(?(1)b|c)"),  # conditionals are not read
        re.compile(rb"said"),  # bytes patterns are not read
    ],
)
def test_unread_constructs_give_no_constraint(pattern):
    assert literals.starts(pattern) is None
    assert literals.ends(pattern) is None


def test_every_match_holds_one_of_the_strings():
    texts = [
        "They said that the counter-offensive began; according to him, it sent aid.",
        "The offensive, the counteroffensive and May 3 — x{}y a{}b Iran-backed",
    ]
    for pattern in [r"\b(?:counter-?)?offensive\b", r"sen[dt]\w*", r"[Aa]ccording to", r"a{}b"]:
        compiled = re.compile(pattern)
        for text in texts:
            starts, ends = literals.starts(compiled), literals.ends(compiled) or {""}
            for m in compiled.finditer(text):
                assert any(m.group().startswith(s) for s in starts)
                assert any(m.group().endswith(s) for s in ends)
