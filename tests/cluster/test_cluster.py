"""The cluster (``styring.cluster``): its small parts here, and with the ``cluster`` marker (left out of
the default run; ``make cluster-check`` runs them, as CI does after the suite) the balancer's
configuration and the whole check through two nodes, a worker on Redis and HAProxy on PostgreSQL."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from styring.cluster.client import Browser, multipart, options
from styring.cluster.launcher import HAPROXY_CFG, PROJECT, fingerprint


def test_options_are_read_from_a_select():
    html = '<select name="issuer" id="x"><option value="3">Helse Nord RHF</option>\n<option value="7" selected>Helse Vest\n RHF</option></select>'
    assert options(html, "issuer") == [("3", "Helse Nord RHF"), ("7", "Helse Vest RHF")]
    assert options(html, "year") == []


def test_a_form_with_a_file_is_sent_as_multipart():
    body, ctype = multipart({"year": "2031", "vist": ["1", "2"]}, {"file": ("a.txt", b"tekst")})
    boundary = ctype.split("boundary=")[1]
    assert body.count(f"--{boundary}\r\n".encode()) == 4 and body.endswith(f"--{boundary}--\r\n".encode())
    assert b'name="file"; filename="a.txt"' in body and b"\r\n\r\ntekst\r\n" in body


def test_the_browser_keeps_its_cookies_and_names_the_node():
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("X-Styring-Node", "web2")
            if self.path == "/logg-inn/":
                self.send_header("Set-Cookie", "csrftoken=abc; Path=/")
            self.end_headers()
            self.wfile.write(self.headers.get("Cookie", "").encode())

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        browser = Browser(f"http://127.0.0.1:{server.server_port}")
        browser.get("/logg-inn/")
        answer = browser.get("/")
        assert answer.text == "csrftoken=abc" and answer.node == "web2"
        assert browser.cookie("csrftoken") == "abc" and browser.nodes["web2"] == 2
    finally:
        server.shutdown()


def test_the_prepared_database_and_static_files_each_have_their_own_fingerprint():
    database, static = fingerprint("database"), fingerprint("static")
    assert database == fingerprint("database") and len(database) == 16 and static != database


@pytest.mark.cluster
def test_the_balancer_configuration_is_valid():
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    env = dict(os.environ, STYRING_BALANCER="127.0.0.1:8080", STYRING_WEB1="127.0.0.1:8001",
               STYRING_WEB2="127.0.0.1:8002", STYRING_NODE_MAXCONN="2", STYRING_HAPROXY_SOCKET="/tmp/styring-haproxy-check.sock")
    result = subprocess.run([haproxy, "-c", "-f", str(HAPROXY_CFG)], env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.cluster
def test_the_cycle_and_a_lost_node_through_the_balancer():
    """``python -m styring.cluster check``: starts the cluster when none runs, prints every step and
    its figures, and exits non-zero on any failure."""
    result = subprocess.run([sys.executable, "-m", "styring.cluster", "check"], cwd=PROJECT, timeout=1800)
    assert result.returncode == 0
