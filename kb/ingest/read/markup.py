"""HTML and Markdown to plain paragraphs (one per line, blank-line separated) plus metadata."""

from __future__ import annotations

import re

import yaml
from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from markdown_it import MarkdownIt

from kb.ingest.types import IngestError

_DROP = {
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe",
    "svg", "template", "button", "figure", "figcaption", "select", "textarea", "input",
    "object", "embed", "canvas", "video", "audio", "picture", "img", "map", "dialog", "menu",
}  # fmt: skip
_BLOCK = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li",
    "ul", "ol", "blockquote", "pre", "table", "tr", "td", "th", "dd", "dt", "dl", "hr",
    "address", "details", "summary", "body", "center",
}  # fmt: skip
_DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
_SPACE_RUN = re.compile(r"[ \t\u00a0]{3,}")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _meta(soup: BeautifulSoup, *names: str) -> str:
    for name in names:
        tag = soup.find("meta", attrs={"property": name}) or soup.find("meta", attrs={"name": name})
        if isinstance(tag, Tag) and (content := str(tag.get("content") or "").strip()):
            return content
    return ""


def _clean_title(title: str, site: str) -> str:
    """Drop a " | Site" or " - Site" suffix from a <title>."""
    parts = re.split(r"\s+[|–—-]\s+", title)
    if len(parts) > 1 and (not site or parts[-1].strip().casefold() == site.casefold()):
        return " - ".join(parts[:-1]).strip()
    return title.strip()


def _text_of(tag: object) -> str:
    return " ".join(tag.get_text(" ").split()) if isinstance(tag, Tag) else ""


def html_metadata(soup: BeautifulSoup) -> dict[str, str]:
    """Title, date, author, site name, URL and language from the page's meta tags."""
    site = _meta(soup, "og:site_name", "application-name")
    root = _root(soup)
    title = _text_of(root.find("h1")) or _meta(soup, "og:title", "twitter:title")
    if not title and soup.title and soup.title.string:
        title = _clean_title(" ".join(soup.title.string.split()), site)
    title = title or _text_of(soup.find("h1"))
    published = _meta(
        soup, "article:published_time", "og:published_time", "datePublished", "pubdate",
        "publishdate", "date", "dc.date", "DC.date.issued", "sailthru.date", "parsely-pub-date",
    )  # fmt: skip
    time = root.find("time", datetime=True) or soup.find("time", datetime=True)
    if not published and isinstance(time, Tag):
        published = str(time.get("datetime") or "").strip()
    author = _meta(soup, "author", "article:author", "parsely-author", "dc.creator")
    if author.startswith("http") or not author:
        author = _text_of(soup.find(attrs={"rel": "author"}))
    canonical = soup.find("link", rel="canonical")
    url = _meta(soup, "og:url") or (
        str(canonical.get("href") or "") if isinstance(canonical, Tag) else ""
    )
    html = soup.find("html")
    language = str(html.get("lang") or "").split("-")[0].lower() if isinstance(html, Tag) else ""
    found = {
        "title": title,
        "published": published,
        "author": author,
        "source": site,
        "url": url,
        "language": language,
    }
    return {k: v for k, v in found.items() if v}


def _dropped(tag: Tag) -> bool:
    if tag.name in _DROP or tag.get("hidden") is not None or tag.get("aria-hidden") == "true":
        return True
    return tag.get("role") in _DROP_ROLES or bool(_HIDDEN.search(str(tag.get("style") or "")))


def _root(soup: BeautifulSoup) -> Tag:
    """The element holding the article: the longest <article>, else <main>, else <body>."""
    articles = [a for a in soup.find_all("article") if isinstance(a, Tag)]
    if articles:
        return max(articles, key=lambda a: len(a.get_text()))
    for found in (soup.find("main"), soup.find(attrs={"role": "main"}), soup.body):
        if isinstance(found, Tag):
            return found
    return soup


