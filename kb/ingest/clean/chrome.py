"""Site chrome on real pages, one classifier per kind of furniture.

Government banners ("An official website of the United States government"), archive
notices, content-type labels ("Press Release", "Immediate Release"), release numbers, video
player prompts, breadcrumbs, skip links, image file names and captions, foreign-language
captions, and wiki markup (citation marks "[41]", "See alsoEdit", infobox cross-references).
Every pattern is generic for a kind of site (US federal sites, wikis, news sites); none is
keyed to one page. Only short lines are tested; article paragraphs never match.
"""

from __future__ import annotations

import re
from functools import lru_cache

_GOV_BANNER = re.compile(
    r"^(?:an\s+official\s+website\s+of\s+the\s+(?:united\s+states|u\.s\.)\s+government\.?"
    r"|here['’]s\s+how\s+you\s+know\.?"
    r"|official\s+websites\s+use\s+\.(?:gov|mil)\.?"
    r"|secure\s+\.(?:gov|mil)\s+websites\s+use\s+https\.?"
    r"|(?:an?\s+)?\.?(?:gov|mil)\s+website\s+belongs\s+to\s+an\s+official\b.{0,120}"
    r"|an?\s+lock\s*\(\s*lock\s*\).{0,200}"
    r"|you\s+have\s+accessed\s+(?:part\s+of\s+)?a\s+historical\s+collection\b.{0,250})$",
    re.IGNORECASE,
)
# A page's content-type label standing alone above the title.
_LABEL = re.compile(
    r"^(?:(?:for\s+)?immediate\s+release|(?:press|news|media)\s+(?:release|statement|note|advisory)"
    r"|daily\s+press\s+briefing|press\s+briefing|fact\s+sheet|readout|transcript|remarks"
    r"|release\s+(?:number|no\.?)\s*:?\s*[\w-]+)$",
    re.IGNORECASE,
)
_PLAYER = re.compile(
    r"^(?:viewing\s+this\s+video\s+requires\b.{0,160}"
    r"|(?:download\s+)?\.?(?:mp4|mp3|m4v|mov)\b.{0,80}\|\s*read\s+the\s+transcript"
    r"|(?:your\s+browser\s+does\s+not\s+support|please\s+enable\s+javascript)\b.{0,120}"
    r"|accessibility\s+links|breaking\s+news|open\s+main\s+menu|main\s+menu"
    r"|(?:<\s*)?back\s+to\s+(?:current\s+version|top|home|search\s+results)"
    r"|jump\s+to\s+(?:main\s+)?(?:text|content|navigation|search)\b.{0,40}"
    r"|changes\s+from\s+.{4,40}\s+to\s+.{4,40}"
    r"|this\s+page\s+shows\s+textual\s+changes\b.{0,300})$",
    re.IGNORECASE,
)
# Photo credits and image ids: "U.S. Army photo by Sgt. Jane Roe", "VIRIN: 240102-F-AB123-1001",
# a caption closed by its credit "(Photo by …)", "Download Full Image (2.1 MB)".
_NAME_WORDS = r"(?:(?:[A-Z][\w.'’\-]*|of|the|and|de|al-\w+)\.?\s*){1,9}"
_PHOTO = re.compile(
    rf"^(?:(?:[A-Z][\w.'’\-]*\s+){{0,4}}(?i:photo|graphic|illustration|image|video)\s+"
    rf"(?i:by|courtesy\s+of)\s+{_NAME_WORDS}"
    r"|(?i:(?:photo|image)\s+(?:credit|id|info)\s*:?.{0,120}|virin\s*:?\s*[\w-]+"
    r"|courtesy\s+(?:photo|image)|download\s+(?:full|hi-?res|high-resolution)\b.{0,80}"
    r"|(?:photo|image|picture)\s+\d{1,3}\s+(?:of|/)\s+\d{1,3})"
    rf"|.{{0,300}}\((?:[^()]{{0,60}}\s)?(?i:photo|image)\s+(?i:by|courtesy\s+of|credit)\b[^()]{{0,80}}\)\.?)$"
)
_PHOTO_WORDS = re.compile(
    r"photo|image|graphic|illustration|video|virin|courtesy|download|picture", re.IGNORECASE
)
# Share bars and comment prompts: "Facebook Twitter LinkedIn Email", "Comments are closed".
_SHARE = re.compile(
    r"^(?:(?:share(?:\s+this)?|print|email|e-mail|facebook|twitter|x|linkedin|whatsapp|reddit"
    r"|telegram|pinterest|copy\s+link|link\s+copied|tweet|flipboard)\W*){2,}$"
    r"|^(?:comments\s+are\s+closed|be\s+the\s+first\s+to\s+comment|(?:view|show|hide|load|read)"
    r"\s+(?:all\s+)?(?:\d+\s+)?comments?|join\s+the\s+discussion|log\s+in\s+to\s+comment"
    r"|print\s+(?:friendly|this\s+page)\b.{0,30}|sign\s+up\s+for\s+(?:email|e-mail)\s+updates\b.{0,60})\.?$",
    re.IGNORECASE,
)
# Wiki page furniture around the article.
_WIKI_CHROME = re.compile(
    r"^(?:from\s+wikipedia,\s+the\s+free\s+encyclopedia|jump\s+to\s+(?:navigation|search)"
    r"|(?:this\s+article\s+is\s+about|for\s+other\s+uses,?\s+see)\b.{0,160}"
    r"|(?:main\s+article|further\s+information|see\s+also)\s*:.{0,160}|coordinates\s*:.{0,80}"
    r"|v\s*[·•]?\s*t\s*[·•]?\s*e|retrieved\s+from\b.{0,200}|categories\s*:.{0,300}"
    r"|this\s+article\s+(?:needs|has|relies)\b.{0,200}|learn\s+how\s+and\s+when\s+to\s+remove"
    r"\s+this\s+template\s+message|toggle\s+the\s+table\s+of\s+contents|\[\s*edit\s*\]"
    r"|from\s+wikinews,\s+the\s+free\s+news\s+source.{0,60}|have\s+an\s+opinion\s+on\s+this"
    r"\s+story\?.{0,40}|this\s+page\s+is\s+archived\b.{0,160}|(?:related\s+news|sister\s+links"
    r"|related\s+links|external\s+links)\s*(?:\[edit\]|edit)?|our\s+standards\s*:.{0,80}"
    r"|briefing\s+room|statements\s+and\s+releases|speeches\s+and\s+remarks"
    r"|presidential\s+actions|press\s+briefings)$",
    re.IGNORECASE,
)
# "News   Defense News": a breadcrumb trail flattened with runs of spaces or arrows.
_SPACED = re.compile(r"\S\s{3,}\S")
_CRUMB_SPLIT = re.compile(r"\s{3,}|\s*[›»>]\s*")
# Wiki furniture: image files, captions of flags and logos, infobox links, edit links.
_WIKI_LINE = re.compile(
    r"^(?:.{1,120}\.(?:jpe?g|png|svg|gif|webp|tiff?)"
    r"|(?i:flag|logo|emblem|seal|insignia|coat\s+of\s+arms)\s+of\s+(?:the\s+)?[A-Z].{0,80}"
    r"|[A-Z][^.]{0,80}\s(?:flag|logo|emblem|flag\s+and\s+logo|logo\s+and\s+flag)"
    r"|(?i:see)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3}"
    r"|(?i:(?:website\s*)?official\s+website)"
    r"|(?i:(?:see\s+also|external\s+links|references|notes|further\s+reading)\s*(?:edit|\[edit\]))"
    r"|[A-Z][^.!?]{0,60}[a-z)]Edit)$"
)
# Inline citation marks glued to the text: "battle against ISIL.[41]", "[2][permanent dead link]".
_CITATION_MARKS = re.compile(
    r"(?<=[^\s\[])(?:\[(?:\d{1,3}|[a-z]|note\s+\d{1,3}|nb\s+\d{1,3}|citation\s+needed"
    r"|(?:permanent\s+)?dead\s+link|clarification\s+needed|when\?|who\?|which\?|by\s+whom\?"
    r"|according\s+to\s+whom\?|better\s+source\s+needed|failed\s+verification|edit)\])+"
)
_COMMON = ("the", "of", "and", "to", "in", "a", "is", "for", "on", "was")
# An infobox label run into its value when the table was flattened: "LeadersAbu Ala al-Walai".
_GLUED_LABEL = re.compile(
    r"^(Leaders?|Founders?|Commanders?|Allegiance|Ideology|Size|Website|Allies|Opponents"
    r"|Headquarters|Active\s+regions|Dates\s+of\s+operation|Part\s+of|Battles?\s+and\s+wars?"
    r"|Area\s+of\s+operations|Engagements|Role|Country|Active|Notable\s+fighters|Founded"
    r"|Dissolved|Type|Status|Membership|Motives|Spokesperson|Secretary-General|Predecessor"
    r"|Successor|Affiliations?)(?=[A-Z0-9])"
)
# Frequent English words: a longer line with none of them is in another language.
_ENGLISH = frozenset(
    re.findall(
        r"\w+",
        "the of and to in a an is are was were for on with by at from as that this it its be"
        " has have had not or which who will would said",
    )
)


