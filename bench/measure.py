"""Measuring: latency over HTTP, the load test, the Datasette side-by-side, ingest and matcher speed."""

from __future__ import annotations

import csv
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import requests

from bench.harness import (
    BIN,
    PG,
    PORT,
    PY,
    ROOT,
    WARMUP,
    build_pg,
    build_sqlite,
    db_env,
    free_port,
    gunicorn,
    label,
    log,
    manage,
    production_env,
    psql,
    serve,
)

# --- measuring ------------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def time_url(session: requests.Session, url: str, n: int, headers: dict | None = None) -> dict:
    """Warm up, then n sequential requests; p50/p95 in ms, or the failure."""
    try:
        first = session.get(url, headers=headers, timeout=60, allow_redirects=False)
    except requests.RequestException as exc:
        return {"status": f"error: {type(exc).__name__}"}
    if first.status_code != 200:
        return {"status": first.status_code}
    if first.elapsed.total_seconds() > 1:
        n = min(n, 5)  # slow enough to see with few samples; keeps the run bounded
    for _ in range(WARMUP):
        session.get(url, headers=headers, timeout=60)
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = session.get(url, headers=headers, timeout=60)
        times.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            return {"status": r.status_code}
    return {
        "status": 200,
        "p50": pct(times, 50),
        "p95": pct(times, 95),
        "n": n,
        "bytes": len(first.content),
    }


