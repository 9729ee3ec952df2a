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
import contextlib
import csv
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PY = sys.executable
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
SEED = 1
WORKERS = 4
# Warm-up requests per URL: one per worker, since sync workers do not keep connections alive.
WARMUP = WORKERS


def free_port() -> int:
    """A port nothing listens on (other helpers' dev servers use the usual ones)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


PORT = free_port()


def log(msg: str) -> None:
    print(f"[{datetime.now():%H:%M:%S}] {msg}", flush=True)


def label(size: int) -> str:
    return f"{size // 1000}k" if size % 1000 == 0 else str(size)


# --- databases ------------------------------------------------------------------------------


def psql(sql: str, db: str = "postgres") -> str:
    out = subprocess.run(
        ["psql", f"{PG}/{db}", "-XAtqc", sql], check=True, capture_output=True, text=True
    )
    return out.stdout.strip()


def manage(env: dict, *args: str, quiet: bool = True) -> str:
    cmd = [PY, str(ROOT / "manage.py"), *args]
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    if out.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{out.stderr[-3000:]}")
    if not quiet:
        log(out.stdout.strip().splitlines()[-1] if out.stdout.strip() else "")
    return out.stdout


def db_env(url: str, **extra: str) -> dict:
    env = dict(os.environ, DATABASE_URL=url, PYTHONPATH=str(ROOT), **extra)
    env.pop("DJANGO_ENV", None)
    return env


def build_pg(size: int, reuse: bool) -> tuple[str, float | None]:
    """The benchmark database for this size; (url, seconds spent synthesizing or None)."""
    name = f"kb_bench_{label(size)}"
    url = f"{PG}/{name}"
    exists = psql(f"select 1 from pg_database where datname = '{name}'") == "1"
    if reuse and exists:
        try:
            have = int(psql("select count(*) from articles_article", name))
        except subprocess.CalledProcessError:
            have = -1
        if have == size:
            manage(db_env(url), "migrate", "--noinput", "-v0", "--skip-checks")
            # A migration may have rewritten a table (stored search vectors): vacuum too, or
            # index-only scans go back to the heap for every row.
            psql("vacuum analyze", name)
            log(f"{name}: reusing ({have} articles)")
            return url, None
    psql(f"drop database if exists {name}")
    psql(f"create database {name}")
    env = db_env(url)
    manage(env, "migrate", "--noinput", "-v0", "--skip-checks")
    manage(env, "load_reference", "--skip-checks")
    t0 = time.perf_counter()
    manage(
        env,
        "synthesize",
        "--skip-checks",
        "--articles",
        str(size),
        "--seed",
        str(SEED),
        quiet=False,
    )
    took = time.perf_counter() - t0
    psql("vacuum analyze", name)
    log(f"{name}: built in {took:.0f} s")
    return url, took


def build_sqlite(size: int, reuse: bool) -> Path:
    path = Path(tempfile.gettempdir()) / f"kb_bench_{label(size)}.sqlite3"
    url = f"sqlite:///{path}"
    if reuse and path.exists():
        return path
    path.unlink(missing_ok=True)
    env = db_env(url)
    manage(env, "migrate", "--noinput", "-v0", "--skip-checks")
    manage(env, "load_reference", "--skip-checks")
    manage(
        env,
        "synthesize",
        "--skip-checks",
        "--articles",
        str(size),
        "--seed",
        str(SEED),
        quiet=False,
    )
    import sqlite_utils

    db = sqlite_utils.Database(path)
    db["articles_article"].enable_fts(
        ["title", "body"], fts_version="FTS5", create_triggers=True, replace=True
    )
    db.conn.execute("analyze")
    db.conn.commit()
    return path


# --- servers --------------------------------------------------------------------------------


def wait_port(port: int, timeout: float = 60) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
            return
        time.sleep(0.3)
    raise RuntimeError(f"nothing listening on port {port}")


@contextlib.contextmanager
def serve(cmd: list[str], env: dict, port: int):
    with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        raise RuntimeError(f"port {port} is already taken")
    proc = subprocess.Popen(
        cmd,
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        wait_port(port)
        yield proc
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def production_env(url: str, static_root: Path) -> dict:
    return db_env(
        url,
        DJANGO_ENV="production",
        SECRET_KEY="benchmark-only-secret-key-not-for-production-use-0123456789",
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=str(static_root),
        CONN_MAX_AGE="600",
    )


def gunicorn(url: str, static_root: Path, port: int = PORT, workers: int = WORKERS):
    cmd = [
        str(BIN / "gunicorn"), "kb.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--timeout", "60", "--log-level", "warning", "--preload",
    ]  # fmt: skip
    return serve(cmd, production_env(url, static_root), port)


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


def datasette_compare(size: int, reuse: bool, n: int, static_root: Path) -> dict:
    """The same full-text search through our API and through Datasette's FTS5 JSON API."""
    path = build_sqlite(size, reuse)
    url = f"sqlite:///{path}"
    queries = ["sanctions", "drone", "ballistic missiles", "Kirkuk"]
    ours_port, ds_port = free_port(), free_port()
    rows = []
    with gunicorn(url, static_root, port=ours_port, workers=2):
        ds_cmd = [
            str(BIN / "datasette"),
            "serve",
            str(path),
            "--port",
            str(ds_port),
            "--setting",
            "sql_time_limit_ms",
            "10000",
        ]
        with serve(ds_cmd, dict(os.environ), ds_port):
            session = requests.Session()
            db = path.stem
            for q in queries:
                ours = time_url(
                    session, f"http://127.0.0.1:{ours_port}/api/v1/articles/?search={q}", n
                )
                theirs = time_url(
                    session,
                    f"http://127.0.0.1:{ds_port}/{db}/articles_article.json?_search={q}&_size=25&_col=title",
                    n,
                )
                # Datasette counts every match by default; without the count for reference.
                nocount = time_url(
                    session,
                    f"http://127.0.0.1:{ds_port}/{db}/articles_article.json?_search={q}&_size=25&_col=title&_nocount=1",
                    n,
                )
                row = {"q": q, "ours": ours, "datasette": theirs, "datasette_nocount": nocount}
                if "p50" in ours and "p50" in theirs:
                    row["ratio_p50"] = ours["p50"] / theirs["p50"]
                    row["ratio_p95"] = ours["p95"] / theirs["p95"]
                rows.append(row)
                log(
                    f"  search {q!r}: ours {ours.get('p50', ours.get('status'))} / datasette {theirs.get('p50', theirs.get('status'))}"
                )
    return {"size": size, "rows": rows}


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


