"""The hand-written HTML reader + cleaner against trafilatura, on the same pages (issue 12).

    .venv/bin/pip install trafilatura      # not a dependency of the app: measured here only
    .venv/bin/python bench/cleaners.py

Two corpora, both scored the same way for each method:

1. The seeds and the dev set as web pages: every line of each text becomes a ``<p>`` of a
   page (the texts were saved from real pages, chrome included, but their markup is gone).
   Scored with the gold: chrome lines removed (``boilerplate``) and claim/event passages
   kept, and the publication date found.
2. Structured pages with banner, navigation, breadcrumb, figure, share bar, related links
   and footer in their usual elements (``tests/ingest/unseen/*.html`` and the page of
   ``tests/ingest/test_same_story.py``): the article's paragraphs kept and the chrome gone.

Methods: ``hand`` = ``read/markup.read_html`` then ``clean/``; ``trafilatura`` =
``trafilatura.extract`` (its main-content text) then ``clean/``; ``trafilatura alone`` = its
text as the body, without our cleaner.
"""

import html
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402

from kb.evaluation.gold import load_gold  # noqa: E402
from kb.evaluation.textspan import Locator  # noqa: E402
from kb.ingest.clean.document import clean  # noqa: E402
from kb.ingest.read.markup import read_html  # noqa: E402
from kb.ingest.types import RawDocument  # noqa: E402
from tests.ingest.same_story import STORY_HTML, STORY_TXT  # noqa: E402

GOLD = [ROOT / "data" / "eval" / "seeds.gold.yaml", ROOT / "data" / "eval" / "dev.gold.yaml"]


def as_page(text: str) -> str:
    """A text saved from a page, as a page again: one <p> per line (no <title>: the text
    has its headline as a line, as the page had)."""
    rows = "\n".join(f"<p>{html.escape(r.strip())}</p>" for r in text.splitlines() if r.strip())
    return f"<html><body>{rows}</body></html>"


def hand(page: str):
    text, meta = read_html(page)
    return clean(RawDocument(text=text, origin="p.html", format="html", metadata=meta))


def trafi(page: str, *, ours: bool = True):
    text = trafilatura.extract(page, include_comments=False, include_tables=True) or ""
    meta = trafilatura.extract_metadata(page)
    metadata = {"title": meta.title or "", "published": meta.date or ""} if meta else {}
    metadata = {k: v for k, v in metadata.items() if v}
    doc = clean(RawDocument(text=text, origin="p.html", format="html", metadata=metadata))
    if not ours:
        doc.body = text
    return doc


METHODS = {
    "hand": hand,
    "trafilatura": trafi,
    "trafilatura alone": lambda page: trafi(page, ours=False),
}


def corpus_dev() -> dict[str, list[int]]:
    """[chrome removed, chrome lines, passages kept, passages, dates right, articles]."""
    totals = {name: [0, 0, 0, 0, 0, 0] for name in METHODS}
    for gold_path in GOLD:
        gold = load_gold(gold_path)
        for article in gold.articles:
            page = as_page(article.path.read_text(encoding="utf-8"))
            passages = [c.text for c in article.claims]
            passages += [t for e in article.events for t in e.passages]
            for name, method in METHODS.items():
                doc = method(page)
                found = Locator(doc.body)
                t = totals[name]
                t[0] += sum(line not in found for line in article.boilerplate)
                t[1] += len(article.boilerplate)
                t[2] += sum(p in found for p in passages)
                t[3] += len(passages)
                t[4] += (doc.published.edtf() if doc.published else None) == article.published
                t[5] += 1
    return totals


STRUCTURED = {
    "page_kurdistan_strikes.html": (
        ["Iran's Revolutionary Guards fired missiles", "Protesters rallied again in Sanandaj"],
        ["Become a member", "Most read", "Oil exports from Basra", "All rights reserved",
         "Follow us", "Home"],
    ),
    "brief_tanker_seizure.html": (None, None),  # scored on the body's paragraphs only
    "same_story.html": (
        [p for p in STORY_TXT.split("\n\n")[2:] if p.strip()],
        ["official website", "how you know", "Photo by", "Share:", "Comments are closed",
         "Home"],
    ),
}  # fmt: skip


def corpus_structured() -> dict[str, list[int]]:
    """[article paragraphs kept, paragraphs, chrome strings gone, chrome strings]."""
    totals = {name: [0, 0, 0, 0] for name in METHODS}
    unseen = ROOT / "tests" / "ingest" / "unseen"
    for name, (keep, drop) in STRUCTURED.items():
        page = STORY_HTML if name == "same_story.html" else (unseen / name).read_text()
        if keep is None:
            keep = [p for p in hand(page).body.split("\n\n") if len(p) > 80]
            drop = []
        for method_name, method in METHODS.items():
            body = " ".join(method(page).body.split())
            t = totals[method_name]
            t[0] += sum(" ".join(k.split())[:60] in body for k in keep)
            t[1] += len(keep)
            t[2] += sum(d not in body for d in drop)
            t[3] += len(drop)
    return totals


def main() -> None:
    print("1. seeds + dev texts as pages (gold):")
    for name, t in corpus_dev().items():
        print(
            f"   {name:18} chrome removed {t[0]}/{t[1]} = {t[0] / t[1]:.2f}   "
            f"passages kept {t[2]}/{t[3]} = {t[2] / t[3]:.2f}   dates {t[4]}/{t[5]}"
        )
    print("2. structured pages:")
    for name, t in corpus_structured().items():
        print(
            f"   {name:18} article text kept {t[0]}/{t[1]} = {t[0] / t[1]:.2f}   "
            f"chrome gone {t[2]}/{t[3]} = {t[2] / t[3]:.2f}"
        )


if __name__ == "__main__":
    main()
