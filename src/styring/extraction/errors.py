"""The one exception the extractor lets out: a Norwegian message for the user."""
from __future__ import annotations

from typing import Any


class ExtractionError(Exception):
    """Bad or unreadable input. ``str(err)`` is a bokmål message saying what is wrong and what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NoItemsFound(ExtractionError):
    """The text was read, but no steering items were found in it. ``result`` is the contract object
    with an empty item list (document facts, reporting calendar and grants as found), for tools
    that want it anyway."""

    def __init__(self, message: str, result: dict[str, Any]) -> None:
        super().__init__(message)
        self.result = result
