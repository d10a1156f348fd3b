"""White space inside lines, made one space for the rules (PDF and Word text layers are full of
runs of spaces, tabs, no-break spaces, soft hyphens and zero-width spaces), with a map back to the
offsets of the text as read — so sources point into the original, and table columns (separated by
runs of spaces) can still be read from it."""
from __future__ import annotations

import bisect
import re

_SQUEEZE_RE = re.compile(r"[ \t\u00a0\u2007\u2009\u202f]{2,}(?=\S)|[\t\u00a0\u2007\u2009\u202f](?=\S)|[\u00ad\u200b\ufeff]")


def squeeze(text: str) -> tuple[str, list[tuple[int, int]] | None]:
    """The text with runs of spaces, tabs and no-break spaces inside a line made one space, and soft
    hyphens and zero-width spaces dropped (PDF and Word text layers are full of them), and a map
    from its offsets back to the text's. Leading and trailing whitespace of lines is kept."""
    if not _SQUEEZE_RE.search(text):
        return text, None
    out: list[str] = []
    marks: list[tuple[int, int]] = []  # (offset in the new text, shift to the old text from there on)
    last = 0
    new_pos = 0
    n = len(text)
    for m in _SQUEEZE_RE.finditer(text):
        a, b = m.start(), m.end()
        if text[a] not in "\u00ad\u200b\ufeff" and (a == 0 or b >= n or text[a - 1].isspace() or text[b].isspace()):
            continue  # leading or trailing whitespace of a line stays as it is
        out.append(text[last:m.start()])
        new_pos += m.start() - last
        keep = m.group(0)[0] not in "\u00ad\u200b\ufeff"
        if keep:
            out.append(" ")
            new_pos += 1
        marks.append((new_pos, m.end() - new_pos))
        last = m.end()
    out.append(text[last:])
    return "".join(out), marks


def original_offset(pos: int, marks: list[tuple[int, int]]) -> int:
    k = bisect.bisect_right(marks, (pos, float("inf"))) - 1
    return pos + (marks[k][1] if k >= 0 else 0)


def squeezed_offset(pos: int, marks: list[tuple[int, int]] | None) -> int:
    """The offset in the squeezed text of ``pos`` in the text as read (the inverse of
    ``original_offset``; a position inside a squeezed run maps to the run's one space)."""
    if not marks:
        return pos
    lo, hi, k = 0, len(marks) - 1, -1
    while lo <= hi:
        mid = (lo + hi) // 2
        if marks[mid][0] + marks[mid][1] <= pos:
            k, lo = mid, mid + 1
        else:
            hi = mid - 1
    shift = marks[k][1] if k >= 0 else 0
    floor = marks[k][0] if k >= 0 else 0
    return max(floor, pos - shift) if k >= 0 else pos
