"""Error answers in Norwegian: pages with the site's navigation, and JSON under ``/api/``.

Named as ``handler400/403/404/500`` in ``styring.urls``. Django answers a missing page with its own
technical page when ``DEBUG`` is on (``make demo``); ``NotFoundInDebugMiddleware`` gives the
Norwegian 404 page there too (403 already goes to ``handler403`` with ``DEBUG``; a server error
keeps Django's debug page for the developer). The reason a view gives (``Http404("Fant
ikke rapporten.")``, ``PermissionDenied("Bare rapportøren …")``) is shown to the user; a server
error shows no detail (it is logged).
"""
from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template import loader
from django.urls import Resolver404, resolve

TITLES = {
    400: "Ugyldig forespørsel",
    403: "Ingen tilgang",
    404: "Fant ikke siden",
    500: "Noe gikk galt",
}
DEFAULT_REASONS = {
    400: "Det som ble sendt, kunne ikke leses. Sjekk verdiene og prøv igjen.",
    403: "Du har ikke tilgang til dette.",
    404: "Siden finnes ikke, eller du har ikke tilgang til den.",
    500: "Det oppstod en feil hos oss. Feilen er logget; prøv igjen om litt.",
}


def _reason(status: int, exception: BaseException | None) -> str:
    """The Norwegian reason the view gave, if any (Django's own English texts are not shown)."""
    if status == 500 or exception is None or not exception.args or not isinstance(exception.args[0], str):
        return DEFAULT_REASONS[status]
    text = exception.args[0]
    if not text or any(english in text for english in ("No ", "not found", "matches the given", "Forbidden")):
        return DEFAULT_REASONS[status]
    return text


def _api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def _answer(request: HttpRequest | None, status: int, reason: str) -> HttpResponse:
    if request is not None and _api(request):
        return JsonResponse({"detail": reason}, status=status)
    context = {"status": status, "title": TITLES[status], "reason": reason}
    # a server error is rendered without the request: no context processor may touch a broken database
    html = loader.render_to_string("error.html", context, request if status != 500 else None)
    return HttpResponse(html, status=status)


def bad_request(request: HttpRequest, exception: BaseException) -> HttpResponse:
    return _answer(request, 400, _reason(400, exception))


def permission_denied(request: HttpRequest, exception: BaseException) -> HttpResponse:
    return _answer(request, 403, _reason(403, exception))


def page_not_found(request: HttpRequest, exception: BaseException) -> HttpResponse:
    return _answer(request, 404, _reason(404, exception))


def server_error(request: HttpRequest) -> HttpResponse:
    return _answer(request, 500, DEFAULT_REASONS[500])


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """A form sent after the session expired or from an old page (``CSRF_FAILURE_VIEW``)."""
    return _answer(request, 403, "Skjemaet kunne ikke sendes fordi siden var for gammel eller du var logget ut. "
                                 "Last siden på nytt og prøv igjen.")


class NotFoundInDebugMiddleware:
    """With ``DEBUG`` on, a page that does not exist (no route, or ``Http404`` from a view) answers
    with the Norwegian 404 page instead of Django's technical one. Does nothing with ``DEBUG`` off,
    where Django calls ``handler404`` itself. Sits inside ``CommonMiddleware``, so a missing slash
    is still added by a redirect."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.DEBUG:
            try:
                resolve(request.path_info, getattr(request, "urlconf", None))
            except Resolver404 as exc:
                return page_not_found(request, exc)
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
