"""What every benchmark step stands on: settings, logging, databases built with manage.py, servers.

Benchmark databases are PostgreSQL (``BENCH_PG``, default ``postgres://postgres@127.0.0.1:5432``)
filled by ``manage.py synthesize``; servers are gunicorn with production settings, and
Datasette for the side-by-side.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

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


def synthesized(env: dict, size: int) -> float:
    """Migrate the database of ``env``, load the reference catalog, synthesize ``size``
    articles; returns the seconds synthesizing took."""
    manage(env, "migrate", "--noinput", "-v0", "--skip-checks")
    manage(env, "load_reference", "--skip-checks")
    args = ["--skip-checks", "--articles", str(size), "--seed", str(SEED)]
    t0 = time.perf_counter()
    manage(env, "synthesize", *args, quiet=False)
    return time.perf_counter() - t0


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
    took = synthesized(db_env(url), size)
    psql("vacuum analyze", name)
    log(f"{name}: built in {took:.0f} s")
    return url, took


def build_sqlite(size: int, reuse: bool) -> Path:
    path = Path(tempfile.gettempdir()) / f"kb_bench_{label(size)}.sqlite3"
    url = f"sqlite:///{path}"
    if reuse and path.exists():
        return path
    path.unlink(missing_ok=True)
    synthesized(db_env(url), size)
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
