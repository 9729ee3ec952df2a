"""Mixed read traffic at a constant rate: each user makes one request per second.

bench/run.py passes the URLs (those that answered 200 in the latency run) in BENCH_PATHS;
50 users give 50 requests per second.
"""

import json
import os
import random

from locust import HttpUser, constant_throughput, task

PATHS = json.loads(os.environ.get("BENCH_PATHS", '["/api/v1/articles/"]'))
RATE = float(os.environ.get("BENCH_RATE_PER_USER", "1"))


class Reader(HttpUser):
    wait_time = constant_throughput(RATE)

    def on_start(self):
        self.rng = random.Random(id(self))

    @task
    def read(self):
        path = self.rng.choice(PATHS)
        name = (
            path.split("?")[0].rstrip("/").rsplit("/", 1)[0] + "/…"
            if path[-2:-1].isdigit()
            else path
        )
        self.client.get(path, name=name)
