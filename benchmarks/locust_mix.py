"""The mix of real work that ``bench_cluster.py`` drives with Locust (against one node, then two behind
HAProxy), on the demo data of ``styring.cluster``:

- UNN's reporter: start page, the report page of the 1. tertial draft, autosave of an entry (over the
  API, with the version read; a 409 after someone else's save is answered by reading again, as the
  page does), the report's DOCX, search;
- Helse Nord's owner staff: start page, the follow-up matrix, the scorecard, search.

Run by hand: ``locust -f benchmarks/locust_mix.py --headless -u 16 -r 8 -t 30s --host http://127.0.0.1:8080``.
"""
from __future__ import annotations

import itertools
import json
import random

from locust import HttpUser, between, task

PASSWORD = "styring-demo"
_counter = itertools.count()


class Person(HttpUser):
    abstract = True
    wait_time = between(0.5, 1.5)
    username = ""

    def on_start(self) -> None:
        self.client.get("/logg-inn/", name="innlogging")
        token = self.client.cookies.get("csrftoken", "")
        self.client.post("/logg-inn/", {"username": self.username, "password": PASSWORD,
                                        "csrfmiddlewaretoken": token}, name="innlogging")

    def api(self, method: str, path: str, payload: dict | None = None, **kwargs):
        headers = {"X-CSRFToken": self.client.cookies.get("csrftoken", ""), "Accept": "application/json"}
        if payload is not None:
            headers["Content-Type"] = "application/json"
        return self.client.request(method, path, data=json.dumps(payload) if payload is not None else None,
                                   headers=headers, **kwargs)


class Reporter(Person):
    weight = 3
    username = "unn-rapportor"

    def on_start(self) -> None:
        super().on_start()
        reports = self.api("GET", "/api/reports/?organisation=UNN", name="/api/reports/").json()["results"]
        draft = next(r for r in reports if r["status"] == "draft")
        self.report = draft["id"]
        entries = self.api("GET", f"/api/entries/?report={self.report}", name="/api/entries/").json()["results"]
        entry = entries[next(_counter) % len(entries)]
        self.entry, self.version = entry["id"], entry["version"]

    @task(3)
    def start_page(self) -> None:
        self.client.get("/", name="startside")

    @task(3)
    def report_page(self) -> None:
        self.client.get(f"/rapportering/{self.report}/", name="rapportside")

    @task(4)
    def autosave(self) -> None:
        with self.api("PATCH", f"/api/entries/{self.entry}/",
                      {"version": self.version, "text": f"Autolagret {random.randint(1, 10**9)}"},
                      name="autolagring", catch_response=True) as response:
            if response.status_code == 200:
                self.version = response.json()["version"]
                response.success()
            elif response.status_code == 409:  # someone saved the same entry: read again, as the page does
                self.version = response.json()["current"]["version"]
                response.success()
            else:
                response.failure(f"{response.status_code}")

    @task(1)
    def download(self) -> None:
        self.client.get(f"/eksport/rapport/{self.report}.docx", name="nedlasting (docx)")

    @task(1)
    def search(self) -> None:
        self.client.get("/sok/?q=ventetid", name="søk")


class Owner(Person):
    weight = 1
    username = "hn-eier"

    @task(2)
    def start_page(self) -> None:
        self.client.get("/", name="startside")

    @task(2)
    def matrix(self) -> None:
        self.client.get("/oppfolging/", name="matrise")

    @task(2)
    def scorecard(self) -> None:
        self.client.get("/indikatorer/", name="målekort")

    @task(1)
    def search(self) -> None:
        self.client.get("/sok/?q=ventetid", name="søk")
