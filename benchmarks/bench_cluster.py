"""The cluster under load: one web node, then two behind HAProxy (issue 21).

Starts ``styring.cluster`` (two web nodes of ``BENCH_CLUSTER_PROCESSES`` gunicorn processes each, a
worker on Redis, HAProxy on 127.0.0.1:8080, PostgreSQL) unless it is running, and drives the mix in
``locust_mix.py`` with Locust (``BENCH_CLUSTER_USERS`` users, default 16, for ``BENCH_CLUSTER_SECONDS``,
default 30) first against web1 alone (127.0.0.1:8001), then through the balancer against both.
Printed for each: requests per second, p50/p95, errors, and the share of the CPU time each tier used
(balancer, web nodes, workers, PostgreSQL, the load generator), read from /proc before and after.
Only 127.0.0.1 is ever a target. Locust comes with the optional extra ``bench`` (``make bench``).
"""
from __future__ import annotations

import csv
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
USERS = int(os.environ.get("BENCH_CLUSTER_USERS", "16"))
SECONDS = int(os.environ.get("BENCH_CLUSTER_SECONDS", "30"))
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime, stime, and the waited-for children's cutime, cstime (gunicorn workers that were recycled)
    return sum(int(f) for f in fields[11:15]) / TICK


def processes() -> dict[int, tuple[str, int, int]]:
    """pid → (command name, parent pid, process group) for every process."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            name, rest = (entry / "stat").read_text().split(" (", 1)[1].rsplit(")", 1)
            fields = rest.split()
            found[int(entry.name)] = (name, int(fields[1]), int(fields[2]))
        except (OSError, IndexError, ValueError):
            continue
    return found


def tiers(state: dict) -> dict[str, float]:
    """CPU seconds used so far by each tier's processes."""
    groups = {pid: name for name, pid in state["processes"].items()}
    totals = {"balanser": 0.0, "webnoder": 0.0, "arbeidere": 0.0, "postgres": 0.0}
    for pid, (comm, _parent, group) in processes().items():
        owner = groups.get(group, "")
        if owner == "balancer":
            tier = "balanser"
        elif owner.startswith("web"):
            tier = "webnoder"
        elif owner.startswith("worker"):
            tier = "arbeidere"
        elif comm == "postgres":
            tier = "postgres"
        else:
            continue
        totals[tier] += cpu_seconds(pid)
    return totals


def aggregated(prefix: Path) -> dict:
    with open(f"{prefix}_stats.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    per = {r["Name"]: r for r in rows if r["Name"] != "Aggregated"}
    return {"requests": int(total["Request Count"]), "failures": int(total["Failure Count"]),
            "rps": float(total["Requests/s"]), "p50": float(total["50%"]), "p95": float(total["95%"]),
            "per": {name: (int(r["Request Count"]), float(r["50%"]), float(r["95%"]), int(r["Failure Count"]))
                    for name, r in per.items()}}


def drive(host: str, state: dict, label: str, seconds: int = SECONDS) -> dict:
    locust = shutil.which("locust", path=str(Path(sys.executable).parent)) or shutil.which("locust")
    if locust is None:
        raise RuntimeError("locust mangler: make bench installerer den (pip install -e '.[bench]')")
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "stats"
        proc = subprocess.Popen([locust, "-f", str(ROOT / "benchmarks" / "locust_mix.py"), "--headless",
                                 "-u", str(USERS), "-r", str(max(1, USERS // 2)), "-t", f"{seconds}s",
                                 "--host", host, "--csv", str(prefix), "--only-summary", "--loglevel", "WARNING"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
        before = tiers(state)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        _, err = proc.communicate(timeout=seconds + 120)
        after = tiers(state)
        done = resource.getrusage(resource.RUSAGE_CHILDREN)  # locust, once it has been waited for
        result = aggregated(prefix)
    used = {tier: max(0.0, after[tier] - before[tier]) for tier in before}
    used["lastgenerator"] = (done.ru_utime + done.ru_stime) - (children.ru_utime + children.ru_stime)
    total = sum(used.values()) or 1.0
    result["cpu"] = {tier: seconds / total for tier, seconds in used.items()}
    result["cpu_seconds"] = used
    result["label"] = label
    if proc.returncode not in (0, 1):  # 1: some requests failed, which the figures show
        raise RuntimeError(f"locust stoppet med kode {proc.returncode}: {err.decode()[-500:]}")
    return result


def show(result: dict) -> None:
    print(f"   {result['label']}: {result['rps']:.1f} req/s, p50 {result['p50']:.0f} ms, p95 {result['p95']:.0f} ms, "
          f"feil {result['failures']} av {result['requests']}")
    for name, (count, p50, p95, failures) in sorted(result["per"].items()):
        print(f"      {name:<22} {count:>6}  p50 {p50:>5.0f} ms  p95 {p95:>5.0f} ms  feil {failures}")
    shares = ", ".join(f"{tier} {share:.0%} ({result['cpu_seconds'][tier]:.1f} s)" for tier, share in result["cpu"].items())
    print(f"      CPU per lag: {shares}")


def main() -> int:
    sys.path.insert(0, str(ROOT / "src"))
    from styring.cluster.check import running, start_cluster
    from styring.cluster.launcher import STATE

    base = "http://" + os.environ.get("STYRING_BALANCER", "127.0.0.1:8080")
    proc = None
    state = running(base)
    if state is None:
        os.environ.setdefault("STYRING_CLUSTER_PROCESSES", os.environ.get("BENCH_CLUSTER_PROCESSES", "2"))
        proc, state = start_cluster(base)
    try:
        state = json.loads(STATE.read_text())
        nodes = state["nodes"]
        first = sorted(nodes)[0]
        print(f"   {USERS} brukere i {SECONDS} s per runde (blanding: startside, rapportside, autolagring, "
              "nedlasting, søk, matrise, målekort)")
        # a round first that is not counted: every process has its imports, connections and caches
        # warm before either figure is taken (else the first round pays for it)
        drive(base, state, "oppvarming", seconds=10)
        one = drive(f"http://{nodes[first]['address']}", state, f"én node ({first} direkte)")
        show(one)
        two = drive(base, state, f"to noder bak HAProxy ({', '.join(sorted(nodes))})")
        show(two)
        ratio = two["rps"] / one["rps"] if one["rps"] else 0.0
        print(f"   to noder / én node: {ratio:.2f} × req/s; balanseren brukte {two['cpu']['balanser']:.1%} av CPU-tiden; "
              f"feil: {one['failures']} og {two['failures']}")
        return 1 if one["failures"] or two["failures"] else 0
    finally:
        if proc is not None:
            os.killpg(proc.pid, signal.SIGINT)
            proc.wait(timeout=60)


if __name__ == "__main__":
    sys.exit(main())