def _any_of(*patterns: re.Pattern[str]) -> re.Pattern[str]:
    """One pattern trying each of ``patterns`` (their flags kept), for one call per line."""
    parts = [
        f"(?i:{p.pattern})" if p.flags & re.IGNORECASE else f"(?:{p.pattern})" for p in patterns
    ]
    return re.compile("|".join(parts))


# the classifiers of short lines, tried in one call
_SHORT_LINE = _any_of(_GOV_BANNER, _PLAYER, _SHARE, _WIKI_CHROME, _LABEL, _WIKI_LINE)
_LONG_LINE = _any_of(_GOV_BANNER, _PLAYER)


@lru_cache(maxsize=4096)
def is_chrome(line: str) -> bool:
    """A banner, label, player prompt, breadcrumb or wiki furniture line."""
    line = line.strip()
    if not line or len(line) > 320:
        return False
    if len(line) <= 120:
        return bool(
            _SHORT_LINE.match(line)
            or (_PHOTO_WORDS.search(line) and _PHOTO.match(line))
            or _breadcrumb(line)
            or _foreign(line)
        )
    # a longer line: a banner, a notice, a captioned photo or a foreign caption only
    return bool(
        _LONG_LINE.match(line)
        or (_PHOTO_WORDS.search(line) and _PHOTO.match(line))
        or _foreign(line)
    )


