"""Actor matcher throughput (MB/s) with 1k and 20k aliases over synthetic articles.

Reuses bench/bench_matcher.py's made-up alias catalog; the text is the synthetic corpus
(bench.synth) written over the built-in catalog, so no database is needed. Prints one JSON line.
"""

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_matcher import synthetic_catalog  # noqa: E402

from bench.synth.generate import Generator  # noqa: E402
from bench.synth.types import SynthActor, SynthPlace  # noqa: E402
from bench.synth.vocabulary import FALLBACK_ACTORS, FALLBACK_PLACES  # noqa: E402
from kb.ingest.link.matcher import ActorMatcher  # noqa: E402


def texts(n: int = 2500) -> list[str]:
    actors = [
        SynthActor(k, name, kind, (name, *aliases)) for k, name, kind, aliases in FALLBACK_ACTORS
    ]
    places = [SynthPlace(k, name) for k, name, *_ in FALLBACK_PLACES]
    gen = Generator(actors, places, seed=11)
    gen.make_events(200)
    return [a.body for a in gen.articles(n)]


def main() -> None:
    bodies = texts()
    mb = sum(len(b.encode("utf-8")) for b in bodies) / 1e6
    rows = []
    for n in (1_000, 20_000):
        matcher = ActorMatcher.from_catalog(synthetic_catalog(n))
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            for body in bodies:
                matcher.find(body)
            best = min(best, time.perf_counter() - t0)
        rows.append({"aliases": n, "folded": matcher.matcher.size, "mb": mb, "mb_s": mb / best})
    print(json.dumps({"rows": rows}))


if __name__ == "__main__":
    main()
