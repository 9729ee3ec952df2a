"""Profile the SQL behind URLs: each query's time, and EXPLAIN ANALYZE of the slowest.

Run with DATABASE_URL pointing at a benchmark database:
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/kb_bench_100k .venv/bin/python bench/explain.py /api/v1/articles/?search=drone``
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402


def main(paths: list[str], show: int = 2) -> None:
    client = Client()
    user = get_user_model().objects.filter(is_superuser=True).first()
    if user:
        client.force_login(user)
    for path in paths:
        client.get(path, HTTP_HOST="127.0.0.1")  # warm caches
        t0 = time.perf_counter()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, HTTP_HOST="127.0.0.1")
        total = (time.perf_counter() - t0) * 1000
        sql_ms = sum(float(q["time"]) for q in ctx.captured_queries) * 1000
        print(
            f"\n== {path}: {response.status_code}, {total:.0f} ms, {len(ctx)} queries, SQL {sql_ms:.0f} ms"
        )
        ranked = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))
        for q in ranked[:show]:
            print(f"-- {float(q['time']) * 1000:.1f} ms: {q['sql'][:400]}")
            if connection.vendor == "postgresql" and q["sql"].lstrip().upper().startswith("SELECT"):
                with connection.cursor() as cursor:
                    cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + q["sql"])
                    for (line,) in cursor.fetchall():
                        print("   ", line)


if __name__ == "__main__":
    main(sys.argv[1:])
