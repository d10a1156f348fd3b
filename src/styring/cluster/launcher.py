"""Start, watch and stop the cluster: PostgreSQL database prepared, web nodes, workers, HAProxy.

The processes run each in a session of their own (a node is lost by killing its whole process
group, as when its machine goes away). A web node or worker that ends while the cluster runs is
started again after a few seconds, so a node stopped by ``cluster check`` comes back and the balancer
takes it in again. ``var/cluster/state.json`` tells other programs (the check, the benchmark) the
addresses and process ids."""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

PROJECT = Path(os.environ.get("STYRING_HOME", Path.cwd())).resolve()
ROOT = PROJECT / "var" / "cluster"
STATE = ROOT / "state.json"
HAPROXY_CFG = PROJECT / "deploy" / "haproxy.cfg"
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/styring_cluster"
RESTART_SECONDS = 3.0


def log(message: str) -> None:
    print(f"[klynge {time.strftime('%H:%M:%S')}] {message}", flush=True)


@dataclass
class Settings:
    # its own variable, not DATABASE_URL: the cluster drops and makes its database on every start
    database_url: str = field(default_factory=lambda: os.environ.get("STYRING_CLUSTER_DATABASE_URL") or DEFAULT_DATABASE)
    balancer: str = field(default_factory=lambda: os.environ.get("STYRING_BALANCER", "127.0.0.1:8080"))
    web: tuple[str, ...] = field(default_factory=lambda: tuple(
        os.environ.get("STYRING_CLUSTER_WEB", "127.0.0.1:8001,127.0.0.1:8002").split(",")))
    workers: int = field(default_factory=lambda: int(os.environ.get("STYRING_CLUSTER_WORKERS", "1")))
    processes_per_node: int = field(default_factory=lambda: int(os.environ.get("STYRING_CLUSTER_PROCESSES", "2")))
    redis: str = field(default_factory=lambda: os.environ.get("STYRING_CLUSTER_REDIS", "redis://127.0.0.1:6379"))


def styring() -> list[str]:
    return [sys.executable, "-m", "styring.cli"]


def node_env(settings: Settings, name: str, secret: str) -> dict[str, str]:
    """One node's environment: the shared database, Redis and secret; a local folder of its own."""
    folder = ROOT / name
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    env.pop("DEBUG", None)  # production settings, as a real installation runs
    env.update({
        "DJANGO_SETTINGS_MODULE": "styring.settings",  # also when started from pytest (settings_test)
        "DATABASE_URL": settings.database_url,
        "SECRET_KEY": secret,
        "STYRING_HOME": str(PROJECT),
        "STYRING_VAR": str(folder),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        # plain HTTP on 127.0.0.1: the cookies go without TLS here (a real balancer ends TLS)
        "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "0", "SECURE_HSTS_SECONDS": "0",
        "STYRING_TRUSTED_PROXY": "1", "FORWARDED_ALLOW_IPS": "127.0.0.1",
        "STYRING_TASKS": "rq", "REDIS_URL": f"{settings.redis}/10",
        # shared state (the stateless nodes of issue 21): throttles and lockouts in Redis, files in the database
        "STYRING_CACHE_URL": f"{settings.redis}/11", "STYRING_STORAGE": "database",
        "WEB_CONCURRENCY": str(settings.processes_per_node), "GUNICORN_ACCESS_LOG": "",
        "STYRING_WEB_ONLY": "1", "STYRING_NODE": name,
    })
    return env


def fingerprint(kind: str = "database") -> str:
    """What the prepared database (``database``: the migrations, the demo data and what it is read
    from) or the collected static files (``static``: the apps' static folders and the front-end
    packages) were made from, by content. A change makes them afresh; other code changes do not (the
    start migrates anyway)."""
    code = PROJECT / "src" / "styring"
    if kind == "static":
        paths = [p for p in code.rglob("*") if "static" in p.relative_to(code).parts]
        paths += [PROJECT / "package-lock.json"]
    else:
        paths = [p for p in code.rglob("*") if "migrations" in p.parts or p.name.startswith(("demo", "load_demo"))
                 or {"sample", "fixtures", "data"} & set(p.relative_to(code).parts[1:2])]
        paths += [PROJECT / "pyproject.toml"]
    digest = hashlib.sha256()
    for path in sorted(p for p in paths if p.is_file() and "__pycache__" not in p.parts and "tests" not in p.parts):
        digest.update(f"{path.relative_to(PROJECT)}\n".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:16]


