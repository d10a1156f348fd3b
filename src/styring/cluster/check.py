"""``make cluster-check``: the steering cycle through the balancer, with requests alternating between
the web nodes, then the loss of a node in the middle of a load run.

Starts the cluster (``python -m styring.cluster run``) when none answers, and stops it afterwards.
Every step prints what it saw; any failure makes the exit code 1.

1. upload and import a document (Helse Nord's styringskrav, the project's sample), review and confirm it;
2. the periods; UNN's reporter opens the report, exports the Excel template, fills it in and imports it
   again, sets every status and sends the report;
3. Helse Nord starts a consolidated report job; the file is downloaded from each node;
4. the login lockout holds across nodes (the 6th login is refused whichever node answers), and so does
   the API throttle on ``POST /api/token/``;
5. node loss: signed-in reporters autosave over the API while one node is killed (its whole process
   group, as a lost machine); the balancer takes it out, every acknowledged save is in the database,
   and every session is still signed in.
"""
from __future__ import annotations

import io
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from styring.cluster.client import Answer, Browser, options
from styring.cluster.launcher import PROJECT, ROOT, STATE, get

PASSWORD = "styring-demo"  # noqa: S105 - the demo users' published password (styring.accounts.demo)
YEAR = 2031  # a year of its own, so the document is new (not a version of the demo's)
SAMPLE = PROJECT / "src" / "styring" / "documents" / "sample" / "styringskrav_2026_helse_nord.txt"
EXCEL_TEXT = "Fylt ut i Excel-malen og lest inn gjennom klyngen."


class StepFailed(Exception):
    pass


@dataclass
class Run:
    base: str
    state: dict
    failures: list[str] = field(default_factory=list)
    nodes: Counter[str] = field(default_factory=Counter)
    facts: dict = field(default_factory=dict)

    def ok(self, condition: bool, message: str) -> None:
        print(f"  {'ok  ' if condition else 'FEIL'} {message}", flush=True)
        if not condition:
            self.failures.append(message)

    def need(self, answer: Answer, status: int, what: str) -> Answer:
        if answer.status != status:
            raise StepFailed(f"{what}: svar {answer.status} fra {answer.node or '?'} ({answer.url}): {answer.text[:300]}")
        return answer

    def browser(self) -> Browser:
        b = Browser(self.base)
        b.nodes = self.nodes  # one tally for the whole run
        return b

    @property
    def web(self) -> list[str]:
        return sorted(self.state["nodes"])


def aim(browser: Browser, node: str, tries: int = 6) -> None:
    """Make the next request of this (single-threaded) run go to ``node``: the balancer takes the
    nodes in turn, so ask /helse/ until another node has answered the last one."""
    for _ in range(tries):
        if browser.get("/helse/").node != node:
            return


def step(run: Run, title: str, body: Callable[[Run], object]) -> None:
    print(f"\n== {title}", flush=True)
    started = time.perf_counter()
    try:
        body(run)
    except StepFailed as exc:
        run.ok(False, str(exc))
    except Exception as exc:  # a broken step is a failure of the check, never a crash of it
        run.ok(False, f"{title}: {exc!r}")
    print(f"  ({time.perf_counter() - started:.1f} s)", flush=True)


# --- the steps ------------------------------------------------------------------------------------

def balancer(run: Run) -> None:
    b = run.browser()
    seen = {b.get("/helse/").node for _ in range(4)}
    run.ok(seen == set(run.web), f"balanseren sender videre til begge nodene ({', '.join(sorted(seen))})")


