"""The API's body parsers (``settings.REST_FRAMEWORK``): DRF's, with the rule every input keeps
(``styring.lib.input``): no NUL character, nothing nested deeper than ``MAX_DEPTH`` — a Norwegian 400
instead of a 500 (a deeply nested JSON body ran Python's parser out of stack, also anonymously on
``POST /api/token/``)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import IO, TYPE_CHECKING, Any, TypeVar

from rest_framework import parsers
from rest_framework.exceptions import ParseError
from rest_framework.parsers import DataAndFiles

from styring.lib.input import DEEP_MESSAGE, refusal

if TYPE_CHECKING:
    from django.http.request import _ImmutableQueryDict


def _checked(parsed: P) -> P:
    data = getattr(parsed, "data", parsed)  # multipart: DataAndFiles
    found = refusal(list(data.lists()) if hasattr(data, "lists") else data)
    if found:
        raise ParseError(found)
    return parsed


P = TypeVar("P")


class JSONParser(parsers.JSONParser):
    def parse(self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None,
              ) -> dict[str, Any]:
        try:
            return _checked(super().parse(stream, media_type, parser_context))
        except RecursionError:
            raise ParseError(DEEP_MESSAGE) from None


class FormParser(parsers.FormParser):
    def parse(self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None,
              ) -> _ImmutableQueryDict:
        return _checked(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream: IO[Any], media_type: str | None = None, parser_context: Mapping[str, Any] | None = None,
              ) -> DataAndFiles[Any, Any]:
        return _checked(super().parse(stream, media_type, parser_context))
