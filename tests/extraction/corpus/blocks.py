"""A steering document's text read back into the blocks its author wrote: headings with their
numbers, paragraphs joined from their wrapped lines, list items (bullets, numbered and lettered
points) with their marks, tables whose cells can be split reliably, and page furniture.

This is the corpus builder's own reading, made to *write* the seeds again as Word and PDF files;
it never looks at the extractor. It errs on the side of keeping a line on its own: a line is
joined to the one before only when that line ran to the margin in mid-sentence.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

BULLET_MARKS = "•●▪■·\uf0b7\uf0a7\uf0d8"
BULLET_RE = re.compile(rf"^(?P<mark>[{BULLET_MARKS}]|o(?=\s+[A-ZÆØÅ«a-zæøå])|[–—-](?=\s))\s*(?P<rest>\S.*)$")
NUMBERED_RE = re.compile(r"^(?P<num>\d{1,3})(?P<sep>[.)])\s+(?P<rest>\S.*)$")
LETTERED_RE = re.compile(r"^(?P<letter>[a-zæøå])(?P<sep>[.)])\s+(?P<rest>\S.*)$")
HEADING_RE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){0,2})(?P<dot>\.?)\s+(?P<rest>[A-ZÆØÅ«].*)$")
PAGE_RE = re.compile(r"^(?:\d{1,3}|side \d+ av \d+)$", re.IGNORECASE)
URL_RE = re.compile(r"^(?:\d{1,2}\s+)?(?:https?://|www\.|mailto:|tel:)\S*$", re.IGNORECASE)
FOOTNOTE_RE = re.compile(r"^\d{1,2}\s+\S")
MONTH_RE = re.compile(r"^(januar|februar|mars|april|mai|juni|juli|august|september|oktober|november|desember)\b",
                      re.IGNORECASE)
# words that end with a full stop without ending the sentence
ABBREVIATIONS = ("jf.", "bl.a.", "f.eks.", "mill.", "mrd.", "kr.", "pkt.", "nr.", "ca.", "dvs.", "mnd.", "St.",
                 "Prop.", "Meld.", "ev.", "evt.", "iht.", "mht.", "hhv.", "m.m.", "mv.", "o.l.", "pst.", "kap.")
SENTENCE_END = (".", ":", "!", "?", ";")
# a line ending in one of these words goes on on the next line
LINKING_END = r"\b(og|eller|i|for|av|til|med|på|om|som|at|fra|etter|under|mellom|ved|innen|den|det|de|en|et|ett|å|jf\.)$"
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@dataclass
class Block:
    """kind: heading | para | item | table. For a heading ``number`` is "2.1" and ``dot`` tells
    whether the text wrote "2.1." ; for an item ``style`` is bullet | decimal | lowerLetter,
    ``mark`` the mark as written ("•", "o", "100.", "a)") and ``level`` 0 or 1."""

    kind: str
    text: str = ""
    lines: list[int] = field(default_factory=list)  # indices of the source lines
    number: str = ""
    dot: bool = False
    mark: str = ""
    style: str = ""
    level: int = 0
    value: int = 0  # a numbered or lettered item's number (a = 1)
    sep: str = ""  # "." or ")"
    rows: list[list[str]] = field(default_factory=list)
    header_rows: int = 0


def _ends_sentence(text: str) -> bool:
    t = text.rstrip()
    if not t.endswith(SENTENCE_END):
        return False
    # an abbreviation, or "innen 31." (a date broken over two lines), does not end the sentence
    return not (t.endswith(ABBREVIATIONS) or re.search(r"\b\d{1,2}\.$", t))


class _Lines:
    def __init__(self, text: str):
        self.raw = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
        self.text = [r.strip() for r in self.raw]
        self.n = len(self.raw)
        nonblank = sorted(len(t) for t in self.text if t)
        self.width = nonblank[int(len(nonblank) * 0.9)] if nonblank else 80
        self.furniture = [False] * self.n
        # lines that certainly continue a sentence (they start in lower case): how many of them
        # follow a blank line. Where few do, a blank line ends a paragraph; where most do (text
        # layers that put a blank line after every line), blank lines say nothing.
        lower = [0] * (self.n + 1)
        after_gap = [0] * (self.n + 1)
        for i in range(self.n):
            is_lower = i > 0 and self.text[i][:1].islower() and bool(self.text[i - 1] or (i > 1 and self.text[i - 2]))
            lower[i + 1] = lower[i] + is_lower
            after_gap[i + 1] = after_gap[i] + (is_lower and self.text[i - 1] == "")
        self._lower, self._after_gap = lower, after_gap
        self._edges: dict[int, tuple[bool, int]] = {}

    def full(self, i: int) -> bool:
        """The line ran (nearly) to the right margin: its paragraph goes on."""
        return len(self.text[i]) >= 0.6 * self.width

    def _edge(self, i: int) -> tuple[bool, int]:
        """The right margin of the prose lines around line ``i`` (90th percentile of their
        lengths; tables and lines of spaced columns left out), and whether several lines reach it."""
        if i not in self._edges:
            lo, hi = max(0, i - 20), min(self.n, i + 21)
            lengths = sorted(n for n in self._prose[lo:hi] if n)
            if not lengths:
                self._edges[i] = (False, 0)
            else:
                edge = lengths[int(len(lengths) * 0.9)] if len(lengths) >= 5 else lengths[-1]
                self._edges[i] = (sum(1 for n in lengths if n >= 0.85 * edge) >= 3, edge)
        return self._edges[i]

    @property
    def _prose(self) -> list[int]:
        if not hasattr(self, "_prose_lengths"):
            self._prose_lengths = [
                len(t) if t and not self.furniture[j] and "   " not in t and not tableish(t) else 0
                for j, t in enumerate(self.text)
            ]
        return self._prose_lengths

    def wrapped(self, i: int, k: int, slack: float = 3.0) -> bool:
        """Line ``i`` was broken because the first word of line ``k`` did not fit: with that
        word it would be longer than the longest lines around it (the column's width)."""
        column, edge = self._edge(i)
        first = self.text[k].split()[0] if self.text[k] else ""
        return column and self.full(i) and len(self.text[i]) + 1 + len(first) > edge - slack

    @property
    def unwrapped(self) -> bool:
        """A text with a line per paragraph (almost no line goes on in lower case)."""
        if not hasattr(self, "_unwrapped"):
            nonblank = [t for t in self.text if t]
            lower = sum(1 for t in nonblank if t[:1].islower() and not BULLET_RE.match(t))
            self._unwrapped = lower < 0.05 * len(nonblank)
        return self._unwrapped

    def blank_breaks(self, i: int) -> bool:
        """Around line ``i`` a blank line ends a paragraph (see ``__init__``)."""
        lo, hi = max(0, i - 60), min(self.n, i + 61)
        lower = self._lower[hi] - self._lower[lo]
        return lower >= 3 and self._after_gap[hi] - self._after_gap[lo] < 0.25 * lower

    def next_nonblank(self, i: int) -> int | None:
        j = i + 1
        while j < self.n and (not self.text[j] or self.furniture[j]):
            j += 1
        return j if j < self.n else None

    def prev_nonblank(self, i: int) -> int | None:
        j = i - 1
        while j >= 0 and (not self.text[j] or self.furniture[j]):
            j -= 1
        return j if j >= 0 else None


def _mark_furniture(ls: _Lines) -> None:
    """Page numbers, links and footnote blocks (a separator of many spaces or underscores, then
    "N text" lines up to the next page, i.e. a line that starts with a space, or a bullet)."""
    i = 0
    while i < ls.n:
        t = ls.text[i]
        raw = ls.raw[i]
        if t and (PAGE_RE.match(t) or URL_RE.match(t) or ("/" in t and " " not in t and len(t) >= 20)):
            ls.furniture[i] = True
        separator = (not t and len(raw) >= 15) or re.fullmatch(r"_{5,}", t or "")
        url_note = t and FOOTNOTE_RE.match(raw) and URL_RE.match(t)
        if separator or url_note:
            j = i if url_note else i + 1
            seen = 0
            while j < ls.n and seen < 10:
                r, s = ls.raw[j], ls.text[j]
                if s:
                    if seen and (raw_starts_page(r) or BULLET_RE.match(s)):
                        break
                    if not seen and not FOOTNOTE_RE.match(s):
                        break
                    ls.furniture[j] = True
                    seen += 1
                j += 1
            if seen:
                i = j
                continue
        i += 1


def _mark_running_headers(ls: _Lines, keep: set[int]) -> None:
    """A line repeated three times or more, no sentence, within two lines of a page number: a
    running header or footer (repeated content elsewhere stays)."""
    counts = Counter(t for i, t in enumerate(ls.text) if len(t) >= 20 and i not in keep)
    pages = [i for i, t in enumerate(ls.text) if t and PAGE_RE.match(t)]
    for i, t in enumerate(ls.text):
        if (i not in keep and counts.get(t, 0) >= 3 and not t.endswith((".", ",", ":", ";"))
                and not BULLET_RE.match(t) and any(abs(i - p) <= 3 for p in pages)):
            ls.furniture[i] = True


def raw_starts_page(raw: str) -> bool:
    """Text layers start a page's first line with a space."""
    return bool(re.match(r"^[ \t]\S", raw))


def _heading_number(num: str) -> tuple[int, ...]:
    return tuple(int(x) for x in num.split("."))


def _natural_next(cur: tuple[int, ...] | None, n: tuple[int, ...]) -> bool:
    if cur is None:
        return len(n) == 1 and n[0] <= 2
    if n == cur + (1,):
        return True
    return any(len(n) == k + 1 and n[:k] == cur[:k] and 0 < n[k] - cur[k] <= 2 for k in range(len(cur)))


@lru_cache(maxsize=64)
def parse_cached(text: str) -> tuple[Block, ...]:
    """``parse`` remembered per text (the corpus reads each seed many times); do not mutate."""
    return tuple(parse(text))


def parse(text: str, *, tables: bool = True) -> list[Block]:
    """The blocks of ``text`` in order (furniture left out)."""
    ls = _Lines(text)
    _mark_furniture(ls)
    table_at = _find_tables(ls) if tables else {}
    _mark_running_headers(ls, {x for block, _ in table_at.values() for x in block.lines})
    blocks: list[Block] = []
    outline: tuple[int, ...] | None = None
    dots: dict[int, bool] = {}  # the document's heading style per depth: "1." or "1"
    i = 0
    while i < ls.n:
        t = ls.text[i]
        if i in table_at:
            block, end = table_at[i]
            blocks.append(block)
            i = end
            continue
        if not t or ls.furniture[i]:
            i += 1
            continue
        prev_block = blocks[-1] if blocks else None
        heading = _heading(ls, i, prev_block, outline, dots)
        if heading is not None:
            block, i = heading
            outline = _heading_number(block.number)
            dots.setdefault(block.level, block.dot)
            blocks.append(block)
            continue
        item = _item(ls, i, prev_block)
        block = item if item is not None else Block("para", t, [i])
        i = _continue(ls, i, block, table_at, prev_block)
        blocks.append(block)
    return blocks


def _list_context(ls: _Lines, i: int, prev: Block | None, value: int) -> bool:
    p = ls.prev_nonblank(i)
    if p is not None and ls.text[p].endswith(":"):
        return True
    return prev is not None and prev.kind == "item" and prev.style == "decimal" and prev.value == value - 1


def _heading(ls: _Lines, i: int, prev: Block | None, outline, dots: dict[int, bool]):
    m = HEADING_RE.match(ls.text[i])
    if not m:
        return None
    number = _heading_number(m.group("num"))
    if number[0] > 20 or any(x == 0 for x in number):
        return None
    text = m.group("rest")
    end = i + 1
    # a heading wrapped onto the next lines ("… tverrfaglig" / "spesialisert rusbehandling")
    while end < ls.n and end - i <= 2 and ls.text[end] and not ls.furniture[end] and not ls.text[end].endswith(
            (":", ".")) and not _starts_block(ls.text[end]) and (
        ls.text[end][:1].islower() or re.search(r"(\b(og|i|for|av|til|med|på|om)|[,–-])$", ls.text[end - 1].rstrip())
        or ls.full(end - 1) and len(ls.text[end]) <= 30 and ls.text[end][:1].isdigit()):
        text = f"{text} {ls.text[end]}"
        end += 1
    if len(text) > 160 or text.rstrip().endswith((".", ":", ";", ",")) or _list_context(ls, i, prev, number[0]):
        return None
    p = ls.prev_nonblank(i)
    after_break = (p is None or _ends_sentence(ls.text[p]) or not ls.full(p) or raw_starts_page(ls.raw[i])
                   or (prev is not None and prev.kind == "heading" and p in prev.lines))
    if not after_break:
        return None
    isolated = (i == 0 or not ls.text[i - 1] or raw_starts_page(ls.raw[i])) and (end >= ls.n or not ls.text[end]) and (
        p is None or _ends_sentence(ls.text[p]) or (prev is not None and prev.kind == "heading"))
    dot = bool(m.group("dot"))
    same_style = dots.get(len(number), dot) == dot
    if not (_natural_next(outline, number) or isolated and same_style and len(number) == 1 and dots):
        return None
    return Block("heading", text, list(range(i, end)), number=m.group("num"), dot=dot, level=len(number)), end


def _starts_block(t: str) -> bool:
    return bool(BULLET_RE.match(t) or NUMBERED_RE.match(t) or LETTERED_RE.match(t))


def _item(ls: _Lines, i: int, prev: Block | None) -> Block | None:
    t = ls.text[i]
    # a list whose marks were lost before the corpus saw it: lines indented by a few spaces,
    # starting in upper case, after a lead-in that ends with ":" or after such a point
    if re.match(r"^ {1,4}[A-ZÆØÅ«]", ls.raw[i]) and not HEADING_RE.match(t):
        p = ls.prev_nonblank(i)
        if (p is not None and ls.text[p].endswith(":") and p >= i - 2) or (
                prev is not None and prev.kind == "item" and prev.style == "bullet" and prev.mark == ""):
            return Block("item", t, [i], mark="", style="bullet", level=0)
    m = BULLET_RE.match(t)
    if m:
        mark = m.group("mark")
        if mark in "–—-":
            p = ls.prev_nonblank(i)
            in_list = (p is not None and ls.text[p].endswith(":")) or (
                prev is not None and prev.kind == "item" and prev.mark == mark)
            if not in_list:
                return None
        # "o" is a second-level mark; a dash list is second level under a bullet, else a list of its own
        if mark == "o":
            level = 1
        elif prev is not None and prev.kind == "item" and prev.style == "bullet" and mark in "–—-":
            level = prev.level if prev.mark == mark else 1  # the list goes on, or a sub-list under a "•"
        else:
            level = 0
        return Block("item", m.group("rest"), [i], mark=mark, style="bullet", level=level)
    m = NUMBERED_RE.match(t)
    if m and not MONTH_RE.match(m.group("rest")):  # "15. mai 2024" is a date, not point 15
        return Block("item", m.group("rest").strip(), [i], mark=m.group("num") + m.group("sep"), style="decimal",
                     value=int(m.group("num")), sep=m.group("sep"))
    m = LETTERED_RE.match(t)
    if m and m.group("letter") in LETTERS and not (m.group("letter") == "o" and m.group("sep") == "."):
        value = LETTERS.index(m.group("letter")) + 1
        return Block("item", m.group("rest").strip(), [i], mark=m.group("letter") + m.group("sep"),
                     style="lowerLetter", value=value, sep=m.group("sep"))
    return None


def _continue(ls: _Lines, i: int, block: Block, table_at, prev: Block | None = None) -> int:
    """Join the wrapped lines that continue ``block``'s line ``i``; the index after them."""
    last = i
    parallel = (block.kind == "item" and block.style == "bullet" and prev is not None and prev.kind == "item"
                and prev.mark == block.mark and len(prev.lines) == 1 and not _ends_sentence(prev.text))
    while True:
        k = ls.next_nonblank(last)
        if k is None or k in table_at:
            break
        cur, nxt = ls.text[last], ls.text[k]
        if tableish(cur) or tableish(nxt) or cur.endswith(":"):
            break
        if nxt.endswith(":") and len(nxt) <= 40 and nxt[:1].isupper():
            break  # "Indikatorar:": a label of its own
        gap = any(not ls.text[x] for x in range(last + 1, k))
        if cur.endswith(")") and nxt[:1].isupper() and block.kind == "para" and re.search(r"\d", cur[-12:]):
            break  # "… (Foreløpig res. 2023: 83 %)" / "Indikator 4 …": a record ends with its figures
        if block.style == "lowerLetter" and last == i and nxt[:1].isupper() and not (
                cur.endswith(",") or re.search(LINKING_END, cur)):
            break  # "f) Synliggjøring av …": a lettered point's title, its text below it
        if block.kind == "item" and block.mark == "" and re.match(r"^ {1,4}[A-ZÆØÅ«]", ls.raw[k]):
            break  # the next point of a list without marks
        if ls.unwrapped and not nxt[:1].islower():
            break
        if ls.blank_breaks(last):
            if gap and not nxt[:1].islower():
                break  # a blank line ends the paragraph here
            mid = not gap and not _ends_sentence(cur) and (
                ls.wrapped(last, k, slack=0.15 * ls.width) or nxt[:1].islower() or cur.endswith(("-", "–", ","))
                or re.search(LINKING_END, cur))
        else:
            mid = not _ends_sentence(cur) and (
                ls.wrapped(last, k) or cur.endswith(("-", "–", ",")) or re.search(LINKING_END, cur) is not None)
            if mid and parallel and not nxt[:1].islower() and not cur.endswith(("-", "–", ",")):
                mid = False  # the list's points so far were one line each, without a full stop
        starts = _starts_block(nxt) or _looks_heading(nxt)
        if _looks_heading(nxt) and not (cur.endswith(ABBREVIATIONS + (",",)) or re.search(LINKING_END, cur)):
            break  # "2.2 Helseføretaka skal …": a numbered point or heading of its own
        if starts:
            dash = nxt[:1] in "–—-"
            m = NUMBERED_RE.match(nxt) or LETTERED_RE.match(nxt)
            lower_item = m is not None and m.group("rest")[:1].islower()
            if dash and block.kind == "item" and block.mark[:1] in "–—-":
                break  # the next point of a dash list
            if not mid or raw_starts_page(ls.raw[k]) or not (dash or lower_item or _looks_heading(nxt)):
                break
        elif not (mid or nxt[:1].islower() and not _ends_sentence(cur)):
            break
        block.text = _join(block.text, nxt)
        block.lines.append(k)
        last = k
    return last + 1


def _looks_heading(t: str) -> bool:
    m = HEADING_RE.match(t)
    return bool(m) and len(t) <= 100 and not t.rstrip().endswith(".")


def tableish(t: str) -> bool:
    """A row of figures: two or more numbers at the end of the line."""
    return bool(re.search(r"(?:\s-?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?){2,}\s*$", " " + t)) and not _ends_sentence(t)


def _join(a: str, b: str) -> str:
    """Lines joined with a space, also after a hyphen: "helse- og" must stay two words, and
    the text gave no way to tell a broken word from a compound."""
    return f"{a} {b}"


# -- tables ---------------------------------------------------------------------------------------

def _find_tables(ls: _Lines) -> dict[int, tuple[Block, int]]:
    """Tables whose cells can be split reliably: columns of the four RHFs ("Helse Nord Helse
    Midt-Norge …" over rows of figures), tables whose columns are runs of spaces, and the
    reporting template (rows ending in "Rapporteringstekst:")."""
    found: dict[int, tuple[Block, int]] = {}
    for finder in (_rhf_tables, _spaced_tables, _template_tables):
        for start, (block, end) in finder(ls).items():
            if not any(s <= start < e or start <= s < end for s, (_, e) in found.items()):
                found[start] = (block, end)
    return found


RHF_NAMES = ["Helse Nord", "Helse Midt-Norge", "Helse Vest", "Helse Sør-Øst"]
FIGURE = r"-?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?"


def _rhf_tables(ls: _Lines) -> dict[int, tuple[Block, int]]:
    out = {}
    names_re = re.compile(r"^(?:(?P<label>.*?)\s+)?" + r"\s+".join(re.escape(n) for n in RHF_NAMES) + r"$")
    for i, t in enumerate(ls.text):
        m = names_re.match(t)
        if not m:
            continue
        rows = [[m.group("label") or ""] + RHF_NAMES]
        end = i + 1
        k = ls.next_nonblank(i)
        while k is not None:
            r = re.match(rf"^(?P<label>.*?\D)?\s*(?P<figs>(?:{FIGURE}\s+){{3}}{FIGURE})$", ls.text[k])
            if not r:
                break
            figs = r.group("figs").split()
            if len(figs) != 4:
                break
            rows.append([(r.group("label") or "").strip()] + figs)
            end = k + 1
            k = ls.next_nonblank(k)
        if len(rows) > 1:
            out[i] = (Block("table", rows=rows, header_rows=1, lines=list(range(i, end))), end)
    return out


def _spaced_tables(ls: _Lines) -> dict[int, tuple[Block, int]]:
    """Rows whose cells are separated by runs of three or more spaces, at least three rows with
    the same number of cells; a header above them is split at its capitalised words when that
    gives as many cells."""
    out = {}
    i = 0
    while i < ls.n:
        cells = _spaced_cells(ls.raw[i])
        if len(cells) < 3:
            i += 1
            continue
        ncol = len(cells)
        rows = [cells]
        lines = [i]
        k = ls.next_nonblank(i)
        while k is not None and len(_spaced_cells(ls.raw[k])) == ncol:
            rows.append(_spaced_cells(ls.raw[k]))
            lines.append(k)
            k = ls.next_nonblank(k)
        if len(rows) < 3:
            i += 1
            continue
        start = i
        header = None
        # the header: up to six short lines above the first row; the longest run of them that
        # splits at its capitalised words into as many cells as the rows have
        above: list[int] = []
        h = ls.prev_nonblank(i)
        while h is not None and i - h <= 12 and len(above) < 6 and len(ls.text[h]) < 70 and not tableish(
                ls.text[h]) and not ls.text[h].endswith((".", ":")):
            above.insert(0, h)
            h = ls.prev_nonblank(h)
        for k in range(len(above)):
            parts: list[list[str]] = []
            for w in " ".join(ls.text[x] for x in above[k:]).split():
                if w[:1].isupper() or not parts:
                    parts.append([w])
                else:
                    parts[-1].append(w)
            if len(parts) == ncol:
                header = [" ".join(p) for p in parts]
                start = above[k]
                break
        block = Block("table", rows=([header] if header else []) + rows, header_rows=1 if header else 0,
                      lines=list(range(start, lines[-1] + 1)))
        out[start] = (block, lines[-1] + 1)
        i = lines[-1] + 1
    return out


def _spaced_cells(raw: str) -> list[str]:
    t = raw.strip()
    if not t or "   " not in t:
        return []
    return [c.strip() for c in re.split(r"\s{3,}", t) if c.strip()]


TEMPLATE_END = "Rapporteringstekst:"
TEMPLATE_HEADER = ["Krav nr / Mål / Indikator", "Kilde", "Krav tekst", "Gjelder foretak",
                   "Rapporteringsfrekvens (evt avviksrapportering tertialrapport)", TEMPLATE_END]
ROW_START_RE = re.compile(r"^(?P<kind>Mål|Indikator|\d{1,3})(?:\s+(?P<rest>.*))?$")
KILDE_WORDS = {"Se", "målekort", "Målekort", "Se målekort", "HN LIS", "målekort HN LIS", "Se målekort HN LIS", "Avviksmelding",
               "DocMap", "Avviksmelding DocMap"}
CODE = r"(?:FIN|UNN|NLSH|HSYK|SANO|HNIKT|Alle)"
FREQ = (r"(?:Årlig melding|\(tertialvis|avviksrapportering\)|Tertialrapporter og|Tertialrapporter|Ingen rapportering|"
        r"Skal risikovurderes|innen \d\d\.\d\d\.\d{4}|Månedlig|Tertialvis|Virksomhetsrapport|\d\. tertial og|"
        r"Innen \d{1,2}\. [a-zæøå]+)")
FREQ_RE = re.compile(FREQ)
CELL_LINE_RE = re.compile(
    rf"^(?P<text>.*?)\s*(?P<who>(?:(?<![\w-]){CODE},?\s*)+)?\s*(?P<freq>{FREQ}.*)?$"
)


def _template_tables(ls: _Lines) -> dict[int, tuple[Block, int]]:
    """The reporting template (Vedlegg 2 of Helse Nord's styringskrav), as a PDF text layer
    gives it: a row's cells one after the other (number or kind, source, requirement text, the
    trusts it applies to, the reporting frequency), closed by "Rapporteringstekst:" or by
    "Ingen rapportering". Each line is put in its column by what it is; captions between rows
    (chapter titles, "Styringskrav:") and page furniture stay outside the table."""
    ends = [i for i, t in enumerate(ls.text) if t == TEMPLATE_END or t.endswith("Ingen rapportering")]
    if sum(1 for i in ends if ls.text[i] == TEMPLATE_END) < 3:
        return {}
    out = {}
    prev_end = None
    for e in ends:
        start = (prev_end + 1) if prev_end is not None else max(0, e - 40)
        prev_end = e
        last = e if ls.text[e] == TEMPLATE_END else e + 1
        rows = [k for k in range(start, last) if ls.text[k] and not ls.furniture[k]]
        head = next((k for k in rows if ls.text[k].startswith("Krav nr")), None)
        if head is not None:
            out[head] = (Block("table", rows=[TEMPLATE_HEADER], header_rows=1, lines=list(range(head, e + 1))), e + 1)
            continue
        first = next((k for k in range(start, last) if ls.text[k] and ROW_START_RE.match(ls.text[k])
                      and (not ls.furniture[k] or ls.text[k].isdigit())), None)
        if first is None:
            continue
        rows = [first] + [k for k in rows if k > first]
        cells = _template_row(ls, rows, TEMPLATE_END if ls.text[e] == TEMPLATE_END else "")
        if cells is not None:
            out[first] = (Block("table", rows=[cells], lines=list(range(first, e + 1))), e + 1)
    return out


def _template_row(ls: _Lines, rows: list[int], end: str) -> list[str] | None:
    kind = ""
    kilde: list[str] = []
    text: list[str] = []
    who: list[str] = []
    freq: list[str] = []
    for n, k in enumerate(rows):
        line = ls.text[k]
        if n == 0:
            start = ROW_START_RE.match(line)
            if start is None:
                return None
            kind, line = start.group("kind"), (start.group("rest") or "")
            if not line:
                continue
        if not text and (line in KILDE_WORDS or (kilde and line in ("HN LIS", "DocMap"))):
            kilde.append(line)
            continue
        if freq and len(line.split()) <= 3 and re.match(r"^(?:[a-zæøå(][^.]*|\d{4}|Årlig melding)$", line):
            freq.append(line)  # "melding", "2024", "og tertialrapport": the frequency cell goes on
            continue
        m = CELL_LINE_RE.match(line)
        if m is None:  # the pattern matches every line; this keeps the type checker sure of it
            continue
        body, codes, often = m.group("text"), m.group("who"), m.group("freq")
        if often and not text and not body and not codes:
            body, often = line, None  # "33 Innen 31. august … styrebehandle": the requirement's own words
        following = ls.text[rows[n + 1]] if n + 1 < len(rows) else ""
        if codes and body and (not _ends_sentence(body) or following[:1].islower() and not FREQ_RE.match(following)):
            body, codes = (line[: line.index(often)].strip() if often else line), None
        if body:
            text.append(body)
        if codes:
            who.append(codes.strip())
        if often:
            freq.append(often.strip())
    if not text or not (who or freq):
        return None
    lines = [" ".join(t.split()) for t in text]
    cell = lines[0]
    for t in lines[1:]:  # bullets inside the requirement stay on lines of their own
        cell += ("\n" if BULLET_RE.match(t) else " ") + t
    return [kind, " ".join(kilde), cell, " ".join(" ".join(who).split()).rstrip(","), " ".join(freq), end]