def measure_size(size: int, reuse: bool, n: int, static_root: Path) -> dict:
    url, built = build_pg(size, reuse)
    probe = subprocess.run(
        [PY, str(ROOT / "bench" / "probe.py")],
        env=production_env(url, static_root),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if probe.returncode:
        raise RuntimeError(f"probe failed:\n{probe.stderr[-3000:]}")
    info = json.loads(probe.stdout.strip().splitlines()[-1])
    cookie = {"Cookie": f"sessionid={info['session']}"}
    log(f"{label(size)}: {info['counts']}; timing {len(info['targets'])} targets")
    load_before = os.getloadavg()[0]
    with gunicorn(url, static_root):
        session = requests.Session()
        for row in info["targets"]:
            headers = cookie if row["group"] == "admin" else None
            row.update(time_url(session, f"http://127.0.0.1:{PORT}{row['path']}", n, headers))
            shown = (
                f"p50 {row['p50']:.1f} ms, p95 {row['p95']:.1f} ms"
                if "p95" in row
                else f"status {row['status']}"
            )
            log(f"  {row['name']:<38} {shown}  ({row.get('queries')} queries)")
    return {
        "size": size,
        "url": url,
        "built_s": built,
        "counts": info["counts"],
        "targets": info["targets"],
        "session": info["session"],
        "loadavg": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }


def load_test(result: dict, static_root: Path, rate: int, seconds: int, max_ms: float) -> dict:
    """Constant-rate mixed traffic with locust from a second process; errors and p50/p95/p99."""
    usable = [t for t in result["targets"] if t.get("status") == 200 and t["group"] != "admin"]
    # A URL that already takes seconds alone would only measure the queue it builds.
    paths = [t["path"] for t in usable if t["p95"] <= max_ms]
    excluded = [t["name"] for t in usable if t["p95"] > max_ms]
    if not paths:
        return {"error": "no target answered 200"}
    out = Path(tempfile.mkdtemp(prefix="kb_locust_"))
    env = dict(os.environ, BENCH_PATHS=json.dumps(paths), BENCH_RATE_PER_USER="1")
    with gunicorn(result["url"], static_root, workers=4):
        cmd = [
            str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
            "--users", str(rate), "--spawn-rate", str(rate), "--run-time", f"{seconds}s",
            "--host", f"http://127.0.0.1:{PORT}", "--csv", str(out / "load"), "--only-summary",
            "--stop-timeout", "10",
        ]  # fmt: skip
        proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    rows = (
        list(csv.DictReader((out / "load_stats.csv").open()))
        if (out / "load_stats.csv").exists()
        else []
    )
    agg = next((r for r in rows if r["Name"] == "Aggregated"), None)
    if agg is None:
        return {"error": proc.stderr[-1500:]}
    shutil.rmtree(out, ignore_errors=True)
    return {
        "requests": int(agg["Request Count"]),
        "failures": int(agg["Failure Count"]),
        "rps": float(agg["Requests/s"]),
        "p50": float(agg["50%"]),
        "p95": float(agg["95%"]),
        "p99": float(agg["99%"]),
        "max": float(agg["Max Response Time"]),
        "seconds": seconds,
        "rate": rate,
        "paths": len(paths),
        "excluded": excluded,
        "max_ms": max_ms,
    }


#: The columns of our article list that are columns of the table (Datasette's ``_col``);
#: ours also computes actor_count and claim_count per row, which Datasette cannot.
DATASETTE_COLUMNS = (
    "title", "url", "author", "published", "origin", "language", "source_id",
    "ingested_at", "version",
)  # fmt: skip


def datasette_compare(size: int, reuse: bool, n: int, static_root: Path) -> dict:
    """The same full-text search through our API and through Datasette's FTS5 JSON API.

    Fair: Datasette with facet suggestions off (its JSON table view otherwise spends most
    of each request suggesting facets), the same page size and the table's columns our
    list returns, counted (as ours is) and with ``_nocount=1``; ours with the response
    cache off, so each request searches.
    """
    path = build_sqlite(size, reuse)
    url = f"sqlite:///{path}"
    queries = ["sanctions", "drone", "ballistic missiles", "Kirkuk"]
    ours_port, ds_port = free_port(), free_port()
    rows = []
    ours_env = production_env(url, static_root)
    ours_env["RESPONSE_CACHE"] = "0"
    ours_cmd = [
        str(BIN / "gunicorn"), "kb.wsgi:application", "--bind", f"127.0.0.1:{ours_port}",
        "--workers", "2", "--timeout", "60", "--log-level", "warning", "--preload",
    ]  # fmt: skip
    ds_cmd = [
        str(BIN / "datasette"), "serve", str(path), "--port", str(ds_port),
        "--setting", "sql_time_limit_ms", "10000", "--setting", "suggest_facets", "off",
    ]  # fmt: skip
    columns = "".join(f"&_col={c}" for c in DATASETTE_COLUMNS)
    with serve(ours_cmd, ours_env, ours_port), serve(ds_cmd, dict(os.environ), ds_port):
        session = requests.Session()
        db = path.stem
        base = f"http://127.0.0.1:{ds_port}/{db}/articles_article.json?_size=25{columns}"
        for q in queries:
            query = requests.utils.quote(q)
            ours = time_url(
                session, f"http://127.0.0.1:{ours_port}/api/v1/articles/?search={query}", n
            )
            theirs = time_url(session, f"{base}&_search={query}", n)
            nocount = time_url(session, f"{base}&_search={query}&_nocount=1", n)
            row = {"q": q, "ours": ours, "datasette": theirs, "datasette_nocount": nocount}
            if "p50" in ours and "p50" in theirs:
                row["ratio_p50"] = ours["p50"] / theirs["p50"]
                row["ratio_p95"] = ours["p95"] / theirs["p95"]
            rows.append(row)
            log(
                f"  search {q!r}: ours {ours.get('p50', ours.get('status'))} / datasette "
                f"{theirs.get('p50', theirs.get('status'))} / _nocount "
                f"{nocount.get('p50', nocount.get('status'))}"
            )
    return {
        "size": size,
        "rows": rows,
        "fair": True,
        "columns": list(DATASETTE_COLUMNS),
        "loadavg": round(os.getloadavg()[0], 1),
    }


def ingest_speed(files: int, static_root: Path) -> dict:
    name = "kb_bench_ingest"
    url = f"{PG}/{name}"
    psql(f"drop database if exists {name}")
    psql(f"create database {name}")
    env = db_env(url)
    manage(env, "migrate", "--noinput", "-v0", "--skip-checks")
    manage(env, "load_reference", "--skip-checks")
    folder = Path(tempfile.mkdtemp(prefix="kb_ingest_"))
    try:
        manage(
            env,
            "synthesize",
            "--skip-checks",
            "--articles",
            str(files),
            "--seed",
            "7",
            "--files",
            str(folder),
        )
        proc = subprocess.run(
            [PY, str(ROOT / "bench" / "ingest_speed.py"), str(folder)],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    if proc.returncode:
        return {"error": proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed"}
    return json.loads(proc.stdout.strip().splitlines()[-1])


def matcher_speed() -> dict:
    proc = subprocess.run(
        [PY, str(ROOT / "bench" / "matcher_speed.py")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=db_env(f"{PG}/kb_bench_ingest"),
    )
    if proc.returncode:
        return {"error": proc.stderr.strip().splitlines()[-1]}
    return json.loads(proc.stdout.strip().splitlines()[-1])
