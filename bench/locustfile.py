"""Mixed read traffic at a constant rate: each user makes one request per second.

bench/run.py passes the URLs (those that answered 200 in the latency run) in BENCH_PATHS;
50 users give 50 requests per second. With BENCH_HOSTS (a JSON list of base URLs), users
are spread over those servers in turn, and each request's name starts with its server's
letter (A, B, …) so the statistics say how many each one answered; every request names
the first server as its ``Host``, one public name for all of them.
"""

import itertools
import json
import os
import random

from locust import HttpUser, constant_throughput, task

PATHS = json.loads(os.environ.get("BENCH_PATHS", '["/api/v1/articles/"]'))
HOSTS = json.loads(os.environ.get("BENCH_HOSTS", "[]"))
RATE = float(os.environ.get("BENCH_RATE_PER_USER", "1"))
_turn = itertools.count()


class Reader(HttpUser):
    wait_time = constant_throughput(RATE)

    def on_start(self):
        self.rng = random.Random(id(self))
        self.letter = ""
        if HOSTS:
            i = next(_turn) % len(HOSTS)
            self.client.base_url = HOSTS[i]
            self.letter = "ABCDEFGH"[i] + " "
            # One public name for every server (the first one's), as behind a load
            # balancer: the shared cache keys answers by host, so this is what lets one
            # server's cached page serve the other's reader (and redirects stay on it).
            self.client.headers["Host"] = HOSTS[0].split("://", 1)[1]

    @task
    def read(self):
        path = self.rng.choice(PATHS)
        name = (
            path.split("?")[0].rstrip("/").rsplit("/", 1)[0] + "/…"
            if path[-2:-1].isdigit()
            else path
        )
        self.client.get(path, name=self.letter + name)
