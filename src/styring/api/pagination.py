"""The API's pagination and error handling, named in ``settings.REST_FRAMEWORK`` (kept out of
``views`` because DRF reads these settings while its own views are being imported)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from rest_framework import exceptions, status, views
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from styring.api.params import PageParams
from styring.reporting.errors import WorkflowError


class Pagination(LimitOffsetPagination):
    """``?limit=`` (at most 1000, 200 by default) and ``?offset=``, checked like every other parameter."""

    default_limit = 200
    max_limit = 1000
    limit_query_description = "Hvor mange treff per side (høyst 1000, 200 om ikke annet er oppgitt)."
    offset_query_description = "Hvor mange treff som hoppes over (sidens start)."

    def paginate_queryset(self, queryset: QuerySet[Any] | Sequence[Any], request: Request, view: APIView | None = None) -> list[Any] | None:
        PageParams(data=request.query_params).is_valid(raise_exception=True)
        return super().paginate_queryset(queryset, request, view)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's handler, keeping the Norwegian reason of a ``Http404`` or ``PermissionDenied`` raised by
    the models' ``*_or_404`` and the workflow (DRF would replace it with its generic text)."""
    if isinstance(exc, Http404):
        reason = exc.args[0] if exc.args and isinstance(exc.args[0], str) else ""
        exc = exceptions.NotFound(reason if reason and "matches the given query" not in reason
                                  else "Finnes ikke, eller du har ikke tilgang.")
    elif isinstance(exc, PermissionDenied) and exc.args:
        exc = exceptions.PermissionDenied(str(exc.args[0]))
    if isinstance(exc, WorkflowError):  # a step or a value the cycle refuses: its Norwegian reasons
        return Response({"detail": exc.message, "errors": exc.errors}, status=status.HTTP_400_BAD_REQUEST)
    return views.exception_handler(exc, context)
