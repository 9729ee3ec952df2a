"""Past one machine: ingest on 1, 2 and 4 workers, two app servers under load, what they share.

- ``ingest_workers``: the same synthetic files through ``manage.py ingest --queue`` with a
  Celery worker of 1, 2 and 4 processes (Redis ``BENCH_REDIS``), each into a fresh copy of
  a database holding the reference catalog; articles/s from the run's start to its last file.
- ``two_servers``: the locust mix against two gunicorn instances on two ports sharing
  PostgreSQL and Redis, first one instance alone at half the rate, then both at the rate.
- ``shared_state``: what the two instances share, shown over HTTP: a page cached by one
  is a hit on the other, anonymous throttle counts add up across them, a session made by
  logging in on one is signed in on the other.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import requests

from bench.harness import (
    BIN,
    PG,
    ROOT,
    db_env,
    free_port,
    log,
    manage,
    production_env,
    psql,
    serve,
)

REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/2")


def _flush_redis() -> None:
    subprocess.run(["redis-cli", "-u", REDIS, "flushdb"], check=True, capture_output=True)


def _worker(env: dict, concurrency: int, log_path: Path) -> subprocess.Popen:
    """A Celery worker of ``concurrency`` processes, returned once it says it is ready."""
    cmd = [
        str(BIN / "celery"), "-A", "kb.celery", "worker", "--pool=prefork",
        f"--concurrency={concurrency}", "--loglevel=INFO", "--without-gossip",
        "--without-mingle", "--without-heartbeat", f"--hostname=bench-{concurrency}@%h",
    ]  # fmt: skip
    with log_path.open("w") as out:
        proc = subprocess.Popen(
            cmd, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    deadline = time.monotonic() + 120
    while " ready." not in log_path.read_text() and time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"worker exited:\n{log_path.read_text()[-2000:]}")
        time.sleep(0.2)
    return proc


def ingest_workers(files: int, counts: tuple[int, ...] = (1, 2, 4), batch: int = 25) -> dict:
    """articles/s of a queued ingest of ``files`` synthetic files per number of workers."""
    template = "kb_bench_ingest_tpl"
    psql(f"drop database if exists {template}")
    psql(f"create database {template}")
    env = db_env(f"{PG}/{template}")
    manage(env, "migrate", "--noinput", "-v0", "--skip-checks")
    manage(env, "load_reference", "--skip-checks")
    folder = Path(tempfile.mkdtemp(prefix="kb_ingest_"))
    runs = []
    try:
        manage(env, "synthesize", "--skip-checks", "--articles", str(files), "--seed", "7",
               "--files", str(folder))  # fmt: skip
        for n in counts:
            name = f"kb_bench_ingest_w{n}"
            psql(f"drop database if exists {name}")
            psql(f"create database {name} template {template}")
            run_env = db_env(f"{PG}/{name}", REDIS_URL=REDIS, CELERY_QUEUE=f"kb-bench-{n}")
            _flush_redis()
            load_before = os.getloadavg()[0]
            worker = _worker(run_env, n, folder.parent / f"kb_bench_worker_{n}.log")
            try:
                out = manage(run_env, "ingest", "--queue", "--no-progress", "--format", "json",
                             "--batch-size", str(batch), str(folder))  # fmt: skip
            finally:
                worker.terminate()
                worker.wait(timeout=60)
            run = json.loads(out)
            seconds = float(
                psql(
                    "select extract(epoch from finished_at - started_at) from kb_ingestrun "
                    f"where id = {run['id']}",
                    name,
                )
            )
            row = {
                "workers": n,
                "files": run["files_queued"],
                "stored": run["files_done"],
                "failed": run["files_failed"],
                "seconds": round(seconds, 1),
                "rate": round(run["files_done"] / seconds, 1),
                "loadavg": [round(load_before, 1), round(os.getloadavg()[0], 1)],
            }
            runs.append(row)
            log(f"  {n} worker process(es): {row}")
            psql(f"drop database if exists {name}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    base = runs[0]["rate"] if runs else None
    for row in runs:
        row["scaling"] = round(row["rate"] / base, 2) if base else None
    return {"files": files, "batch": batch, "runs": runs}


def _server_env(url: str, static_root: Path, **extra: str) -> dict:
    env = production_env(url, static_root)
    env.update(REDIS_URL=REDIS, **extra)
    return env


def _gunicorn(env: dict, port: int, workers: int):
    cmd = [
        str(BIN / "gunicorn"), "kb.wsgi:application", "--bind", f"127.0.0.1:{port}",
        "--workers", str(workers), "--timeout", "60", "--log-level", "warning", "--preload",
    ]  # fmt: skip
    return serve(cmd, env, port)


def _locust(hosts: list[str], paths: list[str], rate: int, seconds: int) -> dict:
    out = Path(tempfile.mkdtemp(prefix="kb_locust_"))
    env = dict(
        os.environ,
        BENCH_PATHS=json.dumps(paths),
        BENCH_HOSTS=json.dumps(hosts),
        BENCH_RATE_PER_USER="1",
    )
    cmd = [
        str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless",
        "--users", str(rate), "--spawn-rate", str(rate), "--run-time", f"{seconds}s",
        "--host", hosts[0], "--csv", str(out / "load"), "--only-summary", "--stop-timeout", "10",
    ]  # fmt: skip
    load_before = os.getloadavg()[0]
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True)
    stats = out / "load_stats.csv"
    rows = list(csv.DictReader(stats.open())) if stats.exists() else []
    shutil.rmtree(out, ignore_errors=True)
    agg = next((r for r in rows if r["Name"] == "Aggregated"), None)
    if agg is None:
        return {"error": proc.stderr[-1500:]}
    per_host: dict[str, int] = {}
    for r in rows:
        if r["Name"] != "Aggregated":
            host = r["Name"].split(" ", 1)[0]
            per_host[host] = per_host.get(host, 0) + int(r["Request Count"])
    return {
        "requests": int(agg["Request Count"]),
        "failures": int(agg["Failure Count"]),
        "rps": round(float(agg["Requests/s"]), 1),
        "p50": float(agg["50%"]),
        "p95": float(agg["95%"]),
        "p99": float(agg["99%"]),
        "max": round(float(agg["Max Response Time"])),
        "rate": rate,
        "seconds": seconds,
        "per_host": per_host,
        "loadavg": [round(load_before, 1), round(os.getloadavg()[0], 1)],
    }


def two_servers(url: str, paths: list[str], static_root: Path, rate: int, seconds: int) -> dict:
    """One instance at rate/2, then two instances (ports A and B) at ``rate`` together."""
    env = _server_env(url, static_root, API_THROTTLE_ANON="1000000/minute")
    ports = [free_port(), free_port()]
    hosts = [f"http://127.0.0.1:{p}" for p in ports]
    result = {"workers_per_instance": 2, "paths": len(paths)}
    with ExitStack() as stack:
        for port in ports:
            stack.enter_context(_gunicorn(env, port, workers=2))
        _flush_redis()
        log(f"  one instance at {rate // 2} req/s for {seconds} s")
        result["one"] = _locust(hosts[:1], paths, rate // 2, seconds)
        log(f"  {result['one']}")
        _flush_redis()
        log(f"  two instances at {rate} req/s for {seconds} s")
        result["two"] = _locust(hosts, paths, rate, seconds)
        log(f"  {result['two']}")
    return result


def _csrf(response: requests.Response) -> str:
    match = re.search(r"csrftoken=([^;]+)", response.headers.get("Set-Cookie", ""))
    return match.group(1) if match else ""


def shared_state(url: str, static_root: Path, page: str, api: str) -> dict:
    """Cache, throttles and sessions seen across two instances (a low throttle for the test)."""
    env = _server_env(url, static_root, API_THROTTLE_ANON="10/minute")
    manage(
        db_env(url),
        "shell",
        "-c",
        "from django.contrib.auth.models import User\n"
        "u, _ = User.objects.get_or_create(username='bench-scale', "
        "defaults={'is_staff': True, 'is_superuser': True})\n"
        "u.set_password('bench-scale-password'); u.save()",
    )
    a, b = free_port(), free_port()
    out: dict = {}
    with _gunicorn(env, a, workers=1), _gunicorn(env, b, workers=1):
        _flush_redis()
        # One public host name, as behind a load balancer (answers are cached per host).
        host = {"Host": "localhost"}
        first = requests.get(f"http://127.0.0.1:{a}{page}", headers=host, timeout=60)
        second = requests.get(f"http://127.0.0.1:{b}{page}", headers=host, timeout=60)
        out["cache"] = {
            "page": page,
            "A": first.headers.get("X-KB-Cache"),
            "B": second.headers.get("X-KB-Cache"),
        }
        statuses = []
        for i in range(12):  # alternate the instances: 10/minute in all, not each
            port = a if i % 2 == 0 else b
            statuses.append(requests.get(f"http://127.0.0.1:{port}{api}", timeout=60).status_code)
        out["throttle"] = {"limit": "10/minute", "statuses": statuses}
        login = requests.get(f"http://127.0.0.1:{a}/admin/login/", timeout=60)
        token = _csrf(login)
        posted = requests.post(
            f"http://127.0.0.1:{a}/admin/login/?next=/admin/",
            data={
                "username": "bench-scale",
                "password": "bench-scale-password",
                "csrfmiddlewaretoken": token,
                "next": "/admin/",
            },
            headers={"Cookie": f"csrftoken={token}", "Origin": f"http://127.0.0.1:{a}"},
            allow_redirects=False,
            timeout=60,
        )
        session = re.search(r"sessionid=([^;]+)", posted.headers.get("Set-Cookie", ""))
        seen = requests.get(
            f"http://127.0.0.1:{b}/admin/",
            headers={"Cookie": f"sessionid={session.group(1)}"} if session else {},
            allow_redirects=False,
            timeout=60,
        )
        out["session"] = {
            "login_on_A": posted.status_code,
            "admin_on_B": seen.status_code,
            "signed_in_on_B": "bench-scale" in seen.text,
        }
    return out
