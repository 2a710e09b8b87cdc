"""Load profile for the gate: the main pages, search and API as anonymous visitors."""

import random

from locust import HttpUser, between, events, task

QUERIES = ["skole", "renhold", "vei", "IT-tjenester", "helse", "transport", "bygg", "konsulent"]


class Visitor(HttpUser):
    wait_time = between(0.1, 0.5)

    @task(3)
    def front(self):
        self.client.get("/")

    @task(3)
    def needs_list(self):
        self.client.get("/behov", name="/behov")

    @task(2)
    def suppliers(self):
        self.client.get("/leverandorer", name="/leverandorer")

    @task(3)
    def search(self):
        self.client.get(f"/sok?q={random.choice(QUERIES)}", name="/sok?q=")  # noqa: S311

    @task(2)
    def api_needs(self):
        self.client.get("/api/v1/needs?limit=20", name="/api/v1/needs")

    @task(1)
    def api_search(self):
        self.client.get(f"/api/v1/search?q={random.choice(QUERIES)}&type=need", name="/api/v1/search")  # noqa: S311

    @task(1)
    def health(self):
        self.client.get("/healthz")


@events.quitting.add_listener
def _check(environment, **_kw):
    total = environment.stats.total
    p95 = total.get_response_time_percentile(0.95)
    print(f"LOAD: {total.num_requests} requests, {total.num_failures} failures, "
          f"{total.total_rps:.1f} req/s, p50 {total.get_response_time_percentile(0.5):.0f} ms, p95 {p95:.0f} ms")
    if total.num_failures > 0:
        environment.process_exit_code = 1
