"""How extract() time grows with article length (should be roughly linear).

    .venv/bin/python bench/long_article.py

Builds long articles from the seed paragraphs (shuffled, numbered so the cleaner keeps them)
and prints CPU seconds per size and the ratio to the smallest.
"""

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kb.ingest.catalog import load_catalog_file  # noqa: E402
from kb.ingest.clean.document import clean  # noqa: E402
from kb.ingest.pipeline import Matchers, extract  # noqa: E402
from kb.ingest.read.files import read_path  # noqa: E402
from kb.ingest.types import RawDocument  # noqa: E402


def long_article(size: int) -> RawDocument:
    paragraphs = []
    for path in sorted((ROOT / "data" / "seeds").glob("*.txt")):
        paragraphs += [p for p in clean(read_path(path)).body.split("\n\n") if len(p) > 120]
    rnd = random.Random(1)
    out, n, k = ["A long compilation on Iran and Iraq", ""], 0, 0
    while n < size:
        rnd.shuffle(paragraphs)
        k += 1
        for p in paragraphs:
            out += [f"{p} This was noted in section {k}.", ""]
            n += len(p) + 40
            if n >= size:
                break
    return RawDocument(text="\n".join(out), origin="long.txt", format="text")


def main() -> None:
    catalog = load_catalog_file(ROOT / "fixtures" / "reference.yaml")
    matchers = Matchers.from_catalog(catalog)
    extract(long_article(20_000), catalog, matchers=matchers)  # warm up
    base = None
    for size in (40_000, 160_000, 640_000, 1_500_000):
        doc = long_article(size)
        t0 = time.process_time()
        extract(doc, catalog, matchers=matchers)
        took = time.process_time() - t0
        base = base or took
        print(
            f"{size / 1000:>6.0f} KB  {took:6.2f} s  ×{took / base:5.1f} (size ×{size / 40_000:.0f})"
        )


if __name__ == "__main__":
    main()
