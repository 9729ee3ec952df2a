"""Attribution cues in English prose: reporting verbs, their subjects and their content.

Spans here are offsets into one sentence's text; :mod:`kb.ingest.claims.extract` turns them into
claims. Rules are general English patterns ("X said that ...", "“...,” X said",
"according to X"), never tied to a particular article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice

from kb.ingest.claims.cues import (
    CLAIM_NOUNS,
    COLON,
    CONFIRMING,
    OBJ,
    PARTICIPLES,
    QUOTE,
    THAT,
    VERB_RE,
    VERBS,
)
from kb.ingest.text.alternation import by_first_letter

AUX = (
    r"has|have|had|also|further|repeatedly|publicly|privately|previously|already|long|then|"
    r"later|again|recently|first|once|frequently|often|now|initially|subsequently|always|"
    r"still|never|not|did|does|do|would|will|could|can|may|might|should|must|been|be|is|are|"
    r"was|were|being|just|even|openly|in public|in private|n't|[a-z]+ly"
)
_AUX_TAIL = re.compile(
    r"(?:\s*,\s*(?:however|in turn|meanwhile|too|also|though|in response|in a statement|for (?:their|"
    r"his|her|its|our) part|(?:speaking|writing|citing|according)\b[^,]*)\s*,"
    rf"|\s+(?:{AUX}))+\s*$"
)
_NAME = re.compile(
    r"(?:[A-Z][\w.'’-]*|al-\w+|bin|of|the|and|for)(?:\s+(?:[A-Z][\w.'’-]*|al-\w+|bin|of|the|and|for)){0,6}"
)
_SENTENCE_TAIL = re.compile(
    r"\s*(?:(?:on|in|at|late|early|last|this|earlier|later)\b[^,.;:“”\"]*|today|yesterday"
    r"|tonight)?[.!?”\"’')\s]*"
)
_FINITE = re.compile(
    r"\b(?:[a-z]+ed|met|told|said|gave|took|made|held|sent|went|left|struck|hit|wrote|spoke|saw|"
    r"brought|led|fought|won|lost|began|shot|cut|put|kept|sought|has|had|is|was|were|are)\b"
)
BOUNDARY_WORDS = (
    "that|which|who|whom|whose|when|while|because|as|but|although|though|if|since|where|"
    "whereas|so|yet|until|unless|whether|what|and|or|then|after|before|despite|however|even|why"
)
_BOUNDARY = re.compile(
    rf"[;:!?“”\"—–\[\]]|,|\b(?:{by_first_letter(BOUNDARY_WORDS.split('|'))})\b", re.I
)
_PREP_START = re.compile(
    r"^(?:in|on|at|for|after|before|during|since|with|from|by|to|despite|under|over|amid|"
    r"throughout|while|when|though|although|if|as|unlike|like|still|yet|so)\b",
    re.I,
)
_BAD_END = {
    "the", "a", "an", "of", "to", "for", "with", "on", "in", "by", "at", "from", "and", "or",
    "that", "which", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had",
    "there", "this", "these", "those", "its", "their", "his", "her", "our", "my", "your",
    "not", "no", "also", "will", "would", "could", "should", "can", "may", "might", "must",
    "did", "does", "do", "about", "what", "than", "so", "such", "some", "any", "every",
    # an adjective without its noun: "A recent [report]", "the latest [statement]"
    "recent", "latest", "new", "previous", "earlier",
}  # fmt: skip
_PARTICIPIAL = re.compile(r"\s(?:[a-z]+ing|who|that|which|whose)\b")
_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her"}
_CLAUSE_STARTERS = {
    "it", "he", "she", "they", "we", "i", "the", "a", "an", "this", "these", "those", "its",
    "their", "his", "her", "while", "but", "and", "which", "who",
}  # fmt: skip
_WORDS = re.compile(r"[\w'’.-]+")
_CLOSING_QUOTE = re.compile(r"[”\"]")
_OPENING_QUOTE_AFTER = re.compile(r"\s*[,:]?\s*([“\"])")
_UP_TO_SENTENCE_END = re.compile(r"[^.;?!“”\"]*")
_TOKENS = re.compile(r"[\w'’-]+|:|,")
_CONTENT_MARKS = frozenset([",", ":", "that", *CLAIM_NOUNS])  # the tokens content_after reads
_RELATIVE_ON_OBJECT = re.compile(r"\s+(?:was|were|is|are|has|have|had|[a-z]+ed)\b")
_LEADING_COMMA = re.compile(r"[\s,]*(?:however,\s*)?")
_TO_END = re.compile(r"\bto$")
_BE_END = re.compile(r"\b(?:is|are|was|were|be|been|being)$")
_BE_END_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been|be)$")


@dataclass
class Cue:
    """A reporting verb in a sentence, with its subject and content spans (sentence offsets)."""

    kind: str
    cue: str
    cue_start: int
    cue_end: int
    subject: tuple[int, int]
    content: tuple[int, int]
    boundary: str = ""  # the word or mark that opened the subject phrase
    inverted: bool = False


@lru_cache(maxsize=1024)
def verb_entry(form: str) -> tuple[str, str]:
    """Kind and complement mode of a verb form found by VERB_RE."""
    for forms, kind, mode in VERBS:
        if re.fullmatch(forms, form):
            return kind, mode
    raise KeyError(form)


def subject_before(text: str, pos: int) -> tuple[int, int, str, str] | None:
    """The subject phrase ending before ``pos``: (start, end, boundary, auxiliaries)."""
    prefix = text[:pos]
    tail = _AUX_TAIL.search(prefix)
    end = tail.start() if tail else len(prefix.rstrip())
    aux = prefix[end:].strip().lower()
    bounds = list(_BOUNDARY.finditer(prefix, 0, end))
    i = len(bounds) - 1
    start, boundary = 0, ""
    while i >= 0:
        b = bounds[i]
        word = b.group().lower()
        if word in ("and", "or"):
            left, right = prefix[: b.start()].split()[-1:], prefix[b.end() :].split()[:1]
            if left and right and left[0][:1].isupper() and right[0][:1].isupper():
                i -= 1  # inside a name: "Center for Strategic and International Studies"
                continue
            prev = bounds[i - 1].end() if i > 0 else 0
            before = prefix[prev : b.start()].split()
            if 0 < len(before) <= 4 and not any(w.endswith("ed") or w in _BAD_END for w in before):
                i -= 1
                continue
        start, boundary = b.end(), word
        break
    # An appositive: "Jane Doe, of the Center for Policy Studies, said"
    if boundary == "," and i >= 0:
        frag = prefix[start:end].strip()
        if re.match(r"^(?:of|from|at|with|the|a|an|one|two|some|many|among|part|head)\b", frag):
            prev = bounds[i - 1] if i > 0 else None
            seg = prefix[prev.end() if prev else 0 : bounds[i].start()].strip()
            if seg and len(seg.split()) <= 8 and not _PREP_START.match(seg):
                named = _NAME.fullmatch(seg) or frag.startswith(("of", "from", "at", "with"))
                if named and prev is None:
                    start, boundary = 0, ""
                elif named and not prev.group().isalpha():
                    start, boundary = prev.end(), prev.group()
    if boundary == "and" and not prefix[start:end].strip():
        # "X met the ambassador and warned that ...": the first verb's subject speaks
        strong = re.compile(r"[;:]|\b(?:when|while|because|although|though|if|whereas|but)\b", re.I)
        lead_start = max((b.end() for b in bounds[:i] if strong.fullmatch(b.group())), default=0)
        lead = prefix[lead_start : bounds[i].start()]
        opener = re.match(r"\s*(?:In|On|At|After|During|From|For|Under|With)\b[^,]*,", lead)
        offset = opener.end() if opener else 0
        verb = _FINITE.search(lead, offset)
        if verb and lead[offset : verb.start()].strip():
            start, end, boundary = lead_start + offset, lead_start + verb.start(), "coord"
    if boundary in ("who", "that", "which") and not prefix[start:end].strip():
        # "... from some militia leaders who have said": the antecedent speaks
        ante_end = bounds[i].start() if i >= 0 else end
        lead = prefix[:ante_end].rstrip()
        cut = max(
            (b.end() for b in _BOUNDARY.finditer(lead) if b.group().lower() not in ("and", "or")),
            default=0,
        )
        preps = list(re.finditer(r"\b(?:from|by|of|to|with|among|for|on|against|between)\s", lead))
        cut = max([cut] + [p.end() for p in preps])
        start, end, boundary = cut, len(lead), "rel"
    while start < end and prefix[start].isspace():
        start += 1
    return start, end, boundary, aux


def valid_subject(phrase: str) -> bool:
    """Whether a phrase can be the subject of a reporting verb."""
    words = _WORDS.findall(phrase)
    longest = 24 if words and words[0].lower() in _DETERMINERS else 16  # "A recent report by …"
    if not words or len(words) > longest:
        return False
    last = words[-1].lower().strip(".")
    if last in _BAD_END or last.endswith(("'s", "’s")):
        return False
    if phrase.lstrip().lower().startswith("according to"):
        return False  # "According to a recent report by ...": its own attribution
    if words[-1].islower() and last.endswith("ly") and len(last) > 4:
        return False  # an adverb: "“strongly condemns”"
    if words[-1].islower() and (last.endswith("ing") or (last.endswith("ed") and len(last) > 4)):
        return False
    if words[-1].islower() and VERB_RE.fullmatch(last):
        det = len(words) > 1 and words[-2].lower() in _DETERMINERS
        return det or last in ("report", "reports", "claims", "fears", "concerns")
    return True


def inverted_subject(text: str, pos: int) -> tuple[int, int] | None:
    """The subject after a verb in "..., said an official with X." (sentence offsets)."""
    m = re.match(r"\s+((?:(?:the|an?|one|two|some|several)\b|[A-Z])[^,.;:“”\"()]*)", text[pos:])
    if not m:
        return None
    start = pos + m.start(1)
    phrase = m.group(1)
    cut = re.search(
        r"\s(?:in|on|during|according|last|this|told|after|before|when)\b|\sat\b(?!\s+the\s+[A-Z])",
        phrase,
    )
    if cut:
        phrase = phrase[: cut.start()]
    return start, start + len(phrase.rstrip())


def np_head_end(phrase: str) -> int:
    """Length of a noun phrase without a trailing participial or relative clause."""
    m = _PARTICIPIAL.search(phrase)
    return m.start() if m else len(phrase)


_CLAUSE_STOP = (
    r",\s*(?:while|whereas|but)\s|;|\s[—–]\s|,\s*(?:claims?|allegations?|accusations?|charges?"
    r"|reports?)\s+(?:which|that)\b"
)
_CLAUSE_STOPS = {False: re.compile(_CLAUSE_STOP), True: re.compile(_CLAUSE_STOP + r"|[”\"]")}


def clause_end(text: str, start: int, *, in_quote: bool = False) -> int:
    """Where the clause beginning at ``start`` ends (exclusive), trailing punctuation dropped."""
    m = _CLAUSE_STOPS[bool(in_quote)].search(text, start)
    end = m.start() if m else len(text)
    while end > start and text[end - 1] in ' .!?,;:”"’)':
        end -= 1
    return end


def content_after(text: str, pos: int, mode: str, in_quote: bool) -> tuple[int, int] | None:
    """The asserted content following a verb at ``pos``; None when the verb takes none."""
    rest = text[pos:]
    q = _OPENING_QUOTE_AFTER.match(rest)
    if q:
        open_at = pos + q.start(1)
        close = _CLOSING_QUOTE.search(text, open_at + 1)
        return open_at + 1, close.start() if close else len(text.rstrip())
    if mode == QUOTE:
        return None
    window = _UP_TO_SENTENCE_END.match(rest).group()
    # Only the first 12 words are read (and whether another one follows); most often none of
    # them is a word the loop below acts on, which a look at the plain strings tells cheaply.
    first = [t.lower() for t in _TOKENS.findall(window)[:12]]
    words = [] if _CONTENT_MARKS.isdisjoint(first) else list(islice(_TOKENS.finditer(window), 13))
    for i, w in enumerate(words[:12]):
        token = w.group().lower()
        if token == "," and i + 1 < len(words):
            nxt = words[i + 1].group()
            if nxt.lower() in _CLAUSE_STARTERS or (nxt[0].isupper() and nxt != "However"):
                break  # a new clause begins: "knowing about this, it claimed that ..."
        if token == ":":
            start = pos + w.end()
            return start, clause_end(text, start, in_quote=in_quote)
        if token in CLAIM_NOUNS and i + 1 < len(words) and mode != THAT:
            start = pos + w.start()
            return start, clause_end(text, start, in_quote=in_quote)
        if token == "that":
            after = rest[w.end() :]
            if mode == OBJ and _RELATIVE_ON_OBJECT.match(after):
                break  # a relative clause on the object: "acknowledged the photos that were ..."
            start = pos + w.end() + (len(after) - len(after.lstrip()))
            if text[start : start + 1] in ("“", '"'):
                close = _CLOSING_QUOTE.search(text, start + 1)
                return start + 1, close.start() if close else len(text.rstrip())
            return start, clause_end(text, start, in_quote=in_quote)
    if mode in (THAT, COLON):
        return None
    m = _LEADING_COMMA.match(rest)
    start = pos + m.end()
    end = clause_end(text, start, in_quote=in_quote)
    return (start, end) if len(text[start:end].split()) >= 2 else None


def find_cues(text: str, quoted: list[tuple[int, int]]) -> list[Cue]:
    """Reporting-verb cues in one sentence, with subject and content spans."""
    cues: list[Cue] = []
    for m in VERB_RE.finditer(text):
        form = m.group(1)
        kind, mode = verb_entry(form)
        in_quote = any(a <= m.start() < b for a, b in quoted)
        s_start, s_end, boundary, aux = subject_before(text, m.start())
        if _TO_END.search(text[: m.start()].rstrip()[-3:]) and not aux:
            continue  # an infinitive: "declined to comment"
        passive = _BE_END.search(aux) and (form.endswith("ed") or form in PARTICIPLES)
        if passive:
            continue
        inverted = False
        prior = text[: m.start()].rstrip()
        if (
            prior.endswith((",", "”", '"'))
            and mode != COLON
            and not valid_subject(text[s_start:s_end])
        ):
            inv = inverted_subject(text, m.end())
            if inv and prior.endswith((",", ",”", ',"')):
                close = prior.rstrip(",")
                if close.endswith(("”", '"')):
                    open_at = max(close.rfind("“"), close.rfind('"', 0, len(close) - 1))
                    content = (open_at + 1, len(close) - 1) if open_at >= 0 else (0, len(close))
                else:
                    content = (0, len(close.rstrip(",")))
                if form.startswith(("said", "says", "added", "told", "wrote", "noted")):
                    cues.append(Cue(kind, form, m.start(), m.end(), inv, content, ",", True))
                    continue
        if prior.endswith(",") and not text[s_start:s_end].strip():
            s_start, s_end, boundary, aux = subject_before(text, len(prior) - 1)
        subject = text[s_start:s_end]
        if form.endswith("ing") and not _BE_END_PROGRESSIVE.search(aux):
            # A participle ("... gave an interview saying that"): the clause's subject speaks.
            last = (text[: m.start()].split() or [""])[-1].lower()
            if prior.endswith(","):
                s_start = s_end = -1  # ", arguing that ...": the main clause's speaker
                boundary, subject = "ing,", "-"
            if subject.strip() and last not in _BAD_END and boundary != "what":
                needs = mode if kind in ("accusation", "denial") or form == "saying" else THAT
                content = content_after(text, m.end(), needs, in_quote)
                if content:
                    cues.append(
                        Cue(
                            kind,
                            form,
                            m.start(),
                            m.end(),
                            (s_start, s_end),
                            content,
                            "ing," if boundary == "ing," else "ing",
                        )  # fmt: skip
                    )
            continue
        if boundary == "what" or not valid_subject(subject):
            continue
        if boundary in ("”", '"') and text[:s_start].rstrip().endswith((",”", ',"', "”", '"')):
            close = text[:s_start].rstrip().rstrip('”"').rstrip(",")
            open_at = max(close.rfind("“"), close.rfind('"'))
            content = (open_at + 1, len(close))  # from the sentence start if opened earlier
            inverted = True
        else:
            if kind == "statement" and CONFIRMING.match(form):
                mode = OBJ
            content = content_after(text, m.end(), mode, in_quote)
            if content is None and form.startswith(("told", "tell")):
                # "told Reuters it had no connection": a clause straight after the hearer
                heard = re.match(
                    r"\s+(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*|reporters|journalists|lawmakers"
                    r"|(?:the|a|an)\s+\w+|him|her|them|us)\s+(?=(?:it|he|she|they|we|the|its|their|[A-Z])\b)",
                    text[m.end() :],
                )
                if heard:
                    start = m.end() + heard.end()
                    content = (start, clause_end(text, start, in_quote=in_quote))
            tail = _SENTENCE_TAIL.fullmatch(text[m.end() :])
            short_tail = tail and len(text[m.end() :].split()) <= 4  # "said on Sunday."
            if (content is None or short_tail) and boundary == "," and mode != QUOTE and tail:
                # "Several rockets struck the base, the U.S. military said (on Sunday)."
                close = text[:s_start].rstrip().rstrip(",").rstrip()
                content = (0, len(close)) if close else None
        if content is None:
            if boundary in ("which", "that") and kind == "denial":
                content = (-1, -1)  # "claims which the groups deny": filled in by claims.py
            else:
                continue
        cues.append(
            Cue(kind, form, m.start(), m.end(), (s_start, s_end), content, boundary, inverted)
        )
    return cues
