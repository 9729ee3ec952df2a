"""Unknown names worth an analyst's look: proposed as candidate actors.

Only names with a strong sign of being an actor are proposed (quality over quantity):

- a person after a title ("Gen. Joseph Votel", "Prime Minister Nouri al-Maliki") or with
  an Arabic name particle ("Qasim al-Araji", "Abu Mahdi al-Muhandis");
- an organisation named by its head word ("... Forces", "Ministry of ...", "... Party") or
  by an Arabic group word ("Harakat ...", "Kataib ...");
- a media outlet ("... News", "... Times", "... Press");
- an acronym of 2-6 capitals, merged with its expansion when the text gives one
  ("Popular Mobilization Forces (PMF)").

Anything covered by a known actor or place mention is left out, as are sentence-initial
common words, months, weekdays and demonyms.
"""

# ruff: noqa: SIM905  (word lists read best as one string)
from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from kb.ingest.link.variants import is_term_name, term_acronym
from kb.ingest.types import CandidateProposal, MentionProposal, PlaceMention

_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w'’\-]*\w)?")
_CONNECTORS = {
    "of",
    "for",
    "on",
    "the",
    "and",
    "al",
    "el",
    "bin",
    "ibn",
    "bint",
    "de",
    "da",
    "du",
    "van",
    "von",
    "la",
    "le",
    "del",
}
_COLLECTIVE = set(
    "people workers martyrs women youth nation soldiers children students believers".split()
)
_PARTICLES = ("al", "el", "Al", "El", "ad", "ar", "as", "at", "az", "an", "ash", "ul")
_PARTICLE = re.compile(rf"^(?:{'|'.join(_PARTICLES)})-[A-Z]")
_STOP = set(
    "a an the in on at to of for from by with into onto upon about against between among "
    "through during before after since until despite without within under over as if when "
    "while because although though unless but and or nor so yet then now today yesterday "
    "this that these those it its his her their our my your we they he she i you there here "
    "what why how who whom where which some many most several both all each every no not even "
    "just only also still meanwhile however moreover furthermore indeed instead thus hence "
    "according former late new top senior other another such one two three first last next "
    "mr mrs ms dr sir madam dear yes oh well perhaps maybe clearly evidently apparently".split()
)
_MONTHS = set(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WEEKDAYS = set("monday tuesday wednesday thursday friday saturday sunday".split())
_DEMONYMS = set(
    "iranian iraqi american syrian lebanese israeli palestinian saudi kuwaiti yemeni omani "
    "qatari bahraini emirati jordanian egyptian turkish kurdish russian chinese british "
    "french german european afghan afghani pakistani indian arab arabic persian shiite shia "
    "shi'ite sunni muslim christian jewish yazidi turkmen assyrian western eastern northern "
    "southern islamist baathist ba'athist sadrist houthi western-backed iranian-backed "
    "us-led american-led u.s.-led".split()
)
_PERSON_TITLES = set(
    "president minister gen general ayatollah sheikh shaykh sayyid sayed hajj haji imam "
    "mullah cleric mr mrs ms dr prof professor sen senator rep representative congressman "
    "congresswoman commander cmdr col colonel lt lieutenant maj major brig brigadier adm "
    "admiral capt captain sgt sergeant king queen prince emir sultan secretary ambassador "
    "envoy spokesman spokeswoman spokesperson governor gov mayor judge chairman chairwoman "
    "director speaker leader advisor adviser chief".split()
)
_TITLE_WORDS = _PERSON_TITLES | set(
    "vice prime deputy foreign defense defence interior finance oil security national state "
    "supreme grand crown special acting then top senior former late first army navy air "
    "force forces staff joint of the".split()
)
_ORG_KINDS = {
    **dict.fromkeys("Forces Brigades Brigade Battalion Battalions Militia Militias Army Front Corps Guard Guards Units Resistance Mujahideen Mujahedin".split(), "armed_group"),
    **dict.fromkeys("Ministry Council Agency Committee Department Office Command Parliament Assembly Commission Authority Directorate Service Services Government Administration Court Cabinet Bureau Senate Congress".split(), "government_body"),
    **dict.fromkeys("Party".split(), "political_party"),
    **dict.fromkeys("Organization Organisation Institute Center Centre Foundation University Association Society Movement Group Coalition Alliance Union Fund Bank Company Corporation".split(), "other"),
}  # fmt: skip
_ARABIC_GROUP = set(
    "harakat harakat-al kataib kata'ib kata’ib asaib asa'ib asa’ib saraya jaish jaysh liwa "
    "hizb jabhat ansar hashd quwat tanzim majlis jund faylaq firqat hay'at tahrir".split()
)
_MEDIA = set(
    "News Times Post Journal Press Herald Tribune Monitor Gazette Telegraph Television TV Radio Broadcasting Newsweek Reuters".split()
)
_STATE_FORCES = {"Forces", "Army", "Navy", "Corps", "Guard", "Command"}
_STOP_ACRONYMS = set(
    "US USA UK EU UN TV AM PM OK CEO GDP ID VIP PDF FAQ HTML URL RSS PS NB II III IV VI VII "
    "VIII IX XI XII XIV XV COVID AIDS HIV NOTE UPDATE BREAKING EST EDT GMT UTC PST CST USD "
    "IQD IRR BBL LNG WMD IED IEDS RPG UAV UAVS ATM SUV DNA CNN BBC AP AFP OPINION ANALYSIS "
    "LIVE VIDEO WATCH READ MORE NEW THE AND OF IN A I MR MRS MS DR GEN COL LT ST BY".split()
)


_Covered = Callable[[int, int], bool]
# Pre-filter in C: two or more capitalised words in a row, connectors allowed between.
_UPPER = "A-ZÀ-ÖØ-ÞĀ-ɏḀ-ỿ"
_CAP = rf"(?:(?:[A-Z]\.){{2,}}|(?:[{_UPPER}]|(?:{'|'.join(_PARTICLES)})-[A-Z])[\w'’\-]*)"
_CONN = "|".join(sorted(_CONNECTORS))
# Runs are ``(?<![\w'’\-]){_CAP}(?:\.? (?:(?:{_CONN}) )*{_CAP})+``, written so that ``re``
# skips in C to the next character that can start one: a pattern opening with a look-behind
# is tried at every character, one opening with a character class only where the class
# matches. So a class reads the first character of the first word, a look-behind checks the
# character before it, and each alternative of ``_CAP`` goes on from there, checking that
# first character again by a look-behind.
_CAP_AFTER_FIRST = (
    rf"(?:(?<=[A-Z])\.(?:[A-Z]\.)+"
    rf"|(?:(?<=[{_UPPER}])|{'|'.join(f'(?<={p[0]}){p[1:]}-[A-Z]' for p in _PARTICLES)})[\w'’\-]*)"
)
_FIRST = "".join(dict.fromkeys(p[0] for p in _PARTICLES if not "A" <= p[0] <= "Z"))
_RUN = re.compile(
    rf"[{_UPPER}{_FIRST}](?<![\w'’\-].){_CAP_AFTER_FIRST}(?:\.? (?:(?:{_CONN}) )*{_CAP})+"
)


class _Tok:
    """A word of a capitalised run, with what the rules ask of it worked out once."""

    __slots__ = ("start", "end", "text", "possessive", "lower", "capital", "_body", "_initial")

    def __init__(
        self, start: int, end: int, text: str, possessive: bool = False, body: str | None = None
    ):
        self.start, self.end, self.text = start, end, text
        self.possessive = possessive
        self.lower = text.lower()
        self.capital = text[0].isupper() or bool(_PARTICLE.match(text))
        self._body = body  # the text it was read from, if it can start a sentence
        self._initial: bool | None = None

    @property
    def initial(self) -> bool:
        """Whether the word starts a sentence (worked out when first asked: rarely needed)."""
        if self._initial is None:
            self._initial = self._body is not None and _sentence_start(self._body, self.start)
        return self._initial


def _possessive(tok: _Tok) -> bool:
    return tok.text.endswith(("'s", "’s")) and len(tok.text) > 2


def _sentence_start(body: str, at: int) -> bool:
    before = body[max(0, at - 3) : at].rstrip(" \"“‘'(")
    return not before or before[-1] in ".!?:\n"


def _sequences(body: str, covered: _Covered | None = None) -> list[list[_Tok]]:
    """Runs of capitalised words joined by single spaces (and name connectors).

    ``covered(start, end)``: whether every character there belongs to a known name. A
    pre-filtered run that is covered and stands apart from its neighbours (so that its words
    make runs of their own) can yield no candidate: it is left out.
    """
    runs: list[list[_Tok]] = []
    current: list[_Tok] = []

    def close() -> None:
        while current and not current[-1].capital:
            current.pop()
        if current:
            runs.append(current.copy())
        current.clear()

    previous_end = -1  # end of the previous word as written, "'s" included
    spans = [m.span() for m in _RUN.finditer(body)]
    for k, (a, b) in enumerate(spans):
        apart = a > previous_end + 2 and (k + 1 == len(spans) or spans[k + 1][0] > b + 2)
        if covered is not None and apart and covered(a, b):
            close()
            continue
        for m in _TOKEN.finditer(body, a, b):
            start, end = m.span()
            tok = _Tok(start, end, m.group(), body=body)
            if current and start > previous_end + 2:
                close()  # the next pre-filtered run
            if current:
                gap = body[previous_end:start]
                joined = gap == " " or (
                    gap == ". "
                    and (current[-1].lower in _PERSON_TITLES or len(current[-1].text) == 1)
                )  # "Gen. Joseph", "John F. Kirby": a title or a middle initial
                if not joined or not (tok.capital or tok.lower in _CONNECTORS):
                    close()
            previous_end = end
            if current or tok.capital:
                if _possessive(tok):
                    tok = _Tok(start, end - 2, tok.text[:-2], True, body)
                current.append(tok)
                if tok.possessive and tok.lower not in _COLLECTIVE:
                    close()  # "Iran's Supreme Council": two names; "People's Mujahedin": one
    close()
    return runs


def _org_kind(toks: Sequence[_Tok]) -> str | None:
    """Kind of an organisation name: by its head word, last or before of/for/on."""
    for i, tok in enumerate(toks):
        head = toks[i + 1].lower in ("of", "for", "on") if i + 1 < len(toks) else True
        if tok.text in _ORG_KINDS and head and len(toks) >= 2:
            kind = _ORG_KINDS[tok.text]
            if tok.text in _STATE_FORCES and toks[0].lower in _DEMONYMS:
                return "government_body"
            return kind
    if toks[0].lower in _ARABIC_GROUP and len(toks) >= 2:
        return "armed_group"
    if toks[-1].text in _MEDIA and len(toks) >= 2:
        return "media"
    return None


def _classify(toks: list[_Tok]) -> tuple[list[_Tok], str] | None:
    """(name tokens, kind) for a run of capitalised words, or None when not a candidate."""
    while toks and (
        toks[0].lower in _STOP or toks[0].lower in _MONTHS or toks[0].lower in _WEEKDAYS
    ):
        toks = toks[1:]
    # "Members of the ...", "Fighters of ...": a sentence's first word, not part of the name
    if (
        len(toks) > 2
        and toks[0].initial
        and toks[0].text not in _ORG_KINDS
        and toks[1].lower in _CONNECTORS
    ):
        toks = toks[1:]
        while toks and toks[0].lower in _CONNECTORS:
            toks = toks[1:]
    if not toks:
        return None
    if kind := _org_kind(toks):
        return toks, kind
    while toks and toks[0].lower in _DEMONYMS:
        toks = toks[1:]
    titled = False
    while toks and toks[0].lower in _TITLE_WORDS:
        if toks[0].lower in _CONNECTORS and not (len(toks) > 1 and toks[1].lower in _TITLE_WORDS):
            break  # "Secretary of State" is a title, "Secretary of Iran" is not
        titled = titled or toks[0].lower in _PERSON_TITLES
        toks = toks[1:]
    names = [t for t in toks if t.lower not in _CONNECTORS]
    if not titled and (after := _after_title(toks)):
        return after, "person"  # "Pentagon Press Secretary John F. Kirby": the title split off
    if not names or toks[0].lower in _CONNECTORS or len(toks) > 5:
        return None
    if any(_bad_name_word(t) for t in names):
        return None
    if titled or (
        len(names) >= 2
        and any(_PARTICLE.match(t.text) or t.lower in ("bin", "ibn", "abu") for t in toks)
    ):
        return toks, "person"
    return None


def _after_title(toks: list[_Tok]) -> list[_Tok] | None:
    """The name after the last person title inside a run ("... Press Secretary John Kirby")."""
    last = max((i for i, t in enumerate(toks) if t.lower in _PERSON_TITLES), default=-1)
    rest = toks[last + 1 :]
    if last < 1 or not 2 <= len(rest) <= 4 or any(t.lower in _TITLE_WORDS for t in rest):
        return None
    return None if any(_bad_name_word(t) for t in rest) else rest


def _bad_name_word(tok: _Tok) -> bool:
    low = tok.lower
    return len(tok.text) > 1 and (
        low in _MONTHS or low in _WEEKDAYS or low in _DEMONYMS or low in _STOP or tok.text.isupper()
    )  # a one-letter word is a middle initial ("Mark A. Milley")


# 2-6 capitals as a word: ``(?<![\w.])[A-Z]{2,6}(?!\w)``, the look-behind moved after the
# first capital (see _RUN) so that ``re`` skips ahead in C from one capital to the next.
_ACRONYM = re.compile(r"[A-Z](?<![\w.].)[A-Z]{1,5}(?!\w)")


def _acronyms(body: str) -> Iterable[_Tok]:
    for m in _ACRONYM.finditer(body):
        text = m.group()
        if text in _STOP_ACRONYMS:
            continue
        before = body[max(0, m.start() - 12) : m.start()].split()
        after = body[m.end() : m.end() + 12].split()
        if (before and before[-1].strip(".,:;").isupper()) or (
            after and after[0].strip(".,:;").isupper()
        ):
            continue  # an all-capitals headline or label, not a name
        yield _Tok(m.start(), m.end(), text)


class _Mask:
    """Characters of the body taken by something: one byte each, so lookups stay O(span)."""

    def __init__(self, size: int, spans: Iterable[tuple[int, int]] = ()):
        self.bytes = bytearray(size)
        for start, end in spans:
            self.mark(start, end)

    def mark(self, start: int, end: int) -> None:
        self.bytes[start:end] = b"\x01" * (end - start)

    def hit(self, start: int, end: int) -> bool:
        return self.bytes.find(1, start, end) >= 0

    def full(self, start: int, end: int) -> bool:
        return self.bytes.find(0, start, end) < 0


# (confidence, rule) of a candidate actor by the shape that found it: a person's name, a
# bare acronym (the only shape of kind "other"), or an organisation's name (with a head
# word such as "Ministry" or "Brigades"). Confidences: the share of candidates of each
# shape that the gold names, on the dev set and seeds ((right + 1) / (total + 2)).
CANDIDATE_RULES = {"person": (0.82, "person_name"), "other": (0.12, "acronym")}
_NAME = (0.46, "organisation_name")


def find_candidates(
    body: str,
    mentions: Iterable[MentionProposal],
    places: Iterable[PlaceMention],
    *,
    skip: Iterable[tuple[int, int]] = (),
) -> list[CandidateProposal]:
    """Candidate actors in ``body`` that no mention or place (or ``skip`` span) covers."""
    mentions = list(mentions)
    spans = [(m.start, m.end) for m in mentions] + [(p.start, p.end) for p in places]
    known = _Mask(len(body), [*spans, *skip])
    claimed = _Mask(len(body))  # spans already given to a candidate
    found: dict[str, CandidateProposal] = {}

    def add(name: str, kind: str, span: tuple[int, int]) -> CandidateProposal:
        entry = found.setdefault(
            name.casefold(), CandidateProposal(name, kind, [], *CANDIDATE_RULES.get(kind, _NAME))
        )
        if not claimed.hit(*span):
            entry.spans.append(span)
            claimed.mark(*span)
        return entry

    for run in _sequences(body, known.full):
        flags = [known.hit(t.start, t.end) for t in run]
        for lo, hi in _uncovered_parts(run, flags):
            if not (result := _classify(run[lo:hi])):
                continue
            toks, kind = result
            first, last = run.index(toks[0]), run.index(toks[-1])
            if kind == "person":
                if (first > 0 and flags[first - 1]) or (last + 1 < len(run) and flags[last + 1]):
                    continue  # the name runs into a known actor: "Gen. Qassem [Soleimani]"
            else:
                # An organisation named after a known actor: "[United Nations] Security
                # Council", "People's Mujahedin of [Iran]"; not "[Iran]'s Security Council".
                while first > 0 and flags[first - 1] and not run[first - 1].possessive:
                    first -= 1
                while (
                    last + 1 < len(run)
                    and flags[last + 1]
                    and run[last].lower in ("of", "for", "in")
                ):
                    last += 1
            if kind != "person" and run[last].lower in _CONNECTORS:
                # "Office of the [United Nations] High Commissioner for Refugees": the name
                # goes on through the known actor; cut there it is not a name
                last = len(run) - 1
            start, end = run[first].start, run[last].end
            if _not_a_name(run[first : last + 1]) or is_term_name(body[start:end]):
                continue
            if claimed.hit(start, end):
                continue  # already part of a candidate: a surname found earlier
            fresh = body[start:end].casefold() not in found
            entry = add(body[start:end], kind, (start, end))
            if fresh and kind == "person" and len(toks) >= 2:
                for m in re.finditer(rf"(?<![\w’'\-]){re.escape(toks[-1].text)}(?![\w\-])", body):
                    if not known.hit(m.start(), m.end()):
                        add(entry.name, kind, (m.start(), m.end()))
    terms: set[str] = set()  # acronyms spelled out by a term or a known actor before them
    for t in _acronyms(body):
        fresh = t.text not in terms and not known.hit(t.start, t.end)
        if fresh and term_acronym(body, t.start, t.text, mentions):
            terms.add(t.text)
    _add_acronyms(
        body, found, lambda s, e: known.hit(s, e) or claimed.hit(s, e) or body[s:e] in terms, add
    )
    return sorted(found.values(), key=lambda c: c.spans[0])


_EVENT_HEADS = {"battle", "siege", "operation", "war", "offensive", "campaign", "invasion"}
_PRONOUNS = {"their", "his", "her", "its", "our", "my", "your", "them", "they"}


def _not_a_name(toks: Sequence[_Tok]) -> bool:
    """An event ("Battle of ..."), a phrase with a pronoun, or words glued together
    ("LeadersAbu Ala al-Walai", an infobox label run into its value)."""
    return (
        toks[0].lower in _EVENT_HEADS
        or any(t.lower in _PRONOUNS for t in toks)
        or bool(re.search(r"[a-z][A-Z]", toks[0].text))
    )


def _uncovered_parts(run: list[_Tok], flags: list[bool]) -> list[tuple[int, int]]:
    """Index ranges of a run between covered words, split at "and" unless an organisation's
    head word came before it ("Center for Strategic and International Studies")."""
    parts: list[tuple[int, int]] = []
    lo = 0
    for i in range(len(run) + 1):
        end_here = i == len(run) or flags[i]
        if not end_here and run[i].lower == "and":
            end_here = not any(t.text in _ORG_KINDS for t in run[lo:i])
        if end_here:
            if lo < i:
                parts.append((lo, i))
            lo = i + 1
    return parts


def _add_acronyms(
    body: str,
    found: dict[str, CandidateProposal],
    covered: _Covered,
    add: Callable[[str, str, tuple[int, int]], CandidateProposal],
) -> None:
    """Acronyms, merged with their expansion: "Popular Mobilization Forces (PMF)"."""
    expansions: dict[str, CandidateProposal] = {}
    for entry in list(found.values()):
        start, end = entry.spans[0]
        if m := re.match(r"\s*\(([A-Z]{2,6})\)", body[end : end + 12]):
            expansions[m.group(1)] = entry
    for tok in _acronyms(body):
        if covered(tok.start, tok.end):
            continue
        if tok.text in expansions:
            add(expansions[tok.text].name, expansions[tok.text].kind, (tok.start, tok.end))
        else:
            add(tok.text, "other", (tok.start, tok.end))
