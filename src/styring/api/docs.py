"""The OpenAPI schema (``/api/schema/``) and a documentation page rendered from it on the server
(``/api/docs/``): no JavaScript from a CDN and no third-party assets, so it works offline."""
from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.views import SpectacularAPIView
from rest_framework.permissions import AllowAny

METHODS = ("get", "post", "put", "patch", "delete")


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema (YAML by default, ``?format=json`` for JSON); readable without login."""

    permission_classes = [AllowAny]


_cache: dict[str, dict] = {}


def api_schema() -> dict:
    """The generated schema, once per process (it only changes with the code)."""
    if "schema" not in _cache:
        _cache["schema"] = SchemaGenerator().get_schema(request=None, public=True)
    return _cache["schema"]


def _resolve(schema: dict, node: dict | None) -> dict:
    while node and "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = schema["components"]["schemas"].get(name, {})
    return node or {}


def _fields(schema: dict, body: dict | None) -> list[dict]:
    node = _resolve(schema, body)
    required = set(node.get("required", []))
    rows = []
    for name, prop in (node.get("properties") or {}).items():
        prop = _resolve(schema, prop) if "$ref" in prop else prop
        kind = prop.get("type") or ("enum" if "enum" in prop else "objekt")
        if prop.get("format"):
            kind = f"{kind} ({prop['format']})"
        rows.append({
            "name": name, "type": kind, "required": name in required, "read_only": prop.get("readOnly", False),
            "description": prop.get("description", ""), "enum": prop.get("enum"),
        })
    return rows


def operations(schema: dict) -> list[dict]:
    ops = []
    for path, item in schema.get("paths", {}).items():
        for method in METHODS:
            op = item.get(method)
            if not op:
                continue
            body = None
            content = (op.get("requestBody") or {}).get("content") or {}
            for media in ("application/json", "multipart/form-data"):
                if media in content:
                    body = {"media": media, "fields": _fields(schema, content[media].get("schema"))}
                    break
            ops.append({
                "id": op.get("operationId", f"{method}-{path}"),
                "method": method.upper(), "path": path, "summary": op.get("summary", ""),
                "description": op.get("description", ""), "tag": (op.get("tags") or ["api"])[0],
                "parameters": [
                    {"name": p["name"], "in": p["in"], "required": p.get("required", False),
                     "type": (p.get("schema") or {}).get("type", ""), "enum": (p.get("schema") or {}).get("enum"),
                     "description": p.get("description", "")}
                    for p in op.get("parameters", [])
                ],
                "body": body,
                "responses": [{"code": code, "description": r.get("description", "")}
                              for code, r in op.get("responses", {}).items()],
            })
    return ops


# The sections of the documentation page: the first part of each path, in Norwegian.
TAGS = {
    "allocations": "Bevilgninger", "calendar-feed": "Kalender", "documents": "Styringsdokumenter",
    "entries": "Rapportpunkter", "evaluations": "Indikatorvurderinger", "indicator-values": "Indikatorverdier",
    "items": "Krav", "measures": "Tiltak", "organisations": "Organisasjoner", "periods": "Rapporteringsperioder",
    "reports": "Rapporter", "risks": "Risikoer", "search": "Søk", "token": "Innlogging (token)",
}


def docs(request: HttpRequest) -> HttpResponse:
    """API documentation from the schema: every endpoint with parameters, body fields and answers."""
    schema = api_schema()
    groups: dict[str, list[dict]] = {}
    for op in operations(schema):
        groups.setdefault(TAGS.get(op["tag"], op["tag"]), []).append(op)
    return render(request, "api/docs.html", {
        "info": schema.get("info", {}), "groups": list(groups.items()), "base": request.build_absolute_uri("/api/"),
    })