def document(run: Run) -> None:
    owner = run.browser()
    answer = owner.login("hn-eier", PASSWORD)
    run.ok(answer.status == 200 and "/logg-inn/" not in answer.url, f"hn-eier er logget inn ({answer.node})")
    run.facts["owner"] = owner
    nodes = set()
    for node in run.web:
        aim(owner, node)
        answer = owner.get("/")
        nodes.add(answer.node if answer.status == 200 and "/logg-inn/" not in answer.url else "")
    run.ok(nodes == set(run.web), f"økten gjelder på begge nodene ({', '.join(sorted(nodes))})")

    page = run.need(owner.get("/dokumenter/last-opp/"), 200, "opplastingssiden").text
    issuer = next((v for v, label in options(page, "issuer") if "Helse Nord" in label), None)
    if issuer is None:
        raise StepFailed("Helse Nord RHF er ikke blant utstederne på opplastingssiden")
    path = Path(os.environ.get("STYRING_CLUSTER_DOCUMENT", SAMPLE))
    aim(owner, run.web[0])
    answer = owner.post_form("/dokumenter/last-opp/", {"issuer": issuer, "year": str(YEAR), "kind": "",
                                                       "title": f"Klyngetest {YEAR}"},
                             files={"file": (path.name, path.read_bytes())})
    found = re.search(r"/dokumenter/(\d+)/gjennomgang/", answer.url)
    if answer.status != 200 or not found:
        raise StepFailed(f"opplastingen: {answer.status} {answer.url} {answer.text[:300]}")
    pk = int(found.group(1))
    run.ok(True, f"{path.name} ({path.stat().st_size} byte) er lastet opp og importert som dokument {pk} "
                 f"(svar fra {answer.node})")

    aim(owner, run.web[1])
    review = run.need(owner.get(f"/dokumenter/{pk}/gjennomgang/"), 200, "gjennomgangen")
    run.ok(True, f"gjennomgangen vises av {review.node}")
    answer = owner.post_form(f"/dokumenter/{pk}/bekreft/", {})
    # the page's two forms (leave them / confirm them too) each name the items shown
    shown = list(dict.fromkeys(re.findall(r'name="vist" value="(\d+)"', answer.text)))
    if answer.url.endswith("/bekreft/") and shown:  # the extractor was unsure of some: confirm them as well
        print(f"  ..   {len(shown)} usikre krav vises før bekreftelsen; de bekreftes også ({answer.node})")
        answer = owner.post_form(f"/dokumenter/{pk}/bekreft/", {"usikre": "ta-med", "vist": shown})
    run.need(answer, 200, "bekreftelsen")
    status = run.need(owner.api("GET", f"/api/documents/{pk}/"), 200, "dokumentet").json().get("status")
    items = run.need(owner.api("GET", f"/api/items/?document={pk}"), 200, "kravene").json()
    count = items.get("count", len(items.get("results", [])))
    run.ok(status == "confirmed" and answer.url.endswith(f"/dokumenter/{pk}/"),
           f"dokumentet er bekreftet ({status}): {count} krav ({answer.node})")
    run.facts["document"] = pk


