"""Clean a raw document: find title, date, byline and dateline; drop site boilerplate.

The body keeps every article sentence. What goes: the head lines that are metadata
(title, date line, byline, photo credit), share/subscribe/teaser lines wherever they stand,
and everything after an end marker ("No comments:", "Trending on ...") or in a trailing
teaser (a headline plus a snippet ending in "..."). Footnote and reference lists stay in the
body; their spans go to ``CleanDocument.notes``. Sidecar metadata overrides what is found.
"""

from __future__ import annotations

import re

from kb.ingest.clean import chrome, lines
from kb.ingest.types import CleanDocument, RawDocument

_HEAD_LIMIT = 10  # metadata lines are looked for among the first paragraphs only


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of plain text: blank-line blocks, then lines unless hard-wrapped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    out: list[str] = []
    for block in re.split(r"\n[^\S\n]*\n", text):
        rows = [chrome.mark_breadcrumb(row.strip()) for row in block.split("\n") if row.strip()]
        if not rows:
            continue
        if _hard_wrapped(rows):
            out.append(" ".join(rows))
            continue
        current = rows[0]
        for row in rows[1:]:
            if _continues(current, row):
                current += " " + row
            else:
                out.append(current)
                current = row
        out.append(current)
    return [" ".join(p.split()) for p in out]


def _hard_wrapped(rows: list[str]) -> bool:
    """A block of similar-width lines that break mid-sentence (an e-mail style wrap)."""
    if len(rows) < 3:
        return False
    widest = max(len(r) for r in rows)
    body = rows[:-1]
    even = sum(len(r) >= 0.6 * widest for r in body) >= 0.8 * len(body)
    open_ended = sum(not lines.sentence_ended(r) for r in body) >= 0.5 * len(body)
    return 40 <= widest <= 120 and even and open_ended


def _continues(previous: str, row: str) -> bool:
    """A line that carries on the previous one's sentence."""
    return len(previous) >= 40 and not lines.sentence_ended(previous) and row[:1].islower()


def _body_like(paragraph: str) -> bool:
    return len(paragraph) >= 120 or (
        lines.sentence_ended(paragraph) and len(paragraph.split()) >= 8
    )


def _is_meta(paragraph: str) -> bool:
    return bool(
        lines.date_line(paragraph)
        or lines.byline(paragraph)
        or lines.is_boilerplate(paragraph)
        or chrome.is_chrome(paragraph)
        or lines.is_photo_credit(paragraph, after_title=True)
    )


def _title_like(paragraphs: list[str], i: int) -> bool:
    """A short headline line: no final full stop, and title case or followed by the body."""
    text = paragraphs[i]
    words = text.split()
    if (
        not 2 <= len(words) <= 25
        or len(text) > 200
        or not (text[0].isupper() or text[0] in "“\"'‘0123456789")
    ):
        return False
    if text[-1] in ",;:" or (text[-1] == "." and not re.search(r"\b(?:[A-Za-z]\.){2,}$", text)):
        return False
    if lines.wire_dateline(text):
        return False
    long_words = [w for w in words if len(w) > 3]
    if long_words and sum(w[0].isupper() for w in long_words) >= 0.6 * len(long_words):
        return True
    following = next((p for p in paragraphs[i + 1 :] if not _is_meta(p)), None)
    return following is None or _body_like(following)


def _same_text(a: str, b: str) -> bool:
    fold = lambda s: re.sub(r"\W+", " ", s).strip().casefold()  # noqa: E731
    return bool(a) and fold(a) == fold(b)


def clean(raw: RawDocument) -> CleanDocument:
    """Split ``raw`` into metadata and a clean body with paragraph offsets."""
    meta = raw.metadata or {}
    doc = CleanDocument(body="")
    paragraphs = [
        chrome.split_glued_label(chrome.strip_citation_marks(p)) for p in split_paragraphs(raw.text)
    ]
    tail: list[str] = []
    paragraphs = _drop_tail(paragraphs, tail)
    # An HTML page's own <h1> is in metadata: only that line may be taken as the title.
    strict = raw.format == "html" and bool(meta.get("title"))
    start = _read_head(paragraphs, doc, meta.get("title", ""), strict=strict)
    kept = [p for p in paragraphs[start:] if not _drop_line(p, doc.removed)]
    kept = _drop_teasers(kept, tail)
    kept = _drop_footer(kept, tail)
    doc.removed.extend(tail)
    if kept and (found := lines.wire_dateline(kept[0])):
        doc.dateline, agency = found
        doc.source = doc.source or agency
    _assemble(doc, kept)
    _apply_metadata(doc, meta)
    return doc


def _drop_line(paragraph: str, removed: list[str]) -> bool:
    if (
        lines.is_boilerplate(paragraph)
        or lines.is_end_marker(paragraph)
        or chrome.is_chrome(paragraph)
    ):
        removed.append(paragraph)
        return True
    return False


def _drop_tail(paragraphs: list[str], removed: list[str]) -> list[str]:
    """Cut at the first end marker that follows some article text."""
    seen_body = False
    for i, paragraph in enumerate(paragraphs):
        if seen_body and lines.is_end_marker(paragraph):
            removed.extend(paragraphs[i:])
            return paragraphs[:i]
        seen_body = seen_body or _body_like(paragraph)
    return paragraphs


