"""Folding for alias matching and the way back to original offsets."""

import re

import pytest

from actors.names import fold, fold_text, letters


def _words(text: str) -> list[tuple[str, str]]:
    """Each folded word with the original text its span maps back to."""
    folded = fold(text)
    out = []
    for m in re.finditer(r"\S+", folded.text):
        start, end = folded.span(m.start(), m.end())
        out.append((m.group(), text[start:end]))
    return out


def test_fold_casefolds():
    assert fold("IRAN Iraq").text == "iran iraq"


def test_fold_strips_diacritics():
    assert fold_text("Muqtadā al-Ṣadr") == "muqtada al sadr"


def test_fold_strips_decomposed_combining_marks():
    assert fold_text("Sa\u0301dr") == "sadr"


@pytest.mark.parametrize("apostrophe", ["'", "’", "`", "ʼ", "ʿ", "ʾ", "‘"])
def test_fold_removes_apostrophes_inside_words(apostrophe):
    assert fold_text(f"Kata{apostrophe}ib") == "kataib"


@pytest.mark.parametrize("text", ["Iran's", "Iran’s", "Iranʼs"])
def test_fold_splits_possessive_s(text):
    assert fold_text(text) == "iran s"


def test_fold_removes_plural_possessive_apostrophe():
    assert fold_text("Iraqis’ fight") == "iraqis fight"


@pytest.mark.parametrize("dash", ["-", "‐", "–", "—"])
def test_fold_turns_hyphens_and_dashes_into_spaces(dash):
    assert fold_text(f"Iran{dash}backed") == "iran backed"


def test_fold_turns_punctuation_and_line_breaks_into_spaces():
    assert fold("Iraq,\nIran.").text == "iraq  iran "


def test_fold_keeps_length_when_nothing_vanishes():
    text = "The U.S.-backed forces, in Iraq."
    assert len(fold(text).text) == len(text)


def test_fold_expands_sharp_s():
    assert fold_text("Straße") == "strasse"


def test_span_maps_back_after_removed_apostrophes():
    assert ("kataib", "Kata’ib") in _words("the ‘Kata’ib Hizballah’ group")


def test_span_maps_back_after_combining_marks():
    assert ("sadr", "S\u0323adr") in _words("al-S\u0323adr said")


def test_span_maps_back_after_expansion():
    assert _words("Straße Iran") == [("strasse", "Straße"), ("iran", "Iran")]


def test_span_maps_every_word_of_long_mixed_text():
    text = "Iran’s “Quds” don’t Muqtadā ﬁne ’’ Kata'ib Iraqis’ — end " * 50
    for folded_word, original in _words(text):
        assert fold_text(original) == folded_word


def test_letters_keeps_case_and_drops_dots():
    assert letters("U.S.") == "US"
