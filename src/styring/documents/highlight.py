"""The document text as HTML with each item's source spans marked, for the review screen."""
from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def highlighted_text(text: str, items: Iterable) -> SafeString:
    """Escape ``text`` and wrap every stretch covered by an item's spans in ``<mark>``.

    Spans may overlap; each stretch lists all items covering it in ``data-items``. An anchor
    ``kilde-<pk>`` sits where an item's first span starts, so the item list can link to it.
    """
    starts: dict[int, list[int]] = {}
    events: dict[int, list[tuple[int, int]]] = {}
    for item in items:
        spans = sorted((s["start"], s["end"]) for s in item.source_spans or [] if s["end"] > s["start"])
        for n, (start, end) in enumerate(spans):
            start, end = max(0, start), min(len(text), end)
            if start >= end:
                continue
            events.setdefault(start, []).append((+1, item.pk))
            events.setdefault(end, []).append((-1, item.pk))
            if n == 0:
                starts.setdefault(start, []).append(item.pk)
    bounds = sorted({0, len(text), *events})
    active: dict[int, int] = {}
    out: list[str] = []
    for here, there in zip(bounds, bounds[1:] + [None]):
        for delta, pk in events.get(here, []):
            active[pk] = active.get(pk, 0) + delta
            if active[pk] <= 0:
                del active[pk]
        out.extend(f'<span class="st-anchor" id="kilde-{pk}"></span>' for pk in starts.get(here, []))
        if there is None:
            break
        chunk = escape(text[here:there])
        if active:
            ids = " ".join(str(pk) for pk in sorted(active))
            out.append(f'<mark class="st-mark" data-items="{ids}">{chunk}</mark>')
        else:
            out.append(chunk)
    return mark_safe("".join(out))  # noqa: S308 - built from escaped pieces
