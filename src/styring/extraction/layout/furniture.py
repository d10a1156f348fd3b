"""Page furniture: page numbers, "Side 4 av 21", links, running headers and footers, footnotes.

Furniture lines are kept in the text (sources point into it) but no rule reads them as content.
"""
from __future__ import annotations

import bisect
import re
from collections import Counter

from styring.extraction.layout.lines import NUMBERED_RE, OBLIGATION_RE, PAGE_RE, URL_RE, Line


def mark_furniture(lines: list[Line]) -> None:
    """Page numbers, "Side 4 av 21", links, running headers and footnotes."""
    counts = Counter(ln.text for ln in lines if len(ln.text) >= 20)
    n = len(lines)
    pages: list[int] = []
    i = 0
    while i < n:
        ln = lines[i]
        t = ln.text
        if t:
            if PAGE_RE.match(t) or URL_RE.match(t) or ("/" in t and " " not in t and len(t) >= 20):
                ln.furniture = True
            elif (
                counts.get(t, 0) >= 3 and not ln.bullet and len(t) <= 90 and not t.endswith((".", ",", ":", ";"))
                and not t[:1].islower() and _beside_page_break(lines, pages or _page_breaks(lines, pages), i)
            ):
                # a running header or footer: repeated, and standing next to a page number or form feed
                ln.furniture = True
            elif (
                counts.get(t, 0) >= 3 and not ln.bullet and not OBLIGATION_RE.search(t)
                and not t.endswith((",", ":")) and t.count(",") <= 1 and not _mid_sentence(lines, i)
                and not re.search(r"\boppdrag\b", t, re.IGNORECASE) and not NUMBERED_RE.match(t)
            ):
                ln.furniture = True
        # A footnote block: a separator of many spaces or underscores, then "N text" lines up to the
        # next page (a line that starts with one space) or a blank-line gap.
        if (not t and len(ln.raw) >= 15) or re.fullmatch(r"_{5,}", t):
            j = i + 1
            seen = 0
            while j < n and seen < 12:
                nxt = lines[j]
                if nxt.text:
                    if seen and (re.match(r"^[ \t]+\S", nxt.raw) or nxt.bullet):
                        break
                    if not seen and not re.match(r"^\d{1,2}(?![.)\d])\s*\S", nxt.text):
                        break
                    nxt.furniture = True
                    seen += 1
                j += 1
            i = j
            continue
        i += 1


def _page_breaks(lines: list[Line], pages: list[int]) -> list[int]:
    pages.extend(k for k, ln in enumerate(lines) if ln.text and PAGE_RE.match(ln.text) or "\f" in ln.raw)
    if not pages:
        pages.append(-100)
    return pages


def _beside_page_break(lines: list[Line], pages: list[int], i: int) -> bool:
    k = bisect.bisect_left(pages, i - 3)
    while k < len(pages) and pages[k] <= i + 3:
        lo, hi = sorted((pages[k], i))
        if all(not lines[j].text or lines[j].furniture or j == i for j in range(lo + 1, hi)):
            return True
        k += 1
    return False


def _mid_sentence(lines: list[Line], i: int) -> bool:
    """The line continues a sentence from the line before (which ends without punctuation)."""
    for j in range(i - 1, max(-1, i - 9), -1):
        prev = lines[j].text
        if prev:
            return prev.endswith((",", "og", "i", "av", "til", "for", "som", "med")) or prev[-1:].islower()
    return False


_FOOTNOTE_RE = re.compile(r"^(\d{1,2})(?![.)\d])\s*\S")
# a footnote's mark glued to the word (or the abbreviation's full stop) it belongs to: "helseforetak1",
# "mill.6"; after at least three lower-case letters, so "F2", "3.6" and "ICD10" are left alone
_MARK_RE = re.compile(r"(?<=[a-zæøå]{3})(\.?)(\d{1,2})(?=[\s,;:)]|$)")


def footnote_numbers(lines: list[Line]) -> set[str]:
    """The numbers of the document's footnotes (the "N text" lines of its footnote blocks)."""
    return {m.group(1) for ln in lines if ln.furniture and (m := _FOOTNOTE_RE.match(ln.text))}


def strip_footnote_marks(text: str, numbers: set[str]) -> str:
    """``text`` without the marks of the footnotes ``numbers`` ("minst kr +1 mill.6" → "… mill.")."""
    if not numbers:
        return text
    return _MARK_RE.sub(lambda m: m.group(1) if m.group(2) in numbers else m.group(0), text)
