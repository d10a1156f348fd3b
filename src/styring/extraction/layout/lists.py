"""Lists whose marks were lost: bullets set in a symbol font often lose their glyph in text
conversion, and then a list is visible only by its shape.

The shape: a lead-in line that ends with ":" (or a label such as "Indikatorar"), then lines that
begin further right than the body text (a space, an indent) with a capital letter, usually without
a final full stop; an item may wrap onto lines that begin at the body's margin or, with a hanging
indent, at the item's own indent (then the line before is a full one, or the line starts in lower
case). Without any indentation, a run of parallel short lines directly after the lead-in is a list
too. Each line found so becomes a list item with no mark and a reason in ``Line.inferred``.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from styring.extraction import lexicon as lx
from styring.extraction.layout.lines import LETTERED_RE, NUMBERED_RE, Line

TERMINAL = tuple(".!?;»\"”)")
REASON_INDENT = "liste uten punkttegn, gjenkjent fra innrykk"
REASON_SHORT_LINES = "liste uten punkttegn, gjenkjent fra korte parallelle linjer"
REASON_WORDS = "listelinje uten punkttegn, gjenkjent fra ordene"


def _content(lines: list[Line], i: int, limit: int = 4) -> int | None:
    """The index of the next line with content after ``i`` (page furniture and up to ``limit``
    runs of blank lines skipped)."""
    gaps = 0
    for j in range(i + 1, len(lines)):
        ln = lines[j]
        if ln.furniture:
            continue
        if not ln.text:
            if lines[j - 1].text and not lines[j - 1].furniture:
                gaps += 1
                if gaps > limit:
                    return None
            continue
        return j
    return None


def _marked(ln: Line) -> bool:
    """The line carries a list mark, a number ("4.", "2.1", "3 Hovedmål") or a letter ("a)"), or
    the file says it is a heading."""
    if ln.bullet or ln.heading is not None or LETTERED_RE.match(ln.text):
        return True
    m = NUMBERED_RE.match(ln.text)
    return m is not None and (bool(m.group("dot")) or "." in m.group("num") or m.group("rest")[:1].isupper())


def _mid_sentence(lines: list[Line], k: int) -> bool:
    """Line ``k`` goes on with the sentence of the line right before it (no blank line between,
    and that line ends without a stop)."""
    prev = lines[k - 1] if k else None
    return (prev is not None and bool(prev.text) and not prev.furniture and not prev.bullet
            and prev.heading is None and len(prev.text) >= 40 and not prev.text.endswith(TERMINAL + (":",)))


def _starts_upper(text: str) -> bool:
    return text[:1].isupper() or text[:1] in "«\"" or (text[:1].isdigit() and not NUMBERED_RE.match(text))


def body_indent(lines: list[Line]) -> int:
    """The indent of the body text (0 for most text): the smallest indent a fair share of the
    longer lines have (in a short document, indented list items may be the most common)."""
    counts = Counter(ln.indent for ln in lines if ln.text and not ln.furniture and len(ln.text) > 40)
    if not counts:
        return 0
    enough = max(2, sum(counts.values()) // 10)
    common = [indent for indent, n in counts.items() if n >= enough]
    return min(common) if common else min(counts)


def mark_list_lines(lines: list[Line], list_line: Callable[[str], bool]) -> None:
    """Lines whose words alone make them list lines ("Annen oppgave 2024 til …"), when they stand
    on their own (not in the middle of a sentence)."""
    for k, ln in enumerate(lines):
        if ln.text and not ln.bullet and list_line(ln.text) and not _mid_sentence(lines, k):
            ln.bullet, ln.mark, ln.bullet_text, ln.bullet_offset = "main", "", ln.text, ln.start
            ln.inferred = REASON_WORDS


def infer_lists(lines: list[Line], line_width: int, lead_in: Callable[[str], bool] | None = None,
                double_spaced: bool = False) -> None:
    """Mark as list items (``bullet="main"``, no mark) the unmarked items of every list that
    follows a lead-in line. ``lead_in`` says whether a line without a colon introduces a list (a
    label such as "Kvalitative"); ``double_spaced``: the text has a blank line after every line
    (some PDF converters), so blank lines say nothing about paragraphs."""
    base = body_indent(lines)
    full = 0.8 * line_width
    hanging = _hanging(lines, base)
    limit = line_limit(lines)
    for i, ln in enumerate(lines):
        if not ln.text or ln.furniture or ln.bullet:
            continue
        t = ln.text
        heading = ln.heading is not None or (len(t) <= 60 and len(t.split()) <= 8 and t[:1].isupper()
                                              and not t.endswith(TERMINAL + (",",)) and ln.indent <= base)
        if not (t.endswith(":") or heading or (lead_in is not None and len(t) <= 80 and lead_in(t))):
            continue
        j = _content(lines, i, 1)
        if j is None or _marked(lines[j]):
            continue
        first = lines[j]
        # items may go on from the lead-in's sentence in lower case ("… vil at X skal:", "… om å:")
        lower = t.endswith(":") and first.text[:1].islower()
        if heading and not t.endswith(":") and not (lead_in is not None and lead_in(t)):
            # a heading: indented lines under it are a list only when two or more stand alike
            nxt = _content(lines, j, 1)
            if first.indent <= base or nxt is None or lines[nxt].indent != first.indent or not _starts_upper(first.text):
                continue
        if first.indent > base and (_starts_upper(first.text) or lower):
            spaced = double_spaced or blank_separated(lines, max(0, i - 12), j + 12)
            _by_indent(lines, j, base, full, spaced, hanging, lower, limit)
        elif not double_spaced and _starts_upper(first.text) and (len(t.split()) >= 3 or not t.endswith(":")):
            _by_short_lines(lines, i, j, full)


def _by_indent(lines: list[Line], j: int, base: int, full: float, double_spaced: bool, hanging: bool,
               lower: bool = False, limit: int = 10_000) -> None:
    """Items begin on indented lines with a capital letter (or, in a list that goes on from its
    lead-in's sentence, ``lower``, in lower case). Lines at the body's margin continue the item
    above (as text after a bullet does); with a hanging indent, an indented line that follows a
    full line without a final stop continues it too. The list ends at a marked line, a new lead-in,
    or (where blank lines mean something) a line at the margin after a gap that begins a new
    sentence."""
    last: Line | None = None
    k: int | None = j
    while k is not None:
        ln = lines[k]
        if ln.bullet == "sub":
            last = ln  # a sub-point belongs to the item above; the list goes on after it
            k = _content(lines, k, 2)
            continue
        if _marked(ln):
            return
        t = ln.text
        gap = last is not None and not double_spaced and any(not lines[m].text for m in range(last.idx + 1, k))
        if ln.indent > base and (_starts_upper(t) or lower):
            # a wrapped line: the line before is open, and this line's first word would not have
            # fitted on it (else the writer's program would have put it there)
            if ln.wrapped is not None and last is not None and not gap:
                wrapped = ln.wrapped and not last.text.endswith(TERMINAL + (":",))  # the file's geometry
            else:
                wrapped = (hanging and last is not None and not gap and len(last.text) >= full
                           and not last.text.endswith(TERMINAL + (":",)) and not _fits(last, t, limit))
            if wrapped and last is not None and not lower and _new_sentence(last.text, t):
                wrapped = False  # a full line, but a capital where no name can go on: the next item
            if t.endswith(":") and last is not None:
                return  # a new lead-in: the list before it has ended
            if not wrapped:
                ln.bullet, ln.mark, ln.bullet_text, ln.bullet_offset = "main", "", t, ln.start
                ln.inferred = REASON_INDENT
        elif gap and ln.indent <= base and not t[:1].islower():
            return  # a paragraph after the list (a line after a gap that goes on in lower case continues)
        last = ln
        k = _content(lines, k, 2)


def mark_list_ends(lines: list[Line]) -> None:
    """Where a list's items follow each other without blank lines, a blank line after its last
    item and then a line at the margin that begins a sentence start a paragraph of their own: mark
    that line ``after_list`` so the item does not swallow it."""
    n = len(lines)
    k = 0
    while k < n:
        if lines[k].bullet != "main":
            k += 1
            continue
        items = 0
        tight = True
        last = k
        j = k
        while j < n:
            ln = lines[j]
            if ln.furniture:
                j += 1
                continue
            if not ln.text:
                # a gap: between items (the list is spaced, blank lines say nothing), or its end
                nxt = _content(lines, j - 1, 3)
                if nxt is not None and lines[nxt].bullet:
                    tight = False
                    j = nxt
                    continue
                break
            if ln.bullet:
                items += 1
            last = j
            j += 1
        nxt = _content(lines, last, 3)
        if tight and items >= 2 and nxt is not None and nxt > last + 1:
            after = lines[nxt]
            prev = lines[last].text
            if (not after.bullet and after.indent <= lines[k].indent and _starts_upper(after.text)
                    and not after.text.endswith(":") and (prev.endswith(TERMINAL) or len(prev) < 60 or lines[last].bullet)):
                after.after_list = True
        k = max(j, k + 1)


def line_limit(lines: list[Line]) -> int:
    """How far a full line reaches (indent + characters), from the longest lines but for a few."""
    reach = sorted(ln.indent + len(ln.text) for ln in lines if ln.text and not ln.furniture)
    return reach[int(len(reach) * 0.97)] if reach else 10_000


def _fits(prev: Line, text: str, limit: int) -> bool:
    """Whether the first word of ``text`` would have fitted at the end of ``prev`` (with a margin
    for proportional fonts)."""
    word = text.split(maxsplit=1)[0] if text.split() else ""
    return prev.indent + len(prev.text) + 1 + len(word) <= limit - 3


_LEADS_TO_A_NAME = lx.compile(r"(?:\b(?-i:<<leads_to_name>>)|[,\-–(]|\b[A-ZÆØÅ][\w-]*)$", flags=0)


def _new_sentence(prev: str, line: str) -> bool:
    """``line`` starts a new sentence or item rather than going on with ``prev``: it opens with a
    capitalised word (nouns are not capitalised in Norwegian) after a word that does not lead to a
    name ("med", "til", a comma, a name's first part)."""
    first = line.split(maxsplit=1)[0] if line.split() else ""
    if not (first[:1].isupper() and first[1:2].islower()):
        return False
    return not _LEADS_TO_A_NAME.search(prev.rstrip())


def _hanging(lines: list[Line], base: int) -> bool:
    """Lists in this text wrap their items with a hanging indent: an indented line is more often
    continued by an indented line in lower case than by one at the margin (where only the glyph
    was lost, wrapped lines start at the margin)."""
    at_margin = indented = 0
    prev: Line | None = None
    for ln in lines:
        if not ln.text or ln.furniture:
            continue
        if prev is not None and prev.indent > base and ln.text[:1].islower() and not prev.text.endswith(TERMINAL):
            if ln.indent > base:
                indented += 1
            else:
                at_margin += 1
        prev = ln
    return indented > at_margin


def _by_short_lines(lines: list[Line], lead: int, j: int, full: float) -> None:
    """No indentation to go by: a run of at least two parallel lines of three words or more, each
    beginning with a capital letter, short or without a final stop (most items have none), directly
    under a lead-in that is a sentence or a label (not a bare name with a colon). Lines that follow
    each other directly end the run at a blank line."""
    run: list[Line] = []
    k: int | None = j
    while k is not None:
        ln = lines[k]
        t = ln.text
        gap = k - (run[-1].idx if run else lead)
        if gap > 2 or (len(run) >= 2 and gap > 1 and run[1].idx - run[0].idx == 1):
            break
        if (_marked(ln) or not _starts_upper(t) or t.endswith(":") or len(t.split()) < 3
                or (len(t) >= full and t.endswith(TERMINAL))):
            break
        run.append(ln)
        k = _content(lines, k, 1)
    if len(run) < 2 or sum(1 for ln in run if ln.text.endswith(".")) > len(run) // 2:
        return
    after = lines[k] if k is not None else None
    if after is not None and not _marked(after) and after.text[:1].islower():
        return  # the last line goes on: prose, not a list
    for ln in run:
        ln.bullet, ln.mark, ln.bullet_text, ln.bullet_offset = "main", "", ln.text, ln.start
        ln.inferred = REASON_SHORT_LINES


def blank_separated(lines: list[Line], start: int = 0, end: int | None = None) -> bool:
    """Every content line (of ``lines[start:end]``) is followed by a blank line: a converter's
    double spacing, where a blank line says nothing about paragraphs."""
    end = len(lines) - 1 if end is None else min(end, len(lines) - 1)
    content = [k for k in range(start, end) if lines[k].text and not lines[k].furniture]
    if len(content) < (20 if start == 0 else 4):
        return False
    doubled = sum(1 for k in content if not lines[k + 1].text)
    return doubled > 0.9 * len(content)


__all__ = ["mark_list_ends", "infer_lists", "mark_list_lines", "blank_separated", "body_indent", "REASON_INDENT", "REASON_SHORT_LINES"]
