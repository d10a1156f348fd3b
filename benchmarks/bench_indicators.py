"""Indicator benchmarks.

    python benchmarks/bench_indicators.py

- Targets read automatically: the seeds' indicator items (through the extractor), how many got a
  target from their text or their attachment, by kind, and which are left to the reviewer (and why).
- Evaluating one million values with the targets' rules (goal < 5 s).
- On a fresh SQLite database (a subprocess with Django set up, in a temporary folder):
  the scorecard page of 40 trusts × 40 indicators with 36 months of values each, for a tertial
  computed from its months (server time through Django's handler, median of 5; goal < 300 ms), and
  importing a 100 000-row CSV (goal < 10 s and < 300 MB peak memory of the process).

Prints "name: value unit (goal …)" lines and exits 1 when a goal is missed.
"""
from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
PYTHON = sys.executable
N_ORGS, N_INDICATORS, N_MONTHS, N_ROWS = 40, 40, 36, 100_000


def shared_dir() -> Path:
    return Path(os.environ.get("STYRING_SHARED", ROOT.parent / "shared")).resolve()


# -- without a database ------------------------------------------------------------------------------


def seed_targets() -> None:
    from styring.extraction import extract
    from styring.indicators.attachments import read_attachment
    from styring.indicators.parsing import parse_targets
    from styring.registry import load_registry

    seeds = sorted((shared_dir() / "seeds").glob("*.txt"))
    if not seeds:
        print("mål lest automatisk: hoppet over (fant ikke seeds i STYRING_SHARED)")
        return
    reg = load_registry()

    def norm(s: str) -> str:
        return " ".join(s.lower().split())

    trusts = {norm(n): o.code for o in reg.all() if o.kind in ("hf", "privat_ideell", "felleseid_hf", "as")
              for n in (o.name, o.code, *o.aliases)}
    sites = {(o.owners[0], norm(n)): o.code for o in reg.all() if o.kind == "sykehus" for n in (o.name, *o.aliases)}
    total, automatic, kinds, left = 0, 0, Counter(), []
    hospital_targets = 0
    for path in seeds:
        text = path.read_text(encoding="utf-8")
        result = extract(text)
        for item in result["items"]:
            if item["kind"] != "indicator":
                continue
            total += 1
            parsed = parse_targets(item["text"])
            if parsed.attachment is not None:
                table = read_attachment(text, parsed.attachment, lambda line: trusts.get(norm(line)),
                                        lambda trust, line: sites.get((trust, norm(line))))
                if table.results:
                    automatic += 1
                    kinds["limits per sykehus (vedlegg)"] += 1
                    hospital_targets += len(table.results)
                    continue
            if parsed.series:
                automatic += 1
                kinds.update({t.kind for _, t in parsed.series})
            else:
                left.append(f"{path.name[:3]}: «{item['text'][:70]}…» – {parsed.note}")
    share = 100 * automatic / total if total else 0
    print(f"mål lest automatisk: {automatic} av {total} indikatorer i {len(seeds)} seeds ({share:.0f} %) "
          f"(goal: høy); per type: {', '.join(f'{k} {n}' for k, n in kinds.most_common())}; "
          f"{hospital_targets} sykehusmål fra vedlegg")
    for line in left:
        print(f"   til saksbehandler: {line}")


def evaluate_million() -> bool:
    from styring.indicators.targets import BASELINE, CHANGE, GLIDE, HIGHER, LIMITS, LOWER, THRESHOLD, Target

    rules = [Target(THRESHOLD, HIGHER, 70, True, "%"), Target(LIMITS, LOWER, 12, True, "%", yellow=14),
             Target(BASELINE, HIGHER, None, False, baseline_year=2023), Target(CHANGE, HIGHER, 15, True),
             Target(GLIDE, LOWER, 5, True, "%", baseline_year=2023, goal=7.5)]
    rnd = random.Random(11)
    values = [(rules[i % 5], rnd.uniform(0, 100), 2024, rnd.uniform(0, 100)) for i in range(1_000_000)]
    started = time.perf_counter()
    colours = Counter(rule.colour(value, year, base) for rule, value, year, base in values)
    elapsed = time.perf_counter() - started
    print(f"evaluere 1 000 000 verdier: {elapsed:.2f} s ({ {str(c): n for c, n in colours.items()} }) (goal < 5 s)",
          flush=True)
    return elapsed < 5


