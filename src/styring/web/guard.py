"""The one gate every request passes before a view, a session or the database sees it: an address,
a query parameter or a form field with a NUL character is a Norwegian 400 (PostgreSQL cannot take
one: it was a 500 on 13 addresses). JSON bodies are checked by the API's parsers
(``styring.api.parsers``) with the same rule (``styring.lib.input``)."""
from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse, JsonResponse

from styring.lib.input import NUL, NUL_MESSAGE, refusal
from styring.web.errors import bad_request

FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


def problem(request: HttpRequest) -> tuple[str | None, str] | None:
    """Why the request must be refused before anything reads it, with the parameter or field that
    holds the bad input (None for the address), or None."""
    if NUL in request.path or NUL in request.path_info:
        return None, NUL_MESSAGE
    fields = list(request.GET.lists())
    if request.method == "POST" and request.content_type in FORMS and request.POST:
        fields += list(request.POST.lists())
    for name, values in fields:
        if found := refusal([name, *values]):
            return name, found
    return None


class InputGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        found = problem(request)
        if found is None:
            return self.get_response(request)
        field, message = found
        if field is not None and request.path.startswith("/api/"):  # as the API names a bad parameter
            return JsonResponse({field.replace(NUL, ""): [message]}, status=400)
        return bad_request(request, ValueError(message))
