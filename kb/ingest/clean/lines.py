"""Classify single lines around an article: date lines, bylines, datelines, credits, boilerplate.

Every pattern here is generic (news sites, blogs, wire copy); none is keyed to a particular
document. Short-line checks only: long paragraphs are article text and never match.
"""

from __future__ import annotations

import re

from kb.core.edtf import PartialDate
from kb.ingest.text.dateparse import parse_date

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAY = r"(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)(?:day|nesday|rsday|urday|sday)?\.?"
_DAY = r"[0-3]?\d(?:st|nd|rd|th)?"
_DATE = (
    rf"(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}"  # February 12, 2019 / Feb. 5, 2019
    rf"|{_DAY}\s+{_MONTH},?\s+\d{{4}}"  # 12 February 2019
    rf"|{_MONTH},?\s+\d{{4}}"  # March 2023
    r"|\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}/\d{1,2}/(?:\d{4}|\d{2})|\d{4}/\d{2}/\d{2})"
)
_TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s*\(?[A-Z]{2,4}\)?)?)"
_DATE_PREFIX = (
    r"(?P<label>(?:First\s+|Last\s+)?(?:Published|Posted|Updated|Modified|Date|Dated)"
    r"(?:\s+on)?)\s*:?\s*"
)
# "Press Release | Dec. 25, 2023": a content-type label in front of the date
_KIND_PREFIX = (
    r"(?:(?:Press|News|Media)\s+(?:Release|Statement|Note|Advisory)|Statement|Readout|Transcript"
    r"|Speech|Remarks|Fact\s+Sheet|Press\s+Briefing|News\s+Story|Article)\s*[|•·:–—-]\s*"
)
_REPORT_NUMBER = r"(?:\s*\([A-Z]{0,4}\d[\w-]{2,}\))"  # "Updated January 10, 2020 (R45633)"
_READ_TIME = r"\d{1,3}[\s-]*min(?:ute)?s?\.?\s+read"  # "4 min read", "5-minute read"
DATE_LINE = re.compile(
    rf"^(?:{_KIND_PREFIX})?(?:{_DATE_PREFIX})?(?:{_WEEKDAY},?\s+)?(?P<date>{_DATE}){_TIME}?\.?"
    rf"{_REPORT_NUMBER}?"
    rf"(?:\s*[·•|,–—-]\s*{_READ_TIME})?$",
    re.IGNORECASE,
)
# "Posted April 17, 2024 by Jane Doe", "Published 12 July 2023 | Reuters"
_DATED_BY = re.compile(
    r"^(?P<label>Published|Posted|Updated|First\s+published)(?:\s+on)?\s*:?\s*"
    rf"(?:{_WEEKDAY},?\s+)?(?P<date>{_DATE}){_TIME}?\s*(?:(?P<by>by)\s+|[|•·—–-]\s*)(?P<who>.+)$",
    re.IGNORECASE,
)
# "Feb. 25, 2021 | BY Jim Garamone , DOD News": the date first, then the byline
_DATE_BY = re.compile(
    rf"^(?:{_WEEKDAY},?\s+)?(?P<date>{_DATE}){_TIME}?\s*[|•·—–]\s*(?P<by>by)\s+(?P<who>.+)$",
    re.IGNORECASE,
)
# "An analysis by the Policy Forum, published 12 July 2023", "Jane Doe, posted on 3/4/2020"
_BY_DATED = re.compile(
    r"^(?P<who>[^.!?]+?),?\s+(?P<label>published|posted|updated|first\s+published)(?:\s+on)?"
    rf"\s*:?\s*(?:{_WEEKDAY},?\s+)?(?P<date>{_DATE}){_TIME}?\.?$",
    re.IGNORECASE,
)
_LEAD_BY = re.compile(r"^(?:(?:an?|the)\s+[\w-]+(?:\s+[\w-]+)?\s+)?by\s+", re.IGNORECASE)
_TRAILING_DATE = re.compile(rf",\s*(?P<date>{_DATE}){_TIME}?$", re.IGNORECASE)
_NAME_TOKEN = r"(?:[A-Z][a-zA-Z'’\-]*\.?|(?:al|el|bin|ibn|van|von|de|da|la|le)-?[A-Z]?[a-z'’\-]*)"
_NAME = rf"[A-Z][a-zA-Z'’\-]*\.?(?:\s+{_NAME_TOKEN}){{1,4}}"
NAME = re.compile(rf"^{_NAME}$")
_BYLINE = re.compile(r"^(?:(?:Written|Posted|Reported|Story)\s+)?by[:\s]\s*(?P<rest>.+)$", re.I)
_AUTHOR_LABEL = re.compile(r"^(?:Author|Writer|Reporter)s?\s*:\s*(?P<rest>.+)$", re.I)
_SEPARATORS = re.compile(r"\s+[|•·/]\s+|\s+[—–-]\s+")
WIRE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\-]+(?:\s+[A-Z][A-Z.'’\-]+){0,3}"
    r"(?:,\s+[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+)?)?"
    rf"(?:,\s+{_MONTH}\s+\d{{1,2}})?)"
    r"\s*(?:\((?P<agency>[A-Za-z][A-Za-z .&\-]{1,30})\))?\s*(?:[—–]|--?)\s"
)
_NOT_PLACES = {
    "UPDATE", "UPDATED", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "WATCH", "NOTE",
    "EDITOR", "EDITORS", "LIVE", "VIDEO", "PHOTOS", "CORRECTION", "FILE", "ADVISORY",
    "URGENT", "FLASH", "BULLETIN", "COMMENTARY", "EDITORIAL",
}  # fmt: skip

# Boilerplate that ends the article: everything from it on is dropped.
END_MARKERS = re.compile(
    r"^(?:(?:no|\d+|one)\s+comments?(?:\s+so\s+far)?|comments?(?:\s*\(\d+\))?"
    r"|(?:leave|post|add)\s+a\s+(?:comment|reply)|\d+\s+(?:responses?|replies)"
    r"|trending(?:\s+(?:now|on\s+\S+(?:\s+\S+){0,3}|stories|articles))?"
    r"|most\s+(?:read|popular|viewed|shared)(?:\s+(?:stories|articles|posts|now|today))?"
    r"|popular\s+(?:posts|stories|now)|you\s+(?:may|might)\s+(?:also\s+)?(?:like|enjoy)"
    r"|recommended(?:\s+(?:for\s+you|stories|articles|reading))?"
    r"|related\s+(?:posts?|articles?|stories|content|coverage|reading)"
    r"|more\s+(?:stories|on\s+this(?:\s+story)?|(?:from|in)\s+\S+(?:\s+\S+){0,3})"
    r"|read\s+next|up\s+next|(?:newer|older)\s+posts?(?:\s+(?:newer|older)\s+posts?)?"
    r"(?:\s+home)?)\s*:?$",
    re.IGNORECASE,
)
# Boilerplate lines dropped wherever they stand.
BOILERPLATE = re.compile(
    r"^(?:join\s+the\s+conversation\b.*|(?:become|join\s+(?:as|us\s+as))\s+an?\s+.{0,30}member\b.*"
    r"|(?:subscribe|sign\s+up|register)\b(?:\s+(?:now|today|here|for|to)\b.*|\s*[.!:]?)"
    r"|sign\s+up\b.*\b(?:newsletter|updates|alerts|briefing)\b.*"
    r"|get\s+(?:our|the)\s+.{0,40}(?:newsletter|briefing|alerts)\b.*"
    r"|already\s+(?:a\s+)?(?:member|subscriber)\b.*|(?:log|sign)\s*in(?:\s+to\s+.{0,40})?"
    r"|(?:please\s+)?support\s+(?:our|independent|quality)\s+journalism\b.*|donate(?:\s+now)?"
    r"|share(?:\s+this(?:\s+(?:article|story|post|page))?|\s+(?:on|via)\s+\w+)?\s*:?"
    r"|(?:follow|like)\s+(?:us|me)\s+on\b.*|follow\s+@\w+.*|tweet(?:\s+this)?|email(?:\s+this)?"
    r"|print(?:\s+this)?|(?:facebook|twitter|linkedin|whatsapp|reddit|telegram|pinterest|x)"
    r"|(?:related|read\s+more|see\s+also|also\s+read|read\s+also|more|watch|listen)\s*:.{0,200}"
    r"|read\s+more\b.{0,80}|click\s+here\b.{0,120}|advertisement|sponsored(?:\s+content)?"
    r"|(?:tags|filed\s+under|categories|topics|posted\s+in)\s*:.{0,200}"
    r"|(?:©|\(c\)).{0,150}|copyright\s+(?:©\s*)?(?:\d{4}|by)\b.{0,150}"
    r"|all\s+rights\s+reserved\.?|skip\s+to\s+(?:main\s+)?content"
    r"|(?:additional\s+)?(?:reporting|writing|editing)\s+by\s+[A-Z][^.]{0,150}\.?"
    r"|(?:story\s+)?continues?\s+(?:reading|below)\b.{0,40}|listen\s+to\s+this\s+(?:article|story)\b.{0,40}"
    r"|(?:photo|image|picture|video)\s+credit\s*:?.{0,100}|(?:photo|image|picture)\s*:.{0,100}"
    r"|(?:estimated\s+)?(?:reading\s+time\s*:?\s*)?\d{1,3}[\s-]*min(?:ute)?s?\.?(?:\s+read)?"
    r"|(?:(?:last\s+)?(?:updated|posted|published|modified)\s*:?\s+)?(?:\d{1,3}|an?|one|two|three|"
    r"four|five|six|seven|eight|nine|ten|a\s+few)\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?"
    r"|weeks?)\s+ago|(?:last\s+)?(?:updated|posted|published)\s*:?\s+(?:just\s+now|today|yesterday))$",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"^\(?(?:[A-Z][\w.'’\- ]{0,40}/)?(?:AP|AFP|Reuters|Getty Images|EPA|Xinhua|Anadolu|IRNA"
    r"|[A-Z][\w'’\-]+ Photo)\b[\w.'’/\- ]{0,60}\)?$"
)
_NOTE_MARK = re.compile(r"^(?:\[\d{1,3}\]|\[\^\w{1,12}\]:?|\(\d{1,3}\)|\d{1,3}[.)]|\^|↑|\*)\s*")
_CITATION = re.compile(r"^[A-Z][^,]{1,60},\s+(?:[A-Z][^,]{0,40},\s+)?[\"“‘]")
_CITED = re.compile(
    r"[\"“”]|https?://|\b(?:1[89]|20)\d{2}\b|\d{1,2}/\d{1,2}/\d{2}|\bibid\b|\bp\.\s*\d", re.I
)
NOTES_HEADING = re.compile(
    r"^(?:notes?|footnotes?|endnotes?|references?|sources?|bibliography|works\s+cited"
    r"|citations?|further\s+reading)\s*:?$",
    re.IGNORECASE,
)


def date_line(line: str) -> tuple[PartialDate, str] | None:
    """(date, label) when the whole line is a publication/update date line."""
    if len(line) > 80:
        return None
    m = DATE_LINE.match(line.strip())
    if not m:
        return None
    date = parse_date(m["date"])
    if date is None:
        return None
    return date, (m["label"] or "").lower()


def dated_byline(line: str) -> tuple[PartialDate, str, str, str] | None:
    """(date, label, author, source) from "Posted April 17, 2024 by Jane Doe" and the like."""
    line = line.strip()
    if len(line) > 160:
        return None
    m = _DATED_BY.match(line) or _BY_DATED.match(line) or _DATE_BY.match(line)
    if not m or (date := parse_date(m["date"])) is None:
        return None
    who = m["who"].strip(" ,;")
    if len(who.split()) > 12 or re.search(r"[.!?]\s", who):
        return None
    label = " ".join((m.groupdict().get("label") or "published").lower().split())
    by = m.groupdict().get("by") or _LEAD_BY.match(who)
    who = re.sub(r"^the\s+", "", _LEAD_BY.sub("", who)).strip()
    if by:
        author, _, source = (p.strip() for p in who.partition(","))
        return date, label, author, source  # "by Jim Garamone , DOD News"
    return date, label, "", who


def is_nav_bar(line: str) -> bool:
    """A site's top bar flattened to text: "Home | World | Log in | Newsletter"."""
    parts = [p.strip() for p in re.split(r"\s+[|•·]\s+", line.strip())]
    if len(line) > 120 or len(parts) < 3:
        return False
    return all(
        p and len(p.split()) <= 4 and not sentence_ended(p) and not date_line(p) for p in parts
    )


def byline(line: str) -> tuple[str, str, PartialDate | None] | None:
    """(author, source, date) from "By Jane Doe, Reuters" or "Jane Doe | Reuters"."""
    line = line.strip()
    if len(line) > 120:
        return None
    m = _BYLINE.match(line) or _AUTHOR_LABEL.match(line)
    if m:
        parts = _SEPARATORS.split(m["rest"].strip())
    elif "|" in line:
        parts = [p.strip() for p in line.split("|")]
        if not NAME.match(parts[0]):
            return None
    else:
        return None
    authors: list[str] = []
    source, date = "", None
    for part in (p.strip(" ,") for p in parts):
        if found := date_line(part):
            date = found[0]
            continue
        if (tail := _TRAILING_DATE.search(part)) and (when := parse_date(tail["date"])):
            date, part = when, part[: tail.start()]
        for piece in (p.strip() for p in re.split(r",\s+", part)):
            names = [n.strip() for n in re.split(r"\s+(?:and|&)\s+", piece)]
            if found := date_line(piece):
                date = found[0]
            elif all(NAME.match(n) for n in names) and not source:
                authors.extend(names)
            elif piece and len(piece) <= 60 and piece[0].isupper() and not source:
                source = piece
            elif piece:
                return None
    if not authors and m and source and _role_author(source, date, line):
        authors, source = [source], ""  # "By Staff writer | September 29, 2022"
    if not authors:
        return None
    return ", ".join(authors), source, date


def _role_author(piece: str, date: PartialDate | None, line: str) -> bool:
    """After an explicit "By": a staff credit rather than a person's name."""
    if len(piece.split()) > 5 or re.search(r"\d", piece) or sentence_ended(piece):
        return False
    return date is not None or (len(line.split()) <= 6 and not sentence_ended(line))


def wire_dateline(paragraph: str) -> tuple[str, str] | None:
    """(dateline, agency) when a paragraph opens with "BAGHDAD (Reuters) -" or similar."""
    m = WIRE_DATELINE.match(paragraph)
    if not m:
        return None
    first = re.split(r"[\s,]", m["place"])[0].strip(".")
    if first in _NOT_PLACES or len(first.replace(".", "")) < 3 or m.end() >= len(paragraph):
        return None
    return m.group().strip(), (m["agency"] or "").strip()


def is_photo_credit(line: str, *, after_title: bool) -> bool:
    """A photo credit: "Photo: ...", "(AP Photo/Jane Doe)", or a lone name after the title."""
    line = line.strip()
    if len(line) > 100:
        return False
    if _CREDIT.match(line):
        return True
    words = line.split()
    return after_title and 1 <= len(words) <= 3 and bool(NAME.match(line) or _single_name(line))


def _single_name(line: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][a-z'’\-]+", line)) and len(line) > 2


def is_end_marker(line: str) -> bool:
    """A line after which only site furniture follows ("No comments:", "Trending on ...")."""
    return len(line) <= 120 and bool(END_MARKERS.match(line.strip()))


def is_boilerplate(line: str) -> bool:
    """A share/follow/subscribe/teaser/ad line, dropped wherever it stands."""
    return len(line) <= 240 and bool(BOILERPLATE.match(line.strip()))


def is_note(line: str) -> bool:
    """A footnote or reference entry: "1. Linzer, Dafna, “Title,” ...", "[2] ...", a URL."""
    line = line.strip()
    if re.fullmatch(r"https?://\S+", line) or _CITATION.match(line):
        return True
    mark = _NOTE_MARK.match(line)
    return bool(mark) and mark.end() < len(line) and bool(_CITED.search(line, mark.end()))


def sentence_ended(text: str) -> bool:
    """Whether ``text`` ends as a sentence does (. ! ? or a closing quote after one)."""
    return bool(re.search(r"[.!?…][\"”’')\]]*$", text.strip()))
