"""Speaker labels in transcripts: "MR. MILLER:", "SECRETARY BLINKEN:", "MAJOR GENERAL PAT RYDER:".

A label opens a paragraph in capitals and ends with a colon; the speaker's turn runs to the
next label. "QUESTION:", "Q:", "MODERATOR:" and the like are turns without a speaker of
record. The speaker's name is the label without its ranks and titles, in title case, and is
completed from a fuller form of the same surname written elsewhere in the article ("MS.
PSAKI" on a page headed "Jen Psaki" → Jen Psaki).
"""

# ruff: noqa: SIM905  (word lists read best as one string)
from __future__ import annotations

import re
from dataclasses import dataclass

from kb.ingest.types import CleanDocument

_LABEL = re.compile(
    r"(?:(?:MR|MS|MRS|DR|GEN|ADM|COL|LT|SEN|REP)\.\s+)?[A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z.'’\-]*){0,5}:"
    r"(?=\s)"
)
# Labels of turns whose words are nobody's claims (questions, the moderator's housekeeping).
NO_SPEAKER = frozenset(
    "QUESTION Q QUESTIONS MODERATOR OPERATOR STAFF PARTICIPANT AUDIENCE REPORTER PARTICIPANTS "
    "NOTE EDITOR UPDATE CORRECTION".split()
)
_RANKS = frozenset(
    "MR MS MRS DR GEN ADM COL LT SEN REP MAJOR GENERAL BRIGADIER LIEUTENANT COLONEL CAPTAIN "
    "ADMIRAL REAR VICE AIR FORCE ARMY NAVY MARINE CORPS SECRETARY DEPUTY UNDER ASSISTANT PRESS "
    "SPOKESPERSON SPOKESMAN SPOKESWOMAN AMBASSADOR PRESIDENT VICE-PRESIDENT PRIME MINISTER "
    "CHAIRMAN SENATOR DIRECTOR SPECIAL ENVOY ACTING CHIEF OF STAFF PENTAGON STATE DEFENSE "
    "SERGEANT MASTER COMMANDER".split()
)


@dataclass(frozen=True)
class Turn:
    """A speaker's turn: the label's span, the turn's span, and the speaker's name."""

    label: tuple[int, int]  # the label without its colon
    name_span: tuple[int, int]  # the name inside the label ("PAT RYDER")
    start: int  # after the colon
    end: int  # where the next label starts, or the end of the body
    name: str  # "" for a question or moderator turn
    # a statement "attributable to" someone: only its first-person sentences are theirs
    first_person_only: bool = False


def speaker_turns(doc: CleanDocument) -> list[Turn]:
    """Every labelled turn of a transcript, in order; [] for other articles."""
    body = doc.body
    labels = []
    for start, _end in doc.paragraphs:
        m = _LABEL.match(body, start)
        if m and not re.search(r"[a-z]", m.group()):
            labels.append(m)
    if not labels:
        return _attributed(doc)
    context = " ".join((doc.title, doc.author, body))
    turns = []
    for i, m in enumerate(labels):
        end = labels[i + 1].start() if i + 1 < len(labels) else len(body)
        words = list(re.finditer(r"[A-Z][A-Z'’\-]*\.?", m.group()[:-1]))
        names = [w for w in words if w.group().rstrip(".") not in _RANKS]
        first = words[0].group().rstrip(".") if words else ""
        if first in NO_SPEAKER or not names:
            turns.append(Turn((m.start(), m.end() - 1), (m.start(), m.start()), m.end(), end, ""))
            continue
        span = (m.start() + names[0].start(), m.start() + names[-1].end())
        name = " ".join(w.group().title() for w in names)
        turns.append(Turn((m.start(), m.end() - 1), span, m.end(), end, _fuller(name, context)))
    return turns


# "(Attributable to Pentagon Press Secretary John Kirby)", "The below is attributable to
# Spokesperson Matthew Miller:" — the statement that follows is theirs.
_ATTRIBUTABLE = re.compile(
    r"\(?(?:the\s+(?:below|following)(?:\s+statement)?\s+is\s+)?attributable\s+to\s+"
    r"(?P<who>[A-Z][\w.'’\- ]{2,80}?)\s*[:)]?\s*$",
    re.IGNORECASE,
)


_NAME_WORD = re.compile(r"[A-Z][a-z'’\-]+|[A-Z]\.|(?:al|el|bin|ibn|de|van|von)-?[A-Z]?[a-z'’\-]*")


def _attributed(doc: CleanDocument) -> list[Turn]:
    """A statement headed "attributable to <title> <Name>": one turn to the end."""
    body = doc.body
    for start, end in doc.paragraphs[:4]:
        m = _ATTRIBUTABLE.match(body, start, end)
        if not m:
            continue
        words = list(re.finditer(r"\S+", m.group("who")))
        titled = 0
        while words and words[0].group().rstrip(".").upper() in _RANKS:
            words.pop(0)
            titled += 1
        # a person: after a title, two to four name words ("Spokesperson Matthew Miller")
        if (
            not titled
            or not 2 <= len(words) <= 4
            or not all(_NAME_WORD.fullmatch(w.group()) for w in words)
        ):
            return []
        base = m.start("who")
        span = (base + words[0].start(), base + words[-1].end())
        return [Turn((start, end), span, end, len(body), body[span[0] : span[1]], True)]
    return []


def _fuller(name: str, context: str) -> str:
    """A one-word surname completed from "Jen Psaki" written elsewhere in the article."""
    if " " in name:
        return name
    m = re.search(rf"\b([A-Z][a-z]+(?:\s+[A-Z]\.)?)\s+{re.escape(name)}\b", context)
    if m and m.group(1).upper() not in _RANKS:
        return f"{m.group(1)} {name}"
    return name


def turn_at(turns: list[Turn], pos: int) -> Turn | None:
    """The turn ``pos`` lies in, if any."""
    for t in turns:
        if t.start <= pos < t.end:
            return t
        if t.start > pos:
            break
    return None
