"""Ingest throughput: articles/s of kb.ingest.batch.ingest_paths over a folder, one process.

Run with DATABASE_URL pointing at a fresh database with the reference catalog loaded.
First times reading and extraction alone over the same files (nothing stored), then the
whole ingest as ``manage.py ingest`` runs it. Prints one JSON line.
"""

import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kb.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402

from kb.ingest.batch import ingest_paths  # noqa: E402
from kb.ingest.pipeline import Matchers, extract  # noqa: E402
from kb.ingest.read.files import read_path  # noqa: E402
from kb.ingest.store.catalog import catalog_from_db  # noqa: E402


def main() -> None:
    folder = Path(sys.argv[1])
    files = sorted(folder.glob("*.txt"))
    size = sum(f.stat().st_size for f in files)
    catalog = catalog_from_db()
    matchers = Matchers.from_catalog(catalog)
    t0 = time.perf_counter()
    for path in files:
        extract(read_path(path, max_bytes=settings.INGEST_MAX_BYTES), catalog, matchers=matchers)
    extract_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    reports = ingest_paths([folder], catalog=catalog, max_bytes=settings.INGEST_MAX_BYTES)
    took = time.perf_counter() - t0
    ok = [r for r in reports if r.ok]
    errors = sorted({r.message for r in reports if not r.ok})[:3]
    print(
        json.dumps(
            {
                "files": len(files),
                "mb": size / 1e6,
                "ok": len(ok),
                "seconds": took,
                "articles_per_s": len(ok) / took if took else 0,
                "extract_only_per_s": len(files) / extract_s if extract_s else 0,
                "errors": errors,
            }
        )
    )


if __name__ == "__main__":
    main()