def report(run: Run) -> None:
    owner: Browser = run.facts["owner"]
    periods = {}
    for kind in ("annual", "tertial1"):
        answer = run.need(owner.api("POST", "/api/periods/", {"issuer": "HN", "year": YEAR, "kind": kind}), 201,
                          f"perioden {kind}")
        periods[kind] = answer.json()["id"]
    run.facts["periods"] = periods
    run.ok(True, f"periodene for {YEAR} er laget ({periods})")

    reporter = run.browser()
    run.need(reporter.login("unn-rapportor", PASSWORD), 200, "innloggingen til unn-rapportor")
    made = run.need(reporter.api("POST", "/api/reports/", {"period": periods["annual"]}), 201, "rapporten").json()
    pk, entries = made["id"], made["entries"]
    if not entries:
        raise StepFailed(f"UNN sin rapport {pk} har ingen punkter (er dokumentet bekreftet?)")
    run.ok(True, f"UNN sin rapport {pk} er åpnet med {len(entries)} punkter")

    import openpyxl

    aim(reporter, run.web[0])
    template = run.need(reporter.get(f"/eksport/rapport/{pk}/mal.xlsx"), 200, "rapporteringsmalen")
    book = openpyxl.load_workbook(io.BytesIO(template.body))
    sheet = book.worksheets[0]
    header = text_col = None  # the header row names the columns ("Rapport" is the report's text)
    for r in range(1, 11):
        labels = {str(c.value).strip().lower(): c.column for c in sheet[r] if c.value is not None}
        if "rapport" in labels:
            header, text_col = r, labels["rapport"]
            break
    if header is None or text_col is None:
        raise StepFailed("fant ikke kolonnen «Rapport» i malen")
    rows = 0
    for r in range(header + 1, sheet.max_row + 1):
        if sheet.cell(r, 1).value not in (None, ""):
            sheet.cell(r, text_col).value = EXCEL_TEXT
            rows += 1
    filled = io.BytesIO()
    book.save(filled)
    aim(reporter, run.web[1])
    answer = reporter.post_form(f"/eksport/rapport/{pk}/last-opp/", {},
                                files={"fil": ("mal.xlsx", filled.getvalue())})
    run.need(answer, 200, "innlesingen av malen")
    run.ok("er lest inn" in answer.text, f"malen ({len(template.body)} byte, fra {template.node}) er fylt ut "
                                         f"({rows} rader) og lest inn igjen ({answer.node})")
    current = run.need(reporter.api("GET", f"/api/entries/?report={pk}"), 200, "punktene").json()["results"]
    run.ok(bool(current) and all(e["text"] == EXCEL_TEXT for e in current),
           f"teksten fra Excel står på alle {len(current)} punktene")

    for entry in current:
        body = {"version": entry["version"], "status": "achieved"}
        answer = reporter.api("PATCH", f"/api/entries/{entry['id']}/", body)
        if answer.status == 400:  # a status that contradicts the indicator's colour needs a reason
            answer = reporter.api("PATCH", f"/api/entries/{entry['id']}/",
                                  {**body, "contradiction_reason": "Tallene for perioden er ikke kommet ennå."})
        run.need(answer, 200, f"punkt {entry['id']}")
    sent = run.need(reporter.api("POST", f"/api/reports/{pk}/submit/"), 200, "innsendingen").json()
    run.ok(sent["status"] == "submitted", f"rapporten er fylt ut og sendt ({sent['status']}, {sent and len(current)} "
                                          f"punkter)")
    run.facts["report"] = pk


def consolidated(run: Run) -> None:
    owner: Browser = run.facts["owner"]
    period = run.facts["periods"]["annual"]
    answer = owner.post_form(f"/eksport/samlet/HN/{period}/lag/", {"format": "docx", "malform": ""})
    found = re.search(r"/jobber/(\d+)/", answer.url)
    if answer.status != 200 or not found:
        raise StepFailed(f"jobben startet ikke: {answer.status} {answer.url}")
    job = int(found.group(1))
    run.ok(True, f"jobb {job} (samlet rapport) er startet ({answer.node})")
    deadline = time.monotonic() + float(os.environ.get("STYRING_CLUSTER_JOB_SECONDS", "180"))
    started = time.monotonic()
    while time.monotonic() < deadline:
        if owner.get(f"/jobber/{job}/fil/").status == 200:
            break
        time.sleep(1)
    else:
        raise StepFailed(f"jobb {job} ble ikke ferdig ({owner.get(f'/jobber/{job}/status/').text[:300]})")
    files = {}
    for node in run.web:
        aim(owner, node)
        answer = owner.get(f"/jobber/{job}/fil/")
        files[answer.node] = (answer.status, len(answer.body), answer.body[:2])
    run.ok(set(files) == set(run.web) and all(s == 200 and n > 0 and head == b"PK" for s, n, head in files.values())
           and len({n for _, n, _ in files.values()}) == 1,
           f"filen er klar etter {time.monotonic() - started:.0f} s og lastes ned fra begge nodene: "
           + ", ".join(f"{n}: {s}, {size} byte" for n, (s, size, _) in sorted(files.items())))


