"""Memory (issue 19): a web worker after 20 requests of each heavy page, and a restore's peak.

A register of ``BENCH_MEMORY_DOCUMENTS`` confirmed documents (the seeds' texts, megabytes in all)
with ``BENCH_MEMORY_ITEMS`` items each (deadlines this year, Helse Nord's trusts as recipients), and
history rows up to ``BENCH_RESTORE_ROWS`` rows in all (default 400 000: the size of the archive in
issue 19), in SQLite. A real gunicorn (production settings, DEBUG off, one sync worker) serves each
heavy page 20 times; printed is the worker's RSS after them (goal < 200 MB; it was 348 MB for
/krav/ and 368 MB for /arshjul/). Then ``styring backup`` of it all, and ``styring restore`` into a
fresh database: its peak RSS (goal < 300 MB; it was 1.2 GB) and time.

The database is built in a subprocess (``python bench_memory.py seed``), so Django is never set up
in the caller's process.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SHARED = Path(os.environ.get("STYRING_SHARED", ROOT.parent / "shared"))
N_DOCUMENTS = int(os.environ.get("BENCH_MEMORY_DOCUMENTS", "60"))
N_ITEMS = int(os.environ.get("BENCH_MEMORY_ITEMS", "80"))
N_ROWS = int(os.environ.get("BENCH_RESTORE_ROWS", "400000"))
PAGES = ["/krav/", "/arshjul/", "/dokumenter/", "/rapportering/"]
SECRET = "bench-memory-" + "x" * 50


def seed() -> dict:
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.contrib.staticfiles import finders
    from django.core.management import call_command
    from django.db import transaction
    from django.test import Client
    from django.utils import timezone

    from styring.accounts.models import Membership
    from styring.documents.models import SteeringDocument
    from styring.organisations.models import Organisation
    from styring.requirements.models import Item
    from styring.web.backup import backed_up_models

    call_command("migrate", verbosity=0)
    year = timezone.localdate().year
    texts = [p.read_text(encoding="utf-8") for p in sorted((SHARED / "seeds").glob("*.txt"))] or ["Foretaksmøte 1. mars."]
    hn = Organisation.objects.get(code="HN")
    trusts = [o for o in hn.owned.all() if o.is_trust]
    user = User.objects.create_user("bench-memory")
    Membership.objects.create(user=user, organisation=hn, role="owner_staff")
    with transaction.atomic():
        items = []
        for n in range(N_DOCUMENTS):
            doc = SteeringDocument.objects.create(title=f"Styringskrav {year} ({n})", year=year, status="confirmed",
                                                  text=texts[n % len(texts)])
            doc.issuers.add(hn)
            doc.addressees.add(*trusts)
            items += Item.objects.bulk_create([
                Item(document=doc, order=i, kind="assignment", ref=f"{n}.{i}", main_goal=1 + i % 3, confirmed=True,
                     text=texts[(n + i) % len(texts)][i * 50:i * 50 + 600] or "Krav.",
                     deadlines=[dt.date(year, 1 + i % 12, 1 + i % 28).isoformat()]) for i in range(N_ITEMS)])
        Through = Item.recipients.through
        Through.objects.bulk_create([Through(item_id=it.pk, organisation_id=t.pk) for it in items for t in trusts],
                                    batch_size=5000)
    from styring.search.index import rebuild

    rebuild()  # the search index, as saving each item would have made it
    # history up to the rows asked for: what a database that has lived for years holds most of
    History = Item.history.model
    fields = [f.attname for f in Item._meta.concrete_fields]
    now = dt.datetime.now(dt.UTC)
    total = sum(m._base_manager.count() for m in backed_up_models())
    while total < N_ROWS:
        with transaction.atomic():
            batch = [History(**{f: getattr(it, f) for f in fields}, history_date=now, history_type="~")
                     for it in items[: min(len(items), N_ROWS - total)]]
            History.objects.bulk_create(batch, batch_size=5000)
        total += len(batch)
    client = Client()
    client.force_login(user)
    # the manifest production's static storage reads, naming each file as itself (collectstatic takes minutes)
    paths = {}
    for finder in finders.get_finders():
        for path, storage in finder.list([]):
            name = "/".join(filter(None, [getattr(storage, "prefix", None), path.replace(os.sep, "/")]))
            paths[name] = name
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)
    (Path(settings.STATIC_ROOT) / "staticfiles.json").write_text(json.dumps({"paths": paths, "version": "1.1"}))
    return {"cookie": f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}",
            "rows": total, "items": len(items)}


def _env(var: Path, database: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DEBUG")}
    env.update(DATABASE_URL=f"sqlite:///{database}", STYRING_VAR=str(var), SECRET_KEY=SECRET, DEBUG="0",
               SESSION_COOKIE_SECURE="0", CSRF_COOKIE_SECURE="0", PYTHONPATH=str(ROOT / "src"),
               GUNICORN_ACCESS_LOG="", LOG_LEVEL="ERROR", STYRING_SHARED=str(SHARED),
               DJANGO_SETTINGS_MODULE="styring.settings")
    return env


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def _children(pid: int) -> list[int]:
    kids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                kids.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return kids


def _get(port: int, path: str, cookie: str) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=120) as response:
        response.read()
        return response.status


def page_memory(env: dict, cookie: str) -> dict[str, tuple[float, float]]:
    """For each page: a fresh one-worker gunicorn, the worker's RSS after one request and after 20."""
    from bench_reporting import free_port  # type: ignore[import-not-found]

    out = {}
    for page in PAGES:
        port = free_port()
        server = subprocess.Popen([PYTHON, "-m", "gunicorn", "--config", "python:styring.gunicorn_conf", "--bind",
                                   f"127.0.0.1:{port}", "--workers", "1"], env=env, cwd=ROOT,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    _get(port, "/logg-inn/", "")
                    break
                except OSError:
                    if time.monotonic() > deadline or server.poll() is not None:
                        raise RuntimeError("gunicorn svarte ikke") from None
                    time.sleep(0.3)
            (worker,) = _children(server.pid)
            status = _get(port, page, cookie)
            first = _rss_mb(worker)
            for _ in range(19):
                status = _get(port, page, cookie)
            if status != 200:
                raise RuntimeError(f"{page} svarte {status}")
            out[page] = (first, _rss_mb(worker))
        finally:
            server.terminate()
            server.wait(timeout=30)
    return out


def restore_memory(env: dict, var: Path) -> tuple[float, float, float]:
    """``styring backup`` of the seeded database, then ``styring restore`` into a fresh one: (MB of the
    archive, peak RSS of the restore in MB, seconds)."""
    archive = var / "styring.tar.gz"
    subprocess.run([PYTHON, "-m", "styring.cli", "backup", str(archive)], env=env, cwd=ROOT, check=True,
                   capture_output=True)
    fresh = _env(var / "fresh", var / "fresh.sqlite3")
    started = time.perf_counter()
    process = subprocess.Popen([PYTHON, "-m", "styring.cli", "restore", str(archive)], env=fresh, cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    output = (process.stdout.read() + process.stderr.read()).decode()
    if status != 0:
        raise RuntimeError(f"restore feilet: {output[-2000:]}")
    if not re.search(r"Gjenopprettet: \d+ rader", output):
        raise RuntimeError(f"restore sa ikke hva den gjorde: {output[-500:]}")
    return archive.stat().st_size / 1e6, usage.ru_maxrss / 1024, seconds


def main() -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    var = Path(tempfile.mkdtemp(prefix="styring-bench-memory-"))
    try:
        env = _env(var, var / "bench.sqlite3")
        started = time.perf_counter()
        done = subprocess.run([PYTHON, __file__, "seed"], env=env, cwd=ROOT, capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"seed feilet: {done.stderr[-3000:]}")
        seeded = json.loads(done.stdout.strip().splitlines()[-1])
        print(f"   data: {N_DOCUMENTS} dokumenter, {seeded['items']} krav, {seeded['rows']} rader i alt "
              f"({time.perf_counter() - started:.0f} s)")
        over = False
        for page, (first, after) in page_memory(env, seeded["cookie"]).items():
            over |= after >= 200
            print(f"   minne, web-prosess etter 20 × {page}: {after:.0f} MB (etter første: {first:.0f} MB; mål < 200 MB)")
        size, peak, seconds = restore_memory(env, var)
        over |= peak >= 300
        print(f"   gjenoppretting av {seeded['rows']} rader ({size:.0f} MB arkiv): topp {peak:.0f} MB minne "
              f"(mål < 300 MB), {seconds:.0f} s")
        return 1 if over else 0
    finally:
        shutil.rmtree(var, ignore_errors=True)


if __name__ == "__main__":
    if sys.argv[1:] == ["seed"]:
        print(json.dumps(seed()))
    else:
        sys.exit(main())
