"""The benchmark: build synthetic corpora on PostgreSQL, serve them with gunicorn, measure.

Run: ``make bench`` (or ``.venv/bin/python bench/run.py --sizes 1000,10000,100000``). For each
size it (re)builds the database ``kb_bench_<size>`` (``--reuse`` keeps one already built),
counts queries per request in-process (bench/probe.py), starts gunicorn with production
settings and times every target over real HTTP from this process. Then: ingest and matcher
throughput, the Datasette side-by-side on SQLite, and a constant-rate locust load test
against the largest size. Everything is printed and written to bench/RESULTS.md.

Needs the ``bench`` extra (``pip install -e '.[bench]'``) and a PostgreSQL server
(``BENCH_PG``, default ``postgres://postgres@127.0.0.1:5432``).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.harness import PG, ROOT, label, log, manage, production_env  # noqa: E402
from bench.measure import (  # noqa: E402
    datasette_compare,
    ingest_speed,
    load_test,
    matcher_speed,
    measure_size,
)
from bench.report import machine, write_report  # noqa: E402
from bench.scale import ingest_workers, shared_state, two_servers  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--sizes", default="1000,10000,100000", help="Corpus sizes, comma-separated."
    )
    parser.add_argument("--requests", type=int, default=40, help="Timed requests per target.")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="Keep benchmark databases already built at the right size.",
    )
    parser.add_argument(
        "--load-seconds", type=int, default=120, help="Load test length (0 skips it)."
    )
    parser.add_argument(
        "--load-max-ms",
        type=float,
        default=1000,
        help="Leave out of the load mix URLs whose p95 alone exceeds this (listed in the report).",
    )
    parser.add_argument(
        "--load-size", type=int, default=0, help="Corpus size to load-test (default: the largest)."
    )
    parser.add_argument("--load-rate", type=int, default=50, help="Load test requests per second.")
    parser.add_argument(
        "--datasette-size",
        type=int,
        default=10000,
        help="Corpus size for the Datasette comparison (0 skips).",
    )
    parser.add_argument(
        "--ingest-files", type=int, default=1000, help="Files for the ingest benchmark (0 skips)."
    )
    parser.add_argument(
        "--ingest-workers",
        default="1,2,4",
        help="Worker processes to ingest --ingest-files with on the queue (empty skips).",
    )
    parser.add_argument(
        "--scale-rate",
        type=int,
        default=150,
        help="Requests/s over two gunicorn instances sharing PostgreSQL and Redis (0 skips).",
    )
    parser.add_argument(
        "--scale-seconds", type=int, default=120, help="Length of each two-instance load run."
    )
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = parser.parse_args()

    results: dict = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "command": " ".join(["python", "bench/run.py", *sys.argv[1:]]),
        "machine": machine(),
        "sizes": [],
    }
    static_root = Path(tempfile.mkdtemp(prefix="kb_static_"))
    manage(
        production_env(f"{PG}/postgres", static_root),
        "collectstatic",
        "--noinput",
        "-v0",
        "--skip-checks",
    )

    def save() -> None:
        write_report(results, args.output)

    for size in [int(s) for s in args.sizes.split(",") if s]:
        log(f"== {label(size)} articles")
        try:
            results["sizes"].append(measure_size(size, args.reuse, args.requests, static_root))
        except Exception as exc:  # report what we have, carry on with the rest
            log(f"{label(size)} failed: {exc}")
        save()
    if args.ingest_files:
        log("== ingest throughput")
        results["ingest"] = ingest_speed(args.ingest_files, static_root)
        log(f"  {results['ingest']}")
        results["matcher"] = matcher_speed()
        log(f"  {results['matcher']}")
        save()
    if args.ingest_files and args.ingest_workers:
        counts = tuple(int(n) for n in args.ingest_workers.split(",") if n)
        log(f"== ingest on the queue with {counts} worker processes")
        results["ingest_workers"] = ingest_workers(args.ingest_files, counts)
        save()
    if args.datasette_size:
        log(f"== Datasette comparison at {label(args.datasette_size)}")
        try:
            results["datasette"] = datasette_compare(
                args.datasette_size, args.reuse, args.requests, static_root
            )
        except Exception as exc:
            log(f"datasette comparison failed: {exc}")
        save()
    if args.load_seconds and results["sizes"]:
        largest = next(
            (s for s in results["sizes"] if s["size"] == args.load_size), results["sizes"][-1]
        )
        log(
            f"== load test: {args.load_rate} req/s for {args.load_seconds} s at {label(largest['size'])}"
        )
        results["load_size"] = largest["size"]
        results["load"] = load_test(
            largest, static_root, args.load_rate, args.load_seconds, args.load_max_ms
        )
        log(f"  {results['load']}")
        save()
    if args.scale_rate and results["sizes"]:
        target = next(
            (s for s in results["sizes"] if s["size"] == args.load_size), results["sizes"][-1]
        )
        paths = [
            t["path"]
            for t in target["targets"]
            if t.get("status") == 200 and t["group"] != "admin" and t["p95"] <= args.load_max_ms
        ]
        log(f"== two app servers at {label(target['size'])}")
        results["scale_size"] = target["size"]
        results["two_servers"] = two_servers(
            target["url"], paths, static_root, args.scale_rate, args.scale_seconds
        )
        results["shared"] = shared_state(
            target["url"], static_root, "/events/", "/api/v1/actors/?kind=state"
        )
        log(f"  {results['shared']}")
        save()
    shutil.rmtree(static_root, ignore_errors=True)
    print(write_report(results, args.output))


if __name__ == "__main__":
    main()
