"""The benchmark report: bench/RESULTS.md (tables and verdicts) and bench/RESULTS.json."""

from __future__ import annotations

import json
import os
import platform
from pathlib import Path

from bench.harness import label, psql

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


def scale_lines(results: dict) -> list[str]:
    """The queue and two-server sections (bench/scale.py)."""
    lines: list[str] = []
    if w := results.get("ingest_workers"):
        lines += [
            f"## Ingest on the queue ({w['files']} synthetic files, batches of {w['batch']})",
            "",
            "`manage.py ingest --queue` with one Celery worker of N processes (Redis broker, "
            "PostgreSQL), each run into a fresh copy of a database holding only the catalog; "
            "articles/s from the run's start to its last file (reading and queueing included). "
            "Targets: ≥ 200 articles/s with 2 workers and ≥ 1.7× the 1-worker rate.",
            "",
            "| worker processes | stored | failed | seconds | articles/s | scaling | load avg before / after |",
            "|---|---|---|---|---|---|---|",
        ]
        for r in w["runs"]:
            lines.append(
                f"| {r['workers']} | {r['stored']} | {r['failed']} | {r['seconds']} | "
                f"**{r['rate']}** | {r['scaling']}× | {r['loadavg'][0]} / {r['loadavg'][1]} |"
            )
        lines.append("")
    if t := results.get("two_servers"):
        lines += [
            f"## Two app servers ({label(results['scale_size'])} articles)",
            "",
            "Two gunicorn instances (2 workers each, production settings) on two ports, sharing "
            "PostgreSQL and Redis (cache, throttles, sessions); locust at constant throughput "
            f"over {t['paths']} API/page/search URLs, users spread over the instances in turn. "
            "Targets: 0 errors, p99 ≤ 150 ms at 150 req/s.",
            "",
            "| run | req/s asked | req/s served | requests (per instance) | errors | p50 / p95 / p99 / max ms | load avg before / after |",
            "|---|---|---|---|---|---|---|",
        ]
        for key, name in (("one", "one instance"), ("two", "two instances")):
            r = t.get(key, {})
            if "error" in r or not r:
                lines.append(f"| {name} | — | not completed | | | | |")
                continue
            hosts = ", ".join(f"{h} {n}" for h, n in sorted(r["per_host"].items()))
            lines.append(
                f"| {name} | {r['rate']} | {r['rps']} | {r['requests']} ({hosts}) | "
                f"{r['failures']} | {r['p50']:.0f} / {r['p95']:.0f} / {r['p99']:.0f} / "
                f"{r['max']} | {r['loadavg'][0]} / {r['loadavg'][1]} |"
            )
        lines.append("")
    if sh := results.get("shared"):
        c, th, se = sh["cache"], sh["throttle"], sh["session"]
        lines += [
            "What the two instances share, over HTTP (instances A and B, anonymous throttle "
            f"set to {th['limit']} for this check):",
            "",
            f"- cache: `{c['page']}` on A → `X-KB-Cache: {c['A']}`, then on B → `{c['B']}`;",
            f"- throttles: 12 anonymous API requests alternating A, B → {th['statuses']};",
            f"- sessions: logged in on A (HTTP {se['login_on_A']}), `/admin/` on B → HTTP "
            f"{se['admin_on_B']}, signed in: {se['signed_in_on_B']}.",
            "",
        ]
    return lines


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
            "Same SQLite file; ours: `/api/v1/articles/?search=q` under gunicorn (2 workers, "
            "response cache off, so every request searches); Datasette: "
            "`articles_article.json?_search=q&_size=25` with `--setting suggest_facets off`, "
            "asking for the table columns our list returns (`_col=`: "
            + ", ".join(d.get("columns", []))
            + "; ours also counts each article's actors and claims), over an FTS5 index "
            "(sqlite-utils). Both count the matches; Datasette also without (`_nocount=1`). "
            f"Load average (1 min) at the end: {d.get('loadavg', '—')}. "
            "Target: ratio p50 ≤ 1.0 (counted).",
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
    lines += scale_lines(results)
    text = "\n".join(lines) + "\n"
    path.write_text(text, encoding="utf-8")
    (path.with_suffix(".json")).write_text(
        json.dumps(results, indent=1, default=str), encoding="utf-8"
    )
    return text