def _link_bars(root: Tag) -> set[int]:
    """Short blocks of links above the headline (a site's top bar): ids of their elements."""
    h1 = root.find("h1")
    if not isinstance(h1, Tag):
        return set()
    above = {id(p) for p in h1.parents}
    if id(root) not in above:
        return set()
    bars: set[int] = set()
    for el in h1.find_all_previous(["div", "ul", "ol", "p", "section", "span"]):
        if not isinstance(el, Tag) or id(el) in above:
            continue
        if not any(parent is root for parent in el.parents):
            break  # before the article element: not part of what is read
        text = _text_of(el)
        links = el.find_all("a")
        if len(links) < 2 or len(text) > 200:
            continue
        in_links = sum(len(_letters(_text_of(a))) for a in links)
        if in_links >= 0.8 * len(_letters(text)):
            bars.add(id(el))
    return bars


def _letters(text: str) -> str:
    return re.sub(r"[\W_]+", "", text)


def html_paragraphs(soup: BeautifulSoup) -> list[str]:
    """Text of the article element, one paragraph per block element (iterative walk)."""
    out: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        # One <br> is a line break inside the paragraph; two or more end it.
        for chunk in re.split(r"\x0b[^\S\x0b]*\x0b[\s\x0b]*", "".join(buffer)):
            # A run of spaces on one line ("News   Defense News", a breadcrumb) stays a run,
            # as in a plain-text file, so that the cleaner reads both alike.
            chunk = _SPACE_RUN.sub("\ue000", chunk)
            if text := " ".join(chunk.replace("\x0b", " ").split()).replace("\ue000", "   "):
                out.append(text)
        buffer.clear()

    root = _root(soup)
    bars = _link_bars(root)
    stack: list[object] = [root]
    while stack:
        node = stack.pop()
        if node is flush:
            flush()
        elif isinstance(node, Comment):
            continue
        elif isinstance(node, NavigableString):
            if type(node) is NavigableString:
                buffer.append(str(node))
        elif isinstance(node, Tag) and not _dropped(node) and id(node) not in bars:
            if node.name == "br":
                buffer.append("\x0b")
                continue
            block = node.name in _BLOCK
            if block:
                flush()
                stack.append(flush)
            stack.extend(reversed(list(node.children)))
    flush()
    return out


def read_html(text: str) -> tuple[str, dict[str, str]]:
    """Article paragraphs and metadata of an HTML page."""
    text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)
    soup = BeautifulSoup(text, "lxml")
    meta = html_metadata(soup)
    return "\n\n".join(html_paragraphs(soup)), meta


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MARKDOWN = MarkdownIt("commonmark").enable("table").enable("strikethrough")


def _inline_text(token) -> str:
    """Plain text of an inline token: emphasis and link syntax gone, link text kept."""
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak", "html_inline"):
            parts.append(" ")  # inline HTML tags go; their place becomes a space
    return " ".join("".join(parts).split())


def read_markdown(text: str) -> tuple[str, dict[str, str]]:
    """Paragraphs and metadata (YAML front matter, else the first heading) of Markdown."""
    meta: dict[str, str] = {}
    if m := _FRONT_MATTER.match(text):
        try:
            data = yaml.safe_load(m.group(1)) or {}
        except yaml.YAMLError as exc:
            raise IngestError("malformed YAML front matter in Markdown file") from exc
        if not isinstance(data, dict):
            raise IngestError("malformed YAML front matter in Markdown file: not a mapping")
        meta = {
            str(k): str(v)
            for k, v in data.items()
            if isinstance(v, (str, int, float)) or hasattr(v, "isoformat")
        }
        text = text[m.end() :]
    out: list[str] = []
    tokens = _MARKDOWN.parse(text)
    first_heading = ""
    for i, token in enumerate(tokens):
        if (
            token.type == "inline"
            and i
            and tokens[i - 1].type in ("paragraph_open", "heading_open", "th_open", "td_open")
        ):
            if content := _inline_text(token):
                out.append(content)
                if tokens[i - 1].type == "heading_open" and len(out) == 1:
                    first_heading = content
        elif token.type == "html_block":
            out.extend(html_paragraphs(BeautifulSoup(token.content, "lxml")))
    if first_heading and "title" not in meta:
        meta["title"] = first_heading
    return "\n\n".join(out), meta
