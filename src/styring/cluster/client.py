"""A small HTTP client for the cluster check and the node-loss run (the standard library only): a
session of its own (cookies, Django's CSRF token), every answer with the node that gave it."""
from __future__ import annotations

import http.cookiejar
import json
import re
import urllib.error
import urllib.parse
import urllib.request
import uuid
from collections import Counter
from dataclasses import dataclass
from typing import Any


@dataclass
class Answer:
    status: int
    url: str
    node: str
    body: bytes
    headers: dict[str, str]

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:  # noqa: ANN401 - whatever JSON the page answered
        return json.loads(self.body)


class Browser:
    """One person's browser: its own cookies; redirects followed (the last answer is returned)."""

    def __init__(self, base: str, timeout: float = 60):
        self.base = base.rstrip("/")
        self.timeout = timeout
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        self.nodes: Counter[str] = Counter()

    def cookie(self, name: str) -> str:
        return next((c.value or "" for c in self.jar if c.name == name), "")

    def request(self, method: str, path: str, data: bytes | None = None, headers: dict[str, str] | None = None,
                ) -> Answer:
        url = path if path.startswith("http") else self.base + path
        if not url.startswith(("http://", "https://")):
            raise ValueError(f"not a web address: {url}")
        req = urllib.request.Request(url, data=data, method=method, headers=headers or {})  # noqa: S310 - http(s) only
        try:
            with self.opener.open(req, timeout=self.timeout) as response:
                answer = Answer(response.status, response.url, response.headers.get("X-Styring-Node", ""),
                                response.read(), dict(response.headers))
        except urllib.error.HTTPError as exc:
            answer = Answer(exc.code, url, exc.headers.get("X-Styring-Node", ""), exc.read(), dict(exc.headers))
        self.nodes[answer.node] += 1
        return answer

    def get(self, path: str) -> Answer:
        return self.request("GET", path)

    def post_form(self, path: str, fields: dict[str, str | list[str]], files: dict[str, tuple[str, bytes]] | None = None,
                  ) -> Answer:
        """A form as a browser sends it, with the CSRF token (fetched first when there is none yet)."""
        if not self.cookie("csrftoken"):
            self.get("/logg-inn/")
        fields = {"csrfmiddlewaretoken": self.cookie("csrftoken"), **fields}
        if files:
            body, ctype = multipart(fields, files)
        else:
            pairs = [(k, v) for k, vs in fields.items() for v in (vs if isinstance(vs, list) else [vs])]
            body, ctype = urllib.parse.urlencode(pairs).encode(), "application/x-www-form-urlencoded"
        return self.request("POST", path, body, {"Content-Type": ctype})

    def api(self, method: str, path: str, payload: dict | None = None, token: str | None = None) -> Answer:
        """The API, signed in by this browser's session (with its CSRF token) or by a token."""
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if token:
            headers["Authorization"] = f"Token {token}"
        else:
            if not self.cookie("csrftoken"):
                self.get("/logg-inn/")
            headers["X-CSRFToken"] = self.cookie("csrftoken")
        data = json.dumps(payload).encode() if payload is not None else None
        return self.request(method, path, data, headers)

    def login(self, username: str, password: str) -> Answer:
        self.get("/logg-inn/")
        return self.post_form("/logg-inn/", {"username": username, "password": password})

    def signed_in(self) -> bool:
        answer = self.get("/")
        return answer.status == 200 and "/logg-inn/" not in answer.url


def multipart(fields: dict[str, str | list[str]], files: dict[str, tuple[str, bytes]]) -> tuple[bytes, str]:
    boundary = uuid.uuid4().hex
    parts: list[bytes] = []
    for name, values in fields.items():
        for value in values if isinstance(values, list) else [values]:
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for name, (filename, content) in files.items():
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                     f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def options(html: str, select: str) -> list[tuple[str, str]]:
    """The (value, label) options of a <select name=…> in a page."""
    found = re.search(rf'<select[^>]*name="{select}"[^>]*>(.*?)</select>', html, re.S)
    if not found:
        return []
    return [(v, re.sub(r"\s+", " ", label).strip())
            for v, label in re.findall(r'<option[^>]*value="([^"]*)"[^>]*>(.*?)</option>', found.group(1), re.S)]