def _admin(url: str):
    import psycopg

    base, _, name = url.rpartition("/")
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"Ugyldig databasenavn i {url}")
    return psycopg.connect(f"{base}/postgres", autocommit=True), name


def template_ready(url: str, stamp: str) -> bool:
    """Is there a prepared copy (migrated, demo data loaded) of the cluster's database for this code?"""
    conn, name = _admin(url)
    with conn:
        row = conn.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                           [f"{name}_template"]).fetchone()
    return bool(row and row[0] == stamp)


def fresh_database(url: str, *, from_template: bool) -> None:
    """The cluster's database, empty or as a copy of the prepared template (seconds, not minutes)."""
    conn, name = _admin(url)
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{name}_template"' if from_template else ""))


def save_template(url: str, stamp: str) -> None:
    conn, name = _admin(url)
    with conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}_template" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}_template" TEMPLATE "{name}"')
        conn.execute(f'COMMENT ON DATABASE "{name}_template" IS \'{stamp}\'')


def get(url: str, timeout: float = 2.0) -> tuple[int, dict[str, str]]:
    """Status and headers (names in lower case) of a GET; 0 when nothing answers."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - our own http://127.0.0.1 nodes
            return response.status, {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as exc:
        return exc.code, {k.lower(): v for k, v in exc.headers.items()}
    except OSError:
        return 0, {}


class Cluster:
    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.secret = secrets.token_urlsafe(48)
        self.procs: dict[str, subprocess.Popen] = {}
        self.commands: dict[str, tuple[list[str], dict[str, str]]] = {}
        self.restart_at: dict[str, float] = {}
        self.restarts: dict[str, int] = {}

    @property
    def web_names(self) -> list[str]:
        return [f"web{i}" for i in range(1, len(self.settings.web) + 1)]

    def run_once(self, *args: str, name: str = "web1") -> None:
        subprocess.run([*styring(), *args], env=node_env(self.settings, name, self.secret), check=True,  # noqa: S603 - our own command
                       stdout=subprocess.DEVNULL if "collectstatic" in args else None)

    def prepare(self) -> None:
        """A database with the demo data and each node's static files; both are made once per version
        of the code (kept as ``<db>_template`` and ``var/cluster-static``) and copied on every start."""
        if ROOT.exists():
            shutil.rmtree(ROOT)  # every node starts with an empty local folder
        ROOT.mkdir(parents=True)
        url, stamp = self.settings.database_url, fingerprint("database")
        if template_ready(url, stamp):
            log(f"Database fra malen ({url}_template)")
            fresh_database(url, from_template=True)
            self.run_once("migrate", "--noinput", "-v0")  # nothing to do unless the template is behind
        else:
            log(f"Tom database: {url}; migrerer og laster demodata (første gang for denne koden)")
            fresh_database(url, from_template=False)
            self.run_once("migrate", "--noinput", "-v0")
            self.run_once("load_demo", "--demo-in-production")
            save_template(url, stamp)
        # the static files are built once (compressed, with hashed names) and copied to each node's folder
        static, stamp = PROJECT / "var" / "cluster-static", fingerprint("static")
        if not (static / stamp).is_dir():
            shutil.rmtree(static, ignore_errors=True)
            log("Samler de statiske filene (første gang for denne koden)")
            self.run_once("collectstatic", "--noinput", "-v0")
            static.mkdir(parents=True)
            shutil.move(str(ROOT / self.web_names[0] / "static"), static / stamp)
        for name in self.web_names:
            shutil.copytree(static / stamp, ROOT / name / "static")

    def launch(self, name: str) -> None:
        argv, env = self.commands[name]
        out = (ROOT / f"{name}.log").open("ab")
        self.procs[name] = subprocess.Popen(argv, env=env, stdout=out, stderr=subprocess.STDOUT,  # noqa: S603 - our own commands
                                            start_new_session=True, cwd=PROJECT)
        self.write_state()

    def start(self) -> None:
        for name, address in zip(self.web_names, self.settings.web):
            self.commands[name] = ([*styring(), "serve", address, "--no-worker"],
                                   node_env(self.settings, name, self.secret))
        for i in range(1, self.settings.workers + 1):
            name = f"worker{i}"
            self.commands[name] = ([*styring(), "worker"], node_env(self.settings, name, self.secret))
        haproxy_env = dict(os.environ, STYRING_BALANCER=self.settings.balancer,
                           STYRING_NODE_MAXCONN=str(self.settings.processes_per_node),
                           STYRING_HAPROXY_SOCKET=str(ROOT / "haproxy.sock"),
                           **{f"STYRING_{n.upper()}": a for n, a in zip(self.web_names, self.settings.web)})
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        self.commands["balancer"] = ([haproxy, "-db", "-f", str(HAPROXY_CFG)], haproxy_env)
        for name in self.commands:
            self.launch(name)
        self.wait_ready()

    def wait_ready(self, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        seen: set[str] = set()
        while time.monotonic() < deadline:
            for name, proc in self.procs.items():
                if proc.poll() is not None:
                    raise SystemExit(f"{name} stoppet under oppstart (kode {proc.returncode}); se {ROOT / name}.log")
            status, headers = get(f"http://{self.settings.balancer}/helse/")
            if status == 200:
                seen.add(headers.get("x-styring-node", ""))
            if seen >= set(self.web_names):
                self.write_state(ready=True)
                return
            time.sleep(0.5)
        raise SystemExit(f"Klyngen svarte ikke innen {timeout:.0f} s (noder sett: {sorted(seen)})")

    def write_state(self, ready: bool | None = None) -> None:
        old = json.loads(STATE.read_text()) if STATE.exists() else {}
        state = {
            "ready": old.get("ready", False) if ready is None else ready,
            "launcher": os.getpid(),
            "balancer": self.settings.balancer,
            "database_url": self.settings.database_url,
            "haproxy_socket": str(ROOT / "haproxy.sock"),
            "nodes": {n: {"address": a, "pid": self.procs[n].pid if n in self.procs else None}
                      for n, a in zip(self.web_names, self.settings.web)},
            "processes": {n: p.pid for n, p in self.procs.items()},
        }
        STATE.write_text(json.dumps(state, indent=2))

    def watch(self, stop: list[int]) -> None:
        """Until told to stop: start again whatever ended (after RESTART_SECONDS)."""
        while not stop:
            now = time.monotonic()
            for name, proc in list(self.procs.items()):
                if proc.poll() is not None and name not in self.restart_at:
                    log(f"{name} stoppet (kode {proc.returncode}); startes igjen om {RESTART_SECONDS:.0f} s")
                    self.restart_at[name] = now + RESTART_SECONDS
            for name, when in list(self.restart_at.items()):
                if now >= when and not stop:
                    del self.restart_at[name]
                    self.restarts[name] = self.restarts.get(name, 0) + 1
                    self.launch(name)
                    log(f"{name} er startet igjen (prosess {self.procs[name].pid})")
            time.sleep(0.2)

    def stop(self, grace: float = 15) -> None:
        for proc in self.procs.values():
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        for proc in self.procs.values():
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        STATE.unlink(missing_ok=True)


def run() -> int:
    """``make cluster``: prepare, start, and keep running until Ctrl-C or SIGTERM."""
    cluster = Cluster()
    stop: list[int] = []
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda signum, frame: stop.append(signum))
    try:
        cluster.prepare()
        cluster.start()
        s = cluster.settings
        log(f"Klyngen kjører: http://{s.balancer}/ (HAProxy) foran {', '.join(s.web)}, "
            f"{s.workers} arbeider(e) på Redis, database {s.database_url}. Ctrl-C stopper alt.")
        log("Demobrukerne har passordet styring-demo (f.eks. hn-eier, unn-rapportor).")
        cluster.watch(stop)
    finally:
        log("Stopper klyngen")
        cluster.stop()
    return 0