# --- report ---------------------------------------------------------------------------------


def machine() -> dict:
    mem = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "0",
    )
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    return {
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "memory_gb": round(int(mem) / 1024 / 1024, 1),
        "python": platform.python_version(),
        "postgres": psql("show server_version"),
        "kernel": platform.release(),
    }


def fmt_ms(row: dict, key: str) -> str:
    return f"{row[key]:.1f}" if key in row else "—"


def verdict(row: dict, base: dict | None) -> str:
    if "p95" not in row:
        return f"not measured ({row.get('status')}; probe: {row.get('probe_status')})"
    ok = row["p95"] <= row["target_ms"]
    notes = ["ok" if ok else f"MISS (> {row['target_ms']} ms)"]
    if base and "p95" in base and row["p95"] > 2 * max(base["p95"], 1.0):
        notes.append(f"grows {row['p95'] / base['p95']:.1f}× vs smallest")
    if row.get("seq_scans"):
        notes.append("seq scan: " + ", ".join(row["seq_scans"]))
    return ", ".join(notes)


def write_report(results: dict, path: Path) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Run {results['date']} on {results['machine']['cpus']} CPU(s) ({results['machine']['cpu']}), "
        f"{results['machine']['memory_gb']} GB RAM, PostgreSQL {results['machine']['postgres']}, "
        f"Python {results['machine']['python']}, kernel {results['machine']['kernel']}.",
        "",
        f"Command: `{results['command']}`",
        "",
        "Latency is measured over HTTP from the benchmark process against gunicorn (4 sync workers, "
        "DJANGO_ENV=production, PostgreSQL on loopback), sequential requests after 4 warm-up requests (one per worker) "
        "per URL; queries per request are counted in-process with the test client "
        "(bench/probe.py). Targets: API lists/details p95 ≤ 50 ms, search ≤ 100 ms, pages and admin "
        "≤ 150 ms, and p95 at the largest size ≤ 2× p95 at the smallest.",
        "",
    ]
    sizes = results["sizes"]
    if sizes:
        lines += [
            "## Corpora",
            "",
            "| size | articles | mentions | claims | events | actors | build (s) | load avg (1 min) |",
            "|---|---|---|---|---|---|---|---|",
        ]
        for s in sizes:
            c = s["counts"]
            built = f"{s['built_s']:.0f}" if s.get("built_s") else "reused"
            lines.append(
                f"| {label(s['size'])} | {c['articles']} | {c['mentions']} | {c['claims']} | {c['events']} | {c['actors']} | {built} | {s.get('loadavg', '?')} |"
            )
        lines.append("")
        base = {t["name"]: t for t in sizes[0]["targets"]}
        for group, title in (
            ("api", "API"),
            ("search", "Search"),
            ("page", "Pages"),
            ("admin", "Admin changelists"),
        ):
            lines += [f"## {title}", ""]
            head = (
                "| target | "
                + " | ".join(f"{label(s['size'])} p50 / p95 ms | q" for s in sizes)
                + " | verdict (largest) |"
            )
            lines += [head, "|---|" + "---|---|" * len(sizes) + "---|"]
            names = [t["name"] for t in sizes[0]["targets"] if t["group"] == group]
            for name in names:
                cells = []
                last = None
                for s in sizes:
                    row = next((t for t in s["targets"] if t["name"] == name), {})
                    last = row
                    if "p95" in row:
                        cells.append(f"{row['p50']:.1f} / {row['p95']:.1f} | {row.get('queries')}")
                    else:
                        cells.append(f"{row.get('status', '—')} | {row.get('queries')}")
                lines.append(
                    f"| {name} | "
                    + " | ".join(cells)
                    + f" | {verdict(last, base.get(name) if len(sizes) > 1 else None)} |"
                )
            lines.append("")
    if results.get("datasette"):
        d = results["datasette"]
        lines += [
            f"## Search vs Datasette (SQLite, {label(d['size'])} articles)",
            "",
            "Same SQLite file; ours: `/api/v1/articles/?search=q` under gunicorn (2 workers); "
            "Datasette: `articles_article.json?_search=q` over an FTS5 index (sqlite-utils). "
            "Target: ratio ≤ 1.5.",
            "",
            "| query | ours p50 / p95 ms | Datasette p50 / p95 ms | ratio p50 | ratio p95 | Datasette `_nocount=1` p50 / p95 ms |",
            "|---|---|---|---|---|---|",
        ]
        for r in d["rows"]:
            o, t = r["ours"], r["datasette"]
            ours = f"{o['p50']:.1f} / {o['p95']:.1f}" if "p50" in o else str(o.get("status"))
            theirs = f"{t['p50']:.1f} / {t['p95']:.1f}" if "p50" in t else str(t.get("status"))
            nc = r.get("datasette_nocount", {})
            nocount = (
                f"{nc['p50']:.1f} / {nc['p95']:.1f}" if "p50" in nc else str(nc.get("status", "—"))
            )
            lines.append(
                f"| {r['q']} | {ours} | {theirs} | {r.get('ratio_p50', 0):.2f} | {r.get('ratio_p95', 0):.2f} | {nocount} |"
            )
        lines.append("")
    if results.get("ingest"):
        i = results["ingest"]
        lines += ["## Ingest and matcher", ""]
        if "error" in i:
            lines.append(f"- ingest: not measured ({i['error']})")
        else:
            lines.append(
                f"- ingest: {i['files']} synthetic files ({i['mb']:.1f} MB), {i['ok']} stored, single process, "
                f"PostgreSQL: **{i['articles_per_s']:.0f} articles/s** (target ≥ 200)"
                + (
                    f"; reading and extraction alone, nothing stored: {i['extract_only_per_s']:.0f} articles/s"
                    if i.get("extract_only_per_s")
                    else ""
                )
            )
    if results.get("matcher"):
        m = results["matcher"]
        if "error" in m:
            lines.append(f"- matcher: not measured ({m['error']})")
        for row in m.get("rows", []):
            lines.append(
                f"- matcher, {row['aliases']} aliases ({row['folded']} folded keys): **{row['mb_s']:.1f} MB/s** "
                f"over {row['mb']:.1f} MB of synthetic articles, fold included (target ≥ 20 MB/s at 20k)"
            )
        lines.append("")
    if results.get("load"):
        L = results["load"]
        lines += [f"## Load test ({label(results['load_size'])} articles)", ""]
        if "error" in L:
            lines.append(f"not completed: {L['error']}")
        else:
            lines.append(
                f"locust, {L['rate']} users × 1 req/s (constant throughput) for {L['seconds']} s from a second "
                f"process on loopback, mixed over {L['paths']} API/page/search URLs, gunicorn 4 workers: "
                f"{L['requests']} requests, **{L['failures']} errors**, {L['rps']:.1f} req/s, "
                f"p50 {L['p50']:.0f} ms, p95 {L['p95']:.0f} ms, **p99 {L['p99']:.0f} ms**, max {L['max']:.0f} ms."
            )
            if L.get("excluded"):
                lines.append(
                    f"\nLeft out of the mix because one request alone took p95 > {L['max_ms']:.0f} ms: "
                    + ", ".join(L["excluded"])
                    + "."
                )
        lines.append("")
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    (path.with_suffix(".json")).write_text(
        json.dumps(results, indent=1, default=str), encoding="utf-8"
    )
    return text


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
    shutil.rmtree(static_root, ignore_errors=True)
    print(write_report(results, args.output))


if __name__ == "__main__":
    main()