def lockout(run: Run) -> None:
    limit = 5  # STYRING_LOGIN_FAILURES' default
    b = run.browser()
    b.get("/logg-inn/")
    failed = []
    for i in range(limit):
        aim(b, run.web[i % len(run.web)])
        answer = b.post_form("/logg-inn/", {"username": "unn-leser", "password": f"galt-{i}"})
        failed.append((answer.node, answer.status))
    # the last failure that reaches the limit is itself answered with the lockout (429)
    run.ok(all(s == 200 for _, s in failed[:-1]) and failed[-1][1] in (200, 429) and {n for n, _ in failed} == set(run.web),
           f"{limit} mislykkede innlogginger, fordelt på nodene: " + ", ".join(f"{n}: {s}" for n, s in failed))
    refused = []
    for node in run.web:
        fresh = run.browser()
        fresh.get("/logg-inn/")
        aim(fresh, node)
        answer = fresh.post_form("/logg-inn/", {"username": "unn-leser", "password": PASSWORD})
        refused.append((answer.node, answer.status, "For mange" in answer.text))
    run.ok(all(s == 429 and said for _, s, said in refused) and {n for n, _, _ in refused} == set(run.web),
           "innlogging nr. 6 (med riktig passord) avvises av begge nodene: "
           + ", ".join(f"{n}: {s}" for n, s, _ in refused))


def throttle(run: Run) -> None:
    rate = int(os.environ.get("STYRING_API_TOKEN_RATE", "10/min").split("/")[0])
    b = run.browser()
    answers = []
    for i in range(rate + 1):
        aim(b, run.web[i % len(run.web)])
        answer = b.request("POST", "/api/token/", json.dumps({"username": "fin-rapportor", "password": PASSWORD})
                           .encode(), {"Content-Type": "application/json"})
        answers.append((answer.node, answer.status))
    after = []
    for node in run.web:
        aim(b, node)
        answer = b.request("POST", "/api/token/", json.dumps({"username": "fin-rapportor", "password": PASSWORD})
                           .encode(), {"Content-Type": "application/json"})
        after.append((answer.node, answer.status))
    granted = sum(s == 200 for _, s in answers)
    run.ok(granted == rate and answers[-1][1] == 429 and all(s == 429 for _, s in after)
           and {n for n, _ in after} == set(run.web),
           f"API-grensen ({rate}/min for POST /api/token/) gjelder for hele klyngen: {granted} tokener gitt "
           f"av {dict(Counter(n for n, s in answers if s == 200))}, så 429 fra "
           + ", ".join(f"{n}" for n, s in after if s == 429))


# --- losing a node ----------------------------------------------------------------------------------

def haproxy_status(socket_path: str) -> dict[str, str]:
    """The balancer's view of its nodes (``show stat`` on its admin socket): name → UP/DOWN/…"""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(2)
            s.connect(socket_path)
            s.sendall(b"show stat\n")
            data = b""
            while chunk := s.recv(65536):
                data += chunk
    except OSError:
        return {}
    lines = data.decode().splitlines()
    if not lines:
        return {}
    names = lines[0].lstrip("# ").split(",")
    rows = [dict(zip(names, line.split(","))) for line in lines[1:] if line]
    return {r["svname"]: r["status"] for r in rows if r.get("pxname") == "web" and r["svname"].startswith("web")}


@dataclass
class Saver:
    browser: Browser
    entry: int
    version: int
    acked: list[str] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    times: list[float] = field(default_factory=list)
    signed_out: int = 0
    by_node: Counter[str] = field(default_factory=Counter)


