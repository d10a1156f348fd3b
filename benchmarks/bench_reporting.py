"""Reporting under load, and the årlig melding documents.

- A trust's report page with 150 items (``/rapportering/<id>/``) served by a real gunicorn
  (``styring.wsgi``, production settings, DEBUG off, collected static files) on loopback, for SQLite
  and PostgreSQL: 50 concurrent users (threads with http.client, logged in through the login form
  with a session cookie), each loading the page and reading it for a think time before the next
  load, for a bounded time. Printed: p50, p95, requests per second, errors, and each gunicorn
  worker's peak RSS (VmHWM from /proc). Goals: p95 < 150 ms, RSS < 400 MB.
- Årlig melding DOCX for one trust (150 items) < 1 s; consolidated for 40 trusts < 3 s (issue 12; it was
  12.8 s). The same report as PDF (WeasyPrint, for information; ``BENCH_PDF_CONSOLIDATED=1`` also
  times the consolidated PDF, a few minutes of work: a background task's).

Each database is seeded in a subprocess (``python bench_reporting.py seed``), so this module never
sets Django up in the caller's process. PostgreSQL uses a database of its own, ``styring_bench``
(created and dropped here), on the server given by ``BENCH_POSTGRES`` (default
``postgres://postgres@127.0.0.1:5432``); it is skipped with a message if the server is not reachable.
"""
from __future__ import annotations

import datetime as dt
import http.client
import json
import os
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
N_ITEMS = 150
N_TRUSTS = 40
USERS = int(os.environ.get("BENCH_USERS", "50"))
DURATION = float(os.environ.get("BENCH_SECONDS", "10"))
THINK = float(os.environ.get("BENCH_THINK_SECONDS", "1.0"))
PG_SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
PG_DB = "styring_bench"
USERNAME, PASSWORD = "bench-unn", "bench-passord-2024"


# --- seeding (runs in a subprocess with Django set up) -----------------------------------------