def _read_head(paragraphs: list[str], doc: CleanDocument, meta_title: str, *, strict: bool) -> int:
    """Consume title, date, byline and credit lines at the top; return the body's start."""
    i = 0
    after_title = False
    while i < min(len(paragraphs), _HEAD_LIMIT):
        p = paragraphs[i]
        if _drop_line(p, doc.removed):
            i += 1
            continue
        if found := lines.date_line(p):
            date, label = found
            if doc.published is None or (label.startswith(("published", "posted"))):
                doc.published, doc.published_text = date, p
        elif found := lines.dated_byline(p):
            date, label, author, source = found
            if doc.published is None or not label.startswith("updated"):
                doc.published, doc.published_text = date, p
            doc.author = doc.author or author
            doc.source = doc.source or source
        elif not doc.title and lines.is_nav_bar(p):
            pass  # a site's top bar above the headline
        elif found := lines.byline(p):
            doc.author, source, date = found
            doc.source = doc.source or source
            if date and doc.published is None:
                doc.published, doc.published_text = date, p
        elif not doc.title and (
            _same_text(p, meta_title) or (not strict and _title_like(paragraphs, i))
        ):
            doc.title = p
            after_title = True
            doc.removed.append(p)
            i += 1
            continue
        elif doc.title and _same_text(p, doc.title):
            pass  # the headline printed twice (page title, then article title)
        elif doc.title and _source_line(paragraphs, i):
            doc.source = doc.source or p  # "Center for ... Studies" over a "March 2020" line
        elif _meta_block(paragraphs, i):
            if lines.NAME.match(p) and not doc.author:
                doc.author = p  # "Victoria Nuland" above "Department Spokesperson" and a date
        elif not lines.is_photo_credit(p, after_title=after_title):
            break
        doc.removed.append(p)
        after_title = False
        i += 1
    return i


def _meta_block(paragraphs: list[str], i: int) -> bool:
    """A short line in a block of short lines (name, office, place) closed by a date line."""
    for j in range(i, min(i + 4, len(paragraphs))):
        p = paragraphs[j]
        if lines.date_line(p):
            return j > i
        if len(p) > 80 or len(p.split()) > 8 or lines.sentence_ended(p) or not p[0].isupper():
            return False
    return False


def _source_line(paragraphs: list[str], i: int) -> bool:
    """A short name line (an institute, a desk) right above a date line or byline."""
    p = paragraphs[i]
    words = p.split()
    if not 2 <= len(words) <= 8 or len(p) > 80 or lines.sentence_ended(p) or p[-1] in ",;:":
        return False
    long_words = [w for w in words if len(w) > 3]
    if not long_words or sum(w[0].isupper() for w in long_words) < len(long_words):
        return False
    following = paragraphs[i + 1] if i + 1 < len(paragraphs) else ""
    return bool(
        lines.date_line(following) or lines.dated_byline(following) or lines.byline(following)
    )


def _drop_teasers(paragraphs: list[str], removed: list[str]) -> list[str]:
    """Drop trailing teasers of other posts: a headline, then a snippet ending in "..."."""
    while len(paragraphs) >= 3:
        snippet, headline = paragraphs[-1], paragraphs[-2]
        if not snippet.rstrip().endswith(("...", "…")) or len(snippet) > 600:
            break
        if len(headline) > 200 or lines.sentence_ended(headline):
            break
        removed[:0] = paragraphs[-2:]
        paragraphs = paragraphs[:-2]
    return paragraphs


def _drop_footer(paragraphs: list[str], removed: list[str]) -> list[str]:
    """Drop one to three short heading-like lines after the last sentence (site footer,
    a promoted article: "U.S. Department of State", "The Lessons of 1989: ...")."""
    n = len(paragraphs)
    start = n
    while start > 0 and n - start < 4 and _heading_like(paragraphs[start - 1]):
        start -= 1
    if start == n or n - start > 3 or start == 0:
        return paragraphs
    if not (lines.sentence_ended(paragraphs[start - 1]) and _body_like(paragraphs[start - 1])):
        return paragraphs
    removed.extend(paragraphs[start:])
    return paragraphs[:start]


def _heading_like(text: str) -> bool:
    words = text.split()
    if not 1 <= len(words) <= 12 or lines.sentence_ended(text) or text[-1] in ",;":
        return False
    if lines.is_note(text) or lines.NOTES_HEADING.match(text):
        return False
    long_words = [w for w in words if len(w) > 3]
    return bool(long_words) and sum(w[0].isupper() for w in long_words) >= 0.75 * len(long_words)


def _notes_start(paragraphs: list[str]) -> int:
    """Index where a trailing footnote/reference list begins (len when there is none)."""
    n = len(paragraphs)
    for i in range(max(1, int(n * 0.5)), n):
        if lines.NOTES_HEADING.match(paragraphs[i]) and all(
            len(p) <= 400 for p in paragraphs[i + 1 :]
        ):
            return i if i + 1 < n else n
    start = n
    while start > 1 and lines.is_note(paragraphs[start - 1]):
        start -= 1
    if start < n and start > 0 and lines.NOTES_HEADING.match(paragraphs[start - 1]):
        start -= 1
    return start


def _assemble(doc: CleanDocument, paragraphs: list[str]) -> None:
    offsets: list[tuple[int, int]] = []
    position = 0
    for paragraph in paragraphs:
        offsets.append((position, position + len(paragraph)))
        position += len(paragraph) + 2
    doc.body = "\n\n".join(paragraphs)
    doc.paragraphs = offsets
    first_note = _notes_start(paragraphs)
    if first_note < len(paragraphs):
        doc.notes = [(offsets[first_note][0], offsets[-1][1])]


def _apply_metadata(doc: CleanDocument, meta: dict[str, str]) -> None:
    """Sidecar (or embedded) metadata wins over what the text suggested."""
    for name in ("title", "author", "source", "url", "language"):
        if value := (meta.get(name) or "").strip():
            setattr(doc, name, value)
    value = (meta.get("published") or "").strip()
    if value and (date := lines.parse_date(value)):
        doc.published, doc.published_text = date, value
