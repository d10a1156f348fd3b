"""The API's body parsers (``settings.REST_FRAMEWORK``): DRF's, with the rule every input keeps
(``styring.lib.input``): no NUL character, nothing nested deeper than ``MAX_DEPTH`` — a Norwegian 400
instead of a 500 (a deeply nested JSON body ran Python's parser out of stack, also anonymously on
``POST /api/token/``)."""
from __future__ import annotations

from rest_framework import parsers
from rest_framework.exceptions import ParseError

from styring.lib.input import DEEP_MESSAGE, refusal


def _checked(parsed):
    data = getattr(parsed, "data", parsed)  # multipart: DataAndFiles
    found = refusal(list(data.lists()) if hasattr(data, "lists") else data)
    if found:
        raise ParseError(found)
    return parsed


class JSONParser(parsers.JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return _checked(super().parse(stream, media_type, parser_context))
        except RecursionError:
            raise ParseError(DEEP_MESSAGE) from None


class FormParser(parsers.FormParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return _checked(super().parse(stream, media_type, parser_context))


class MultiPartParser(parsers.MultiPartParser):
    def parse(self, stream, media_type=None, parser_context=None):
        return _checked(super().parse(stream, media_type, parser_context))