def seed() -> dict:
    """150 confirmed items for UNN and 39 more trusts of Helse Nord; UNN's 1. tertial report as a
    filled-in draft (the page under load) and an approved årlig melding for all 40 trusts."""
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection, transaction

    from styring.accounts.models import Membership
    from styring.documents.models import SteeringDocument
    from styring.organisations.models import Organisation
    from styring.reporting.models import (
        BoardDecision,
        EntryStatus,
        Measure,
        PeriodKind,
        Report,
        ReportEntry,
        ReportingPeriod,
        ReportStatus,
    )
    from styring.requirements.models import Item

    statuses = [EntryStatus.ACHIEVED, EntryStatus.PARTLY, EntryStatus.NOT_ACHIEVED]
    words = ["Foretaket", "skal", "styrke", "samhandlingen", "med", "kommunene,", "redusere", "ventetidene", "og", "sikre", "at", "pasientene", "får", "et", "sammenhengende", "forløp."]
    with transaction.atomic():
        hn = Organisation.objects.get(code="HN")
        unn = Organisation.objects.get(code="UNN")
        trusts = [unn]
        for n in range(1, N_TRUSTS):
            org, _ = Organisation.objects.get_or_create(
                code=f"BENCH{n:02d}", defaults={"name": f"Benkmerkesykehuset {n:02d} HF", "kind": "hf"})
            org.owners.add(hn)
            trusts.append(org)
        year = 2024
        document = SteeringDocument.objects.create(
            title=f"Styringskrav og rammer {year} (benchmark)", year=year, status="confirmed")
        document.issuers.add(hn)
        document.addressees.add(*trusts)
        rnd = random.Random(4)
        items = Item.objects.bulk_create([
            Item(document=document, order=i, kind=["goal", "indicator", "assignment"][i % 3], ref=str(i + 1),
                 main_goal=(i % 3) + 1, confirmed=True, reporting=["annual", "tertial"],
                 deadlines=[f"{year}-12-31"] if i % 3 == 2 else [],
                 text=f"Krav {i + 1}: " + " ".join(rnd.choices(words, k=40)))
            for i in range(N_ITEMS)
        ])
        Through = Item.recipients.through
        Through.objects.bulk_create([Through(item_id=it.pk, organisation_id=o.pk) for it in items for o in trusts])
        annual = ReportingPeriod.objects.create(issuer=hn, year=year, kind=PeriodKind.ANNUAL, document=document,
                                                admin_deadline=dt.date(year + 1, 2, 1))
        tertial = ReportingPeriod.objects.create(issuer=hn, year=year, kind=PeriodKind.TERTIAL_1, document=document,
                                                 admin_deadline=dt.date(year, 5, 15))
        reports = [(Report.objects.create(organisation=o, period=annual, status=ReportStatus.APPROVED), o)
                   for o in trusts]
        tertial_report = Report.objects.create(organisation=unn, period=tertial, status=ReportStatus.DRAFT)
        reports.append((tertial_report, unn))
        entries = []
        for report, org in reports:
            for i, item in enumerate(items):
                status = statuses[(i + org.pk) % 3]
                entries.append(ReportEntry(
                    report=report, item=item, status=status,
                    text=f"{org.code}: " + " ".join(rnd.choices(words, k=60)),
                    deviation="" if status == EntryStatus.ACHIEVED else "Avvik: " + " ".join(rnd.choices(words, k=20)),
                    expected_completion="" if status == EntryStatus.ACHIEVED else "Innen utgangen av 2025",
                ))
        ReportEntry.objects.bulk_create(entries, batch_size=1000)
        measures = [
            Measure(organisation_id=e.report.organisation_id, item_id=e.item_id, created_in_id=e.pk,
                    description="Tiltak: " + " ".join(rnd.choices(words, k=12)), owner="Klinikksjef",
                    due_date=dt.date(year + 1, 6, 30))
            for e in ReportEntry.objects.select_related("report").exclude(status=EntryStatus.ACHIEVED)
        ]
        Measure.objects.bulk_create(measures, batch_size=1000)
        BoardDecision.objects.bulk_create([
            BoardDecision(report=r, case_number=f"{n}/{year + 1}", meeting_date=dt.date(year + 1, 2, 20),
                          decision_text="Styret godkjenner årlig melding.")
            for n, (r, _) in enumerate(reports[:-1], start=1)
        ])
        user = User.objects.create_user(USERNAME, password=PASSWORD)
        Membership.objects.create(user=user, organisation=unn, role="reporter")
    with connection.cursor() as cursor:  # the planner's statistics, as autovacuum / a long-lived database has them
        cursor.execute("ANALYZE")
    return {"report": tertial_report.pk, "annual": annual.pk, "unn_annual": reports[0][0].pk,
            "entries": len(entries), "measures": len(measures)}


def time_documents() -> dict:
    import django

    django.setup()
    from styring.exports.annual_report import consolidated_docx, report_docx
    from styring.organisations.models import Organisation
    from styring.reporting.models import Report, ReportingPeriod

    unn = Report.objects.select_related("organisation", "period").get(organisation__code="UNN", period__kind="annual")
    report_docx(unn)  # warm imports and templates
    started = time.perf_counter()
    one = report_docx(unn)
    single = time.perf_counter() - started
    period = ReportingPeriod.objects.get(kind="annual", document__title__contains="benchmark")
    started = time.perf_counter()
    many = consolidated_docx(Organisation.objects.get(code="HN"), period)
    consolidated = time.perf_counter() - started
    trusts = Report.objects.filter(period=period).count()
    from styring.exports.pdf import consolidated_pdf, report_pdf

    report_pdf(unn)  # warm WeasyPrint and the fonts
    started = time.perf_counter()
    one_pdf = report_pdf(unn)
    single_pdf = time.perf_counter() - started
    consolidated_pdf_s = None
    if os.environ.get("BENCH_PDF_CONSOLIDATED") == "1":
        started = time.perf_counter()
        consolidated_pdf(Organisation.objects.get(code="HN"), period)
        consolidated_pdf_s = time.perf_counter() - started
    # the reporting template as XLSX, ten times the report's items, with the memory it takes
    import tracemalloc

    from styring.exports.template import template_items, template_xlsx

    items = template_items(unn.organisation, report=unn) * 10
    versions = dict(unn.entries.values_list("item_id", "version"))
    tracemalloc.start()
    started = time.perf_counter()
    sheet = template_xlsx(unn.organisation, items, title_year=unn.period.year, versions=versions)
    xlsx_s = time.perf_counter() - started
    xlsx_peak = tracemalloc.get_traced_memory()[1] / 1024 / 1024
    tracemalloc.stop()
    return {"single_s": single, "single_kb": len(one) / 1024, "consolidated_s": consolidated,
            "single_pdf_s": single_pdf, "single_pdf_kb": len(one_pdf) / 1024, "consolidated_pdf_s": consolidated_pdf_s,
            "consolidated_kb": len(many) / 1024, "trusts": trusts, "xlsx_items": len(items), "xlsx_s": xlsx_s,
            "xlsx_kb": len(sheet) / 1024, "xlsx_peak_mb": xlsx_peak}