def save_loop(saver: Saver, name: str, stop: threading.Event) -> None:
    seq = 0
    while not stop.is_set():
        seq += 1
        text = f"Autolagret {name}-{seq}"
        started = time.perf_counter()
        try:
            answer = saver.browser.api("PATCH", f"/api/entries/{saver.entry}/", {"version": saver.version, "text": text})
        except OSError as exc:
            saver.errors[type(exc).__name__] += 1
            continue
        saver.times.append(time.perf_counter() - started)
        saver.by_node[answer.node] += 1
        if answer.status == 200:
            saver.acked.append(text)
            saver.version = answer.json()["version"]
        elif answer.status == 409:  # a save whose answer was lost did go through: carry on from it
            saver.errors["409"] += 1
            saver.version = answer.json()["current"]["version"]
        else:
            # a 503 the balancer gives itself (no node named): it had no node left to send it to
            saver.errors[f"{answer.status}{'' if answer.node else ' fra balanseren'}"] += 1
            if answer.status in (401, 403):
                saver.signed_out += 1
        time.sleep(0.05)  # autosave: a person typing, not a flood


def node_loss(run: Run) -> None:
    reporter = run.browser()
    run.need(reporter.login("unn-rapportor", PASSWORD), 200, "innloggingen")
    made = run.need(reporter.api("POST", "/api/reports/", {"period": run.facts["periods"]["tertial1"]}), 201,
                    "rapporten for tertialet").json()
    users = min(int(os.environ.get("STYRING_CLUSTER_LOAD_USERS", "8")), len(made["entries"]))
    seconds = float(os.environ.get("STYRING_CLUSTER_LOAD_SECONDS", "24"))
    savers = []
    for entry in made["entries"][:users]:
        b = Browser(run.base)
        run.need(b.login("unn-rapportor", PASSWORD), 200, "innloggingen")
        savers.append(Saver(b, entry["id"], entry["version"]))
    victim = run.web[-1]
    print(f"  {users} innloggede rapportører autolagrer hvert sitt punkt i {seconds:.0f} s; "
          f"{victim} drepes etter {seconds / 3:.0f} s", flush=True)
    stop = threading.Event()
    threads = [threading.Thread(target=save_loop, args=(s, f"{i}", stop), daemon=True) for i, s in enumerate(savers)]
    started = time.monotonic()
    for t in threads:
        t.start()
    time.sleep(seconds / 3)
    state = json.loads(STATE.read_text())
    pid = state["nodes"][victim]["pid"]
    os.killpg(pid, signal.SIGKILL)  # the node and its gunicorn workers, all at once
    killed = time.monotonic()
    down_after = up_after = None
    while time.monotonic() - started < seconds:
        status = haproxy_status(state["haproxy_socket"]).get(victim, "")
        if down_after is None and status.startswith("DOWN"):
            down_after = time.monotonic() - killed
        if down_after is not None and up_after is None and status.startswith("UP"):
            up_after = time.monotonic() - killed
        time.sleep(0.1)
    stop.set()
    for t in threads:
        t.join(timeout=70)
    back = time.monotonic() + 45  # the launcher starts the node again: the balancer takes it back in
    while up_after is None and time.monotonic() < back:
        if haproxy_status(state["haproxy_socket"]).get(victim, "").startswith("UP"):
            up_after = time.monotonic() - killed
        time.sleep(0.2)
    acked = sum(len(s.acked) for s in savers)
    errors: Counter[str] = sum((s.errors for s in savers), Counter())
    served: Counter[str] = sum((s.by_node for s in savers), Counter())
    times = sorted(t for s in savers for t in s.times)

    lost = missing_saves(run.state["database_url"], savers)
    still = sum(s.browser.signed_in() for s in savers)
    p = (lambda q: times[min(len(times) - 1, int(q * len(times)))] * 1000) if times else (lambda q: 0.0)
    print(f"  lagringer kvittert: {acked} ({acked / seconds:.0f}/s; p50 {p(0.5):.0f} ms, p95 {p(0.95):.0f} ms), "
          f"feil uten kvittering: {sum(errors.values())} {dict(errors)}; svar per node: {dict(served)}", flush=True)
    run.ok(down_after is not None, f"balanseren tok {victim} ut etter {down_after or 0:.1f} s"
           + (f" og inn igjen etter {up_after:.1f} s (startet på nytt)" if up_after else ""))
    no_node = sum(n for key, n in errors.items() if key.endswith("fra balanseren"))
    run.ok(no_node == 0, f"den andre noden tok over: {no_node} svar uten node fra balanseren")
    run.ok(acked > 0 and lost == 0, f"alle {acked} kvitterte lagringer finnes i databasen (tapt: {lost})")
    run.ok(still == len(savers) and not any(s.signed_out for s in savers),
           f"{still} av {len(savers)} økter er fortsatt innlogget")
    run.facts["node_loss"] = {"acked": acked, "lost": lost, "errors": dict(errors), "down_after": down_after}