# -- with a database (in a subprocess) ----------------------------------------------------------------


def seed_database() -> dict:
    """40 trusts of one region, 40 confirmed indicator items (targets from their text) for all of
    them, 36 months of values with numerators and denominators for every pair."""
    import django

    django.setup()
    from django.contrib.auth.models import User

    from styring.accounts.models import Membership
    from styring.documents.models import SteeringDocument
    from styring.indicators.models import Indicator, IndicatorValue
    from styring.organisations.models import Organisation
    from styring.requirements.models import Item

    region = Organisation.objects.get(code="HN")
    orgs = Organisation.objects.bulk_create([Organisation(code=f"B{n:02d}", name=f"Benk-foretak {n}", kind="hf")
                                             for n in range(N_ORGS)])
    Organisation.owners.through.objects.bulk_create(
        [Organisation.owners.through(from_organisation_id=o.pk, to_organisation_id=region.pk) for o in orgs])
    document = SteeringDocument.objects.create(title="Benk 2024", year=2024, status="confirmed")
    document.issuers.add(region)
    texts = ["Minst {n} prosent av epikrisene skal være sendt innen 1 dag.", "Andel X skal være minst {n} prosent.",
             "Ventetiden skal være maksimalt {n} dager.", "Forbruket skal være lavere enn {n} prosent."]
    items = []
    for n in range(N_INDICATORS):
        item = Item.objects.create(document=document, order=n, kind="indicator", main_goal=n % 3 + 1, confirmed=True,
                                   text=texts[n % 4].format(n=50 + n))  # targets are read on save
        item.recipients.add(*orgs)
        items.append(item)
    series = list(Indicator.objects.filter(item__in=items))
    rnd = random.Random(3)
    months = [(2022 + m // 12, m % 12 + 1) for m in range(N_MONTHS)]
    batch = []
    for s in series:
        for org in orgs:
            for year, month in months:
                den = rnd.randint(100, 1000)
                num = rnd.randint(0, den)
                batch.append(IndicatorValue(indicator=s, organisation=org, period=f"{year}-{month:02d}", year=year,
                                            value=round(100 * num / den, 2), numerator=num, denominator=den))
    IndicatorValue.objects.bulk_create(batch, batch_size=5000)
    user = User.objects.create_user("bench-eier", password="bench-passord-2024")
    Membership.objects.create(user=user, organisation=region, role="owner_staff")
    return {"values": len(batch), "series": len(series), "orgs": len(orgs)}


def measure_scorecard() -> dict:
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="bench-eier"))
    times, cpu = [], []
    for _ in range(11):
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get("/indikatorer/?periode=2024-T3")
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
        assert response.status_code == 200, response.status_code
    page = response.content.decode()
    return {"median_ms": 1000 * statistics.median(times[1:]), "cpu_ms": 1000 * statistics.median(cpu[1:]),
            "cells": page.count('class="st-cell st-cell--'), "kb": len(response.content) / 1024}


