"""Throughput of the alias matcher: 20,000 synthetic aliases over seed-like text.

Run: ``.venv/bin/python bench/bench_matcher.py``. Prints MB/s (UTF-8 bytes of input per
CPU second, best of three) for one big body and for a batch of ~4 KB articles, fold
included.
"""

from __future__ import annotations

import random
import string
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from actors.names import fold  # noqa: E402
from kb.ingest.catalog import Catalog, CatalogActor  # noqa: E402
from kb.ingest.link.matcher import ActorMatcher  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SEEDS = sorted((ROOT / "data" / "seeds").glob("*.txt"))


def synthetic_catalog(n_aliases: int = 20_000, seed: int = 7) -> Catalog:
    """Actors with n_aliases made-up aliases (1-4 words), plus a few real ones."""
    rng = random.Random(seed)

    def word() -> str:
        return "".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 9))).title()

    actors = [
        CatalogActor("iran", "Iran", "state", aliases=("Islamic Republic of Iran",), metonyms=("Tehran",)),
        CatalogActor("us", "United States", "state", aliases=("US", "U.S.", "America"), metonyms=("Washington",)),
        CatalogActor("iraq", "Iraq", "state"),
        CatalogActor("quds", "IRGC Quds Force", "armed_group", aliases=("Quds Force",)),
    ]  # fmt: skip
    per_actor = 4
    for i in range(n_aliases // per_actor):
        aliases = tuple(
            " ".join(word() for _ in range(rng.randint(1, 4))) for _ in range(per_actor)
        )
        actors.append(CatalogActor(f"a{i}", aliases[0], "other", aliases=aliases[1:]))
    return Catalog(actors=actors)


def corpus() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    return texts or ["Iran and the U.S. talked in Tehran. " * 100]


def main() -> None:
    catalog = synthetic_catalog()
    t0 = time.perf_counter()
    matcher = ActorMatcher.from_catalog(catalog)
    build = time.perf_counter() - t0
    print(f"automaton: {matcher.matcher.size} folded aliases, built in {build:.2f} s")

    articles = corpus()
    big = "\n\n".join(articles * (8_000_000 // sum(len(a) for a in articles) + 1))
    size = len(big.encode("utf-8")) / 1e6
    for label, fn in (("fold only", fold), ("fold + match", matcher.find)):
        best = min(_timed(fn, big) for _ in range(3))
        print(f"{label:>13}, one {size:.1f} MB body: {size / best:6.1f} MB/s")

    batch = articles * 400
    batch_mb = sum(len(a.encode("utf-8")) for a in batch) / 1e6
    best = min(_timed(lambda: [matcher.find(a) for a in batch]) for _ in range(3))
    print(f"fold + match, {len(batch)} articles ({batch_mb:.1f} MB): {batch_mb / best:6.1f} MB/s")


def _timed(fn, *args) -> float:
    """CPU seconds: other processes on a shared machine do not count against the matcher."""
    t0 = time.process_time()
    fn(*args)
    return time.process_time() - t0


if __name__ == "__main__":
    main()