def missing_saves(database_url: str, savers: list[Saver]) -> int:
    """How many acknowledged saves the database does not have (its history keeps every saved version)."""
    import psycopg

    missing = 0
    with psycopg.connect(database_url) as conn:
        for s in savers:
            rows = conn.execute("SELECT text FROM reporting_historicalreportentry WHERE id = %s", [s.entry]).fetchall()
            have = {r[0] for r in rows}
            missing += sum(text not in have for text in s.acked)
            current = conn.execute("SELECT text FROM reporting_reportentry WHERE id = %s", [s.entry]).fetchone()
            if s.acked and current and current[0] != s.acked[-1]:
                # only a save sent after the last acknowledged one (its answer lost) may stand there
                last = int(s.acked[-1].rsplit("-", 1)[1])
                if int(str(current[0]).rsplit("-", 1)[1]) <= last:
                    missing += 1
    return missing


# --- running it ------------------------------------------------------------------------------------

def running(base: str) -> dict | None:
    if not STATE.exists():
        return None
    state = json.loads(STATE.read_text())
    if state.get("ready") and get(f"{base}/helse/")[0] == 200:
        return state
    return None


def start_cluster(base: str, timeout: float = 1200) -> tuple[subprocess.Popen, dict]:
    print("Starter klyngen (python -m styring.cluster run); logg i var/cluster-run.log", flush=True)
    ROOT.parent.mkdir(parents=True, exist_ok=True)
    STATE.unlink(missing_ok=True)
    log = (ROOT.parent / "cluster-run.log").open("wb")
    proc = subprocess.Popen([sys.executable, "-m", "styring.cluster", "run"], stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True, cwd=PROJECT)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"Klyngen startet ikke (kode {proc.returncode}); se var/cluster-run.log")
        if state := running(base):
            return proc, state
        time.sleep(1)
    os.killpg(proc.pid, signal.SIGTERM)
    raise SystemExit("Klyngen ble ikke klar; se var/cluster-run.log")


def main(argv: list[str]) -> int:
    base = "http://" + os.environ.get("STYRING_BALANCER", "127.0.0.1:8080")
    proc = None
    started = time.perf_counter()
    state = running(base)
    if state is None:
        proc, state = start_cluster(base)
        print(f"Klyngen er klar etter {time.perf_counter() - started:.0f} s", flush=True)
    run = Run(base, state)
    try:
        steps = [("Balanseren og nodene", balancer), ("Dokument: last opp, importer, gå gjennom, bekreft", document),
                 ("Rapport: Excel-malen ut og inn, fyll ut, send", report),
                 ("Samlet rapport i bakgrunnen, lastet ned fra hver node", consolidated),
                 ("Innloggingssperren gjelder på tvers av nodene", lockout),
                 ("API-grensene gjelder på tvers av nodene", throttle),
                 ("En node faller ut midt i lagringene", node_loss)]
        for title, body in steps:
            if body is not node_loss or "periods" in run.facts:
                step(run, title, body)
            else:
                run.ok(False, "nodetapet trenger periodene fra rapportsteget")
    finally:
        if proc is not None:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
    print(f"\nSvar per node: {dict(run.nodes)}; {time.perf_counter() - started:.0f} s i alt")
    if run.failures:
        print(f"KLYNGESJEKKEN FEILET ({len(run.failures)}):")
        for failure in run.failures:
            print(f"  - {failure}")
        return 1
    print("Klyngesjekken er bestått.")
    return 0