# --- the server and the load ---------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(args: list[str], env: dict, timeout: float = 600) -> str:
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[:3])} feilet:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return done.stdout


def child_pids(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            kids.append(int(stat.parent.name))
    return kids


def peak_rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def wait_for(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("gunicorn stoppet: " + (proc.stderr.read() if proc.stderr else ""))
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/logg-inn/")
            if conn.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("gunicorn svarte ikke")


def cookies_of(response) -> dict[str, str]:
    jar = {}
    for header, value in response.getheaders():
        if header.lower() == "set-cookie":
            name, _, rest = value.partition("=")
            jar[name.strip()] = rest.split(";", 1)[0]
    return jar


def login(port: int) -> str:
    """Log in through the login form (CSRF token and all); returns the Cookie header."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    conn.request("GET", "/logg-inn/")
    response = conn.getresponse()
    html = response.read().decode()
    jar = cookies_of(response)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = f"csrfmiddlewaretoken={token}&username={USERNAME}&password={PASSWORD}"
    conn.request("POST", "/logg-inn/", body=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={jar['csrftoken']}",
        "Referer": f"http://127.0.0.1:{port}/logg-inn/",
    })
    response = conn.getresponse()
    response.read()
    jar.update(cookies_of(response))
    if response.status != 302 or "sessionid" not in jar:
        raise RuntimeError(f"innlogging feilet ({response.status})")
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def load(port: int, path: str, cookie: str, *, users: int, seconds: float, think: float) -> dict:
    """``users`` threads, each: GET the page, check it, think, repeat, until ``seconds`` are up."""
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def user(n: int) -> None:
        rnd = random.Random(n)
        time.sleep(rnd.uniform(0, think or 0.05))  # users arrive spread out, not in lockstep
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            try:
                conn.request("GET", path, headers={"Cookie": cookie})
                response = conn.getresponse()
                body = response.read()
                elapsed = time.perf_counter() - started
                ok = response.status == 200 and b"punkt-" in body
            except (OSError, http.client.HTTPException) as exc:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                with lock:
                    errors.append(repr(exc))
                continue
            with lock:
                latencies.append(elapsed)
                if not ok:
                    errors.append(f"status {response.status}")
            if think:
                time.sleep(rnd.uniform(0.5 * think, 1.5 * think))
        conn.close()

    started = time.monotonic()
    threads = [threading.Thread(target=user, args=(n,), daemon=True) for n in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    wall = time.monotonic() - started
    latencies.sort()
    q = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else latencies * 100
    return {"n": len(latencies), "p50": q[49] * 1000, "p95": q[94] * 1000, "rps": len(latencies) / wall,
            "errors": len(errors), "first_error": errors[0] if errors else ""}


def bench_database(label: str, database_url: str, var: Path) -> None:
    env = {
        **os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "styring.settings",
        "STYRING_HOME": str(ROOT), "STYRING_VAR": str(var), "STYRING_INSECURE_DEV_KEY": "1", "DEBUG": "0",
        "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0", "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost", "LOG_LEVEL": "ERROR", "PYTHONPATH": str(ROOT / "src"),
    }
    env.pop("SECRET_KEY", None)
    run([PYTHON, "-m", "styring.cli", "migrate", "--noinput"], env)
    if not (var / "static" / "staticfiles.json").exists():
        run([PYTHON, "-m", "styring.cli", "collectstatic", "--noinput"], env)
    seeded = json.loads(run([PYTHON, __file__, "seed"], env).strip().splitlines()[-1])
    if label == "SQLite":
        docs = json.loads(run([PYTHON, __file__, "documents"], env).strip().splitlines()[-1])
        print(f"årlig melding DOCX, én trust ({N_ITEMS} krav): {docs['single_s']:.2f} s "
              f"({docs['single_kb']:.0f} KB) (goal < 1 s)")
        print(f"årlig melding DOCX, samlet for {docs['trusts']} trusts: {docs['consolidated_s']:.2f} s "
              f"({docs['consolidated_kb']:.0f} KB) (goal < 3 s)", flush=True)
        print(f"årlig melding PDF, én trust ({N_ITEMS} krav): {docs['single_pdf_s']:.2f} s "
              f"({docs['single_pdf_kb']:.0f} KB) (for information)", flush=True)
        if docs["consolidated_pdf_s"] is not None:
            print(f"årlig melding PDF, samlet for {docs['trusts']} trusts: {docs['consolidated_pdf_s']:.1f} s "
                  "(for information)", flush=True)
        print(f"rapporteringsmal XLSX ({docs['xlsx_items']} krav): {docs['xlsx_s']:.2f} s ({docs['xlsx_kb']:.0f} KB), "
              f"peak Python memory {docs['xlsx_peak_mb']:.0f} MB (goal < 150 MB)", flush=True)
    port = free_port()
    # The production configuration (styring/gunicorn_conf.py), as `styring serve` runs it.
    gunicorn = [PYTHON, "-m", "gunicorn", "--config", "python:styring.gunicorn_conf", "--bind", f"127.0.0.1:{port}",
                "--log-level", "warning"]
    server = subprocess.Popen(gunicorn, env={**env, "GUNICORN_ACCESS_LOG": ""}, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for(port, server)
        cookie = login(port)
        path = f"/rapportering/{seeded['report']}/"
        load(port, path, cookie, users=min(USERS, 10), seconds=2, think=0)  # warm every worker
        r = load(port, path, cookie, users=USERS, seconds=DURATION, think=THINK)
        name = f"rapportside {N_ITEMS} krav, {label}, {USERS} samtidige brukere (tenketid {THINK:g} s, {DURATION:g} s)"
        print(f"{name} p50: {r['p50']:.0f} ms")
        print(f"{name} p95: {r['p95']:.0f} ms (goal < 150 ms)")
        print(f"{name} throughput: {r['rps']:.1f} requests/s ({r['n']} requests, {r['errors']} errors"
              f"{': ' + r['first_error'] if r['errors'] else ''})")
        if os.environ.get("BENCH_SATURATE", "1") == "1":
            s = load(port, path, cookie, users=USERS, seconds=min(DURATION, 5), think=0)
            print(f"rapportside {label}, {USERS} brukere uten tenketid (metning) p95: {s['p95']:.0f} ms, "
                  f"{s['rps']:.1f} requests/s (for information)")
        for n, pid in enumerate(sorted(child_pids(server.pid)), start=1):
            rss = peak_rss_mb(pid)
            if rss is not None:
                print(f"gunicorn worker {n} ({label}) peak RSS: {rss:.0f} MB (goal < 400 MB)")
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()


def postgres_database(action: str) -> bool:
    try:
        import psycopg
    except ImportError:
        return False
    try:
        with psycopg.connect(f"{PG_SERVER}/postgres", autocommit=True, connect_timeout=3) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
            if action == "create":
                conn.execute(f"CREATE DATABASE {PG_DB}")
        return True
    except psycopg.Error as exc:
        print(f"   PostgreSQL ikke tilgjengelig ({exc.__class__.__name__}); hopper over")
        return False


def main() -> int:
    var = Path(tempfile.mkdtemp(prefix="styring-bench-"))
    from styring import gunicorn_conf

    print(f"   gunicorn: {gunicorn_conf.workers} workers × {gunicorn_conf.threads} threads on {os.cpu_count()} CPUs", flush=True)
    try:
        bench_database("SQLite", f"sqlite:///{var / 'bench.sqlite3'}", var)
        if postgres_database("create"):
            try:
                bench_database("PostgreSQL", f"{PG_SERVER}/{PG_DB}", var)
            finally:
                postgres_database("drop")
    finally:
        shutil.rmtree(var, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in ("seed", "documents"):
        sys.path.insert(0, str(ROOT / "src"))
        result = seed() if sys.argv[1] == "seed" else time_documents()
        print(json.dumps(result))
    else:
        sys.exit(main())
