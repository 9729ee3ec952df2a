"""Every seed and dev text, saved back as a web page, cleans to what the text file gives
(issue 15 item 7: the same words give the same text whichever format they come in)."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from kb.ingest.clean.document import clean
from kb.ingest.read.files import read_path
from kb.ingest.read.markup import read_html
from kb.ingest.types import RawDocument

ROOT = Path(__file__).resolve().parents[3]
TEXTS = sorted((ROOT / "data" / "seeds").glob("*.txt")) + sorted(
    (ROOT / "data" / "eval" / "dev").glob("*.txt")
)


def as_page(text: str) -> str:
    rows = "\n".join(f"<p>{html.escape(r.strip())}</p>" for r in text.splitlines() if r.strip())
    return f"<html><body>{rows}</body></html>"


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_text_as_a_page_cleans_like_the_text_file(path):
    from_text = clean(read_path(path))
    body, meta = read_html(as_page(path.read_text(encoding="utf-8")))
    from_page = clean(RawDocument(text=body, origin="p.html", format="html", metadata=meta))
    assert (from_page.title, from_page.published, from_page.body) == (
        from_text.title,
        from_text.published,
        from_text.body,
    )