def measure_import() -> dict:
    import resource

    import django

    django.setup()
    from django.contrib.auth.models import User

    from styring.indicators.importing import import_values
    from styring.indicators.models import Indicator
    from styring.organisations.models import Organisation

    codes = [s.code for s in Indicator.objects.all()]
    orgs = list(Organisation.objects.filter(code__regex=r"^B[0-9][0-9]$").values_list("code", flat=True))
    lines = ["indikator;organisasjon;periode;verdi;teller;nevner;kilde;status"]
    rnd = random.Random(5)
    n = 0
    year = 2000
    while n < N_ROWS:  # months of years before the seeded ones: every row is new
        for month in range(1, 13):
            for code in codes:
                for org in orgs:
                    den = rnd.randint(100, 1000)
                    num = rnd.randint(0, den)
                    lines.append(f"{code};{org};{year}-{month:02d};{100 * num / den:.1f}".replace(".", ",")
                                 + f";{num};{den};Benk;foreløpig")
                    n += 1
                    if n >= N_ROWS:
                        break
                if n >= N_ROWS:
                    break
            if n >= N_ROWS:
                break
        year += 1
    data = ("\r\n".join(lines) + "\r\n").encode("cp1252")
    del lines
    user = User.objects.get(username="bench-eier")
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started = time.perf_counter()
    result = import_values(data, user, "benk.csv")
    elapsed = time.perf_counter() - started
    again = time.perf_counter()
    second = import_values(data, user, "benk.csv")
    again = time.perf_counter() - again
    return {"seconds": elapsed, "created": result.created,
            "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "rss_before_mb": rss_before,
            "mb": len(data) / 2**20, "again_s": again, "unchanged": second.unchanged}


def run(args: list[str], env: dict) -> dict:
    done = subprocess.run(args, env=env, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args[1:3])} feilet:\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def database_benchmarks() -> bool:
    ok = True
    with tempfile.TemporaryDirectory() as var:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{var}/bench.sqlite3", "DJANGO_SETTINGS_MODULE":
               "styring.settings", "STYRING_HOME": str(ROOT), "STYRING_VAR": var, "STYRING_INSECURE_DEV_KEY": "1",
               "DEBUG": "0", "ALLOWED_HOSTS": "testserver,127.0.0.1", "LOG_LEVEL": "ERROR",
               "PYTHONPATH": str(ROOT / "src"), "SECURE_SSL_REDIRECT": "0"}
        env.pop("SECRET_KEY", None)
        subprocess.run([PYTHON, "-m", "styring.cli", "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
        subprocess.run([PYTHON, "-m", "styring.cli", "collectstatic", "--noinput", "-v0"], env=env, cwd=ROOT,
                       check=True)
        seeded = run([PYTHON, __file__, "seed"], env)
        card = run([PYTHON, __file__, "scorecard"], env)
        ok &= card["cpu_ms"] < 300
        print(f"målekort {seeded['orgs']} foretak × {seeded['series']} indikatorer × {N_MONTHS} måneder "
              f"({seeded['values']} verdier), tertial regnet fra måneder: {card['cpu_ms']:.0f} ms CPU serverside "
              f"(median; {card['median_ms']:.0f} ms veggtid på en delt maskin), {card['cells']} celler, "
              f"{card['kb']:.0f} KB (goal < 300 ms)", flush=True)
        imported = run([PYTHON, __file__, "import"], env)
        ok &= imported["seconds"] < 10 and imported["rss_mb"] < 300
        print(f"import av CSV med {imported['created']} rader ({imported['mb']:.1f} MB, cp1252, semikolon): "
              f"{imported['seconds']:.1f} s, topp {imported['rss_mb']:.0f} MB RSS for prosessen "
              f"({imported['rss_before_mb']:.0f} MB før importen, med filen i minnet) (goal < 10 s og < 300 MB)", flush=True)
        print(f"samme fil igjen: {imported['again_s']:.1f} s, {imported['unchanged']} uendret (idempotent)")
    return ok


def main() -> int:
    if os.environ.get("BENCH_ONLY_DB"):
        return 0 if database_benchmarks() else 1
    seed_targets()
    ok = evaluate_million()
    ok &= database_benchmarks()
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) > 1:
        print(json.dumps({"seed": seed_database, "scorecard": measure_scorecard, "import": measure_import}[sys.argv[1]]()))
    else:
        sys.exit(main())