def _breadcrumb(line: str) -> bool:
    if not _CRUMB_SPLIT.search(line):
        return False
    parts = [p for p in _CRUMB_SPLIT.split(line) if p]
    if len(parts) < 2:
        return False
    return all(len(p.split()) <= 4 and p[0].isupper() and not p.endswith(".") for p in parts)


def mark_breadcrumb(row: str) -> str:
    """A raw line spaced out as a breadcrumb ("News   Defense News") joined with "›", so the
    trail stays recognisable once runs of spaces are collapsed."""
    if len(row) <= 120 and _SPACED.search(row) and _breadcrumb(row):
        return " › ".join(p for p in _CRUMB_SPLIT.split(row) if p)
    return row


def _foreign(line: str) -> bool:
    """A caption in another language: ten words or more, mostly in lower case (not a
    title-case headline), and no common English word."""
    if line.count(" ") < 9:
        return False
    padded = f" {line.lower()} "
    if any(f" {w} " in padded for w in _COMMON):
        return False  # quick exit: an English line
    words = re.findall(r"[^\W\d_]+", line)
    lower = sum(w[0].islower() for w in words)
    return (
        len(words) >= 10
        and lower >= 0.6 * len(words)
        and not any(w.casefold() in _ENGLISH for w in words)
    )


def split_glued_label(paragraph: str) -> str:
    """ "LeadersAbu Ala al-Walai" → "Leaders: Abu Ala al-Walai" (a short infobox line only)."""
    if len(paragraph) > 120 or not (m := _GLUED_LABEL.match(paragraph)):
        return paragraph
    return f"{paragraph[: m.end()]}: {paragraph[m.end() :]}"


def strip_citation_marks(paragraph: str) -> str:
    """The paragraph without wiki citation marks glued to its words."""
    if "[" not in paragraph:
        return paragraph
    return _CITATION_MARKS.sub("", paragraph)
