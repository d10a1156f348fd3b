"""What no input may hold, checked in one place for every address, parameter and body: a NUL
character (PostgreSQL cannot store or compare text with one: a 500) and structures nested deeper
than any of our inputs are (Python's JSON parser runs out of stack: a 500). The web's middleware
asks about addresses, parameters and form fields; the API's JSON parser about what it parsed.

``excerpt`` is how an error message quotes a value a user sent: a short part of it, never all of
it (a 300 MB cell must not come back in a 400)."""
from __future__ import annotations

MAX_DEPTH = 32  # the deepest of our inputs (a report's comments per entry) is 3
NUL = "\x00"
NUL_MESSAGE = "Forespørselen inneholder et ugyldig tegn (NUL, et Null-tegn). Fjern det og prøv igjen."
DEEP_MESSAGE = f"Forespørselen er nestet for dypt (mer enn {MAX_DEPTH} nivåer)."
EXCERPT = 60
MAX_INTEGER = 2**31 - 1  # the largest version, position or count a request may give (PostgreSQL's integer)


def excerpt(value: object, limit: int = EXCERPT) -> str:
    """At most ``limit`` characters of ``value`` for an error message, with "…" when cut."""
    text = value if isinstance(value, str) else str(value)
    text = text.replace(NUL, "")
    if len(text) <= limit:
        return text
    return text[: limit - 1].rstrip() + "…"


def refusal(value: object, depth: int = MAX_DEPTH) -> str | None:
    """Why ``value`` (text, or lists and dicts of them as a JSON parser gives) must be refused, or None."""
    stack: list[tuple[object, int]] = [(value, 1)]
    while stack:
        current, level = stack.pop()
        if isinstance(current, str):
            if NUL in current:
                return NUL_MESSAGE
        elif isinstance(current, dict | list | tuple):
            if level > depth:
                return DEEP_MESSAGE
            if isinstance(current, dict):
                stack.extend((key, level) for key in current)
                stack.extend((item, level + 1) for item in current.values())
            else:
                stack.extend((item, level + 1) for item in current)
    return None
