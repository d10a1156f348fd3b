"""The reporting template attachment: rows that repeat every requirement with "Gjelder foretak"
and "Rapporteringsfrekvens". Each row is merged into the item it repeats (recipients, reporting,
deadlines, source); a row that repeats nothing becomes an item of its own.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from styring.extraction import lexicon as lx
from styring.extraction.dates import find_dates
from styring.extraction.draft import Draft, d_text
from styring.extraction.layout.lines import norm_ws
from styring.extraction.rules.document import DocInfo
from styring.extraction.rules.structure import VEDLEGG_RE, named_goal
from styring.extraction.textsim import WordIndex, similarity, words
from styring.registry import Registry, load_registry

# The template's columns: who it applies to ("Gjelder foretak"), how often it is reported
# ("Rapporteringsfrekvens") and the text each row ends with ("Rapporteringstekst:"): words from the
# lexicon's table-header roles, so a template whose columns are named otherwise is read the same.
HEADER_RE = lx.compile(r"(?<![a-zæøå])<<col_who_template>>(?![a-zæøå])")
FREQ_HEAD_RE = lx.compile(r"<<col_frequency>>")
ROW_END_RE = lx.compile(r"(?<![a-zæøå])<<col_text>>(?![a-zæøå])\s*:?")
# a frequency cell begins with a capital letter or a digit ("Årlig melding", "1. tertial")
FREQ_RE = lx.compile(r"(?=[A-ZÆØÅ0-9])(?i:<<frequency_start>>)", flags=0)
ALL = lx.title_alt("template_all")
LABEL_RE = re.compile(rf"^(?:(?P<word>(?P<goal>{lx.title_alt('template_row_kind_goal')})|"
                      rf"{lx.title_alt('template_row_kind_indicator')})\b|(?P<num>\d{{1,3}})(?![.\d]))\s*(?P<rest>.*)$")
HEADING_RE = lx.compile(r"^(?:\d+\.\s+\S|\d+(?:\.\d+)+\.?\s+\S|<<page_of>>)")


@cache
def _code() -> str:
    """A code as a template cell writes it: the register's codes and code-like aliases ("HN IKT"),
    else any short run of capitals."""
    spellings = "|".join(re.escape(c).replace(r"\ ", r"\s+") for c in load_registry().code_spellings())
    return rf"(?:{ALL}|{spellings}|[A-ZÆØÅ]{{2,6}})"


@cache
def _codes_tail() -> re.Pattern[str]:
    return re.compile(rf"((?:\b{_code()}\s*,?\s*)+)$")


@cache
def _code_line() -> re.Pattern[str]:
    return re.compile(rf"^(?:{_code()}\s*,?\s*)+$")


@cache
def _codes_head() -> re.Pattern[str]:
    return re.compile(rf"^({_code()}(?:\s*,\s*{_code()})*\s*,?)(?:\s+|$)(.*)$")


def _code_tokens(cells: str) -> tuple[list[str], bool]:
    """The codes in a run of code cells, and whether "Alle" is among them."""
    codes, all_ = [], False
    for tok in re.findall(_code(), cells):
        if re.fullmatch(ALL, tok):
            all_ = True
        elif tok not in codes:
            codes.append(" ".join(tok.split()))
    return codes, all_


@dataclass
class Row:
    kind: str
    ref: str | None
    main_goal: int | None
    text: str
    codes: list[str]
    all_: bool
    reporting: set[str]
    deadlines: list[str]
    span: tuple[int, int]


@dataclass
class Template:
    start: int
    end: int
    rows: list[Row] = field(default_factory=list)


_NO_LABEL = re.compile(r"^(?P<word>)(?P<num>)(?P<rest>.*)$", re.DOTALL)


def _pipe_template(text: str) -> Template | None:
    """A template table read from DOCX, one row per line with cells joined by " | "."""
    m = next((h for h in re.finditer(r"(?m)^[^\n]*\|[^\n]*$", text)
              if any(lx.matches("col_who", c) for c in h.group(0).split("|")) and FREQ_HEAD_RE.search(h.group(0))), None)
    if m is None:
        return None
    header = [c.strip().lower() for c in m.group(0).split("|")]
    start = m.start()
    pos = m.end() + 1
    rows: list[Row] = []
    main_goal = None
    end = pos
    for line in text[pos:].split("\n"):
        line_start = pos
        pos += len(line) + 1
        if "|" not in line:
            if line.strip():
                if re.match(r"^\s*\d+\.?\s", line):
                    main_goal = named_goal(line, ())
                if VEDLEGG_RE.match(line.strip()):
                    break
            continue
        end = pos
        cells = [c.strip() for c in line.split("|")]
        codes_idx = next((k for k, c in enumerate(cells) if c and _code_line().match(c)), None)
        if codes_idx is None:
            codes_idx = next((k for k, h in enumerate(header) if lx.matches("col_who", h)), None)
            if codes_idx is None or codes_idx >= len(cells):
                continue
        before, after = cells[:codes_idx], cells[codes_idx + 1:]
        label_cell = before[0] if len(before) > 1 else ""
        text_cell = max(before, key=len) if before else ""
        lm = LABEL_RE.match(label_cell or text_cell) or _NO_LABEL.match(text_cell)
        if lm is None:  # never: _NO_LABEL matches any text
            continue
        body = text_cell
        if not label_cell and lm.group("word") is not None and (lm.group("word") or lm.group("num")):
            body = lm.group("rest")
        content = body + "\n" + cells[codes_idx] + "\n" + "\n".join(after)
        row = _parse_row(content, lm, main_goal, (line_start + max(0, line.find(body[:20])), line_start + len(line)))
        if row is not None:
            rows.append(row)
    if not rows:
        return None
    return Template(start, end, rows)


def find_template(text: str, as_read: list[str] | None = None) -> Template | None:
    """The reporting template, if the document has one: a Word table ("… | Gjelder | …"), a table
    laid out in columns (``as_read``: the text's lines before white space was squeezed), or the
    template as a text layer writes it cell after cell."""
    piped = _pipe_template(text)
    if piped is not None:
        return piped
    if as_read is not None:
        columns = _column_template(text, as_read)
        if columns is not None:
            return columns
    for m in HEADER_RE.finditer(text):
        if FREQ_HEAD_RE.search(text[max(0, m.start() - 400):m.end() + 400]) and ROW_END_RE.search(text, m.end(), m.end() + 800):
            break
    else:
        return None
    start = text.rfind("\n", 0, m.start()) + 1
    first_end = ROW_END_RE.search(text, m.end())
    if not first_end:
        return None
    vm = _VEDLEGG_LINE_RE.search(text, first_end.end())
    end = vm.start() if vm else len(text)
    tmpl = Template(start, end)
    tmpl.rows = list(_rows(text, first_end.end(), end))
    return tmpl


def _chunks(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for m in ROW_END_RE.finditer(text, start, end):
        yield from _split_ingen(text, pos, m.start())
        pos = m.end()
    yield from _split_ingen(text, pos, end)


def _split_ingen(text: str, s: int, e: int) -> Iterator[tuple[int, int]]:
    pos = s
    for m in _NONE_RE.finditer(text[s:e]):
        yield pos, s + m.end()
        pos = s + m.end()
    if text[pos:e].strip():
        yield pos, e


def _rows(text: str, start: int, end: int) -> Iterator[Row]:
    main_goal: int | None = None
    for cs, ce in _chunks(text, start, end):
        chunk = text[cs:ce]
        lines = chunk.split("\n")
        offs = []
        p = cs
        for ln in lines:
            offs.append(p)
            p += len(ln) + 1
        k = 0
        label = None
        while k < len(lines):
            s = lines[k].strip()
            if not s:
                k += 1
                continue
            hm = re.match(r"^(\d+)\.\s+(.*)$", s)
            if hm:
                main_goal = named_goal(s, ())
                k += 1
                continue
            label = LABEL_RE.match(s)
            if label is None or HEADING_RE.match(s):
                label = None
                k += 1
                continue
            break
        if label is None:
            continue
        row_start = offs[k] + (len(lines[k]) - len(lines[k].lstrip()))
        body_lines = []
        rest = label.group("rest").strip()
        if rest:
            body_lines.append(rest)
        k += 1
        # drop the source column ("Se målekort HN LIS") when the label stands alone
        if not rest:
            groups: list[list[str]] = []
            cur: list[str] = []
            for ln in lines[k:]:
                if ln.strip():
                    cur.append(ln.strip())
                elif cur:
                    groups.append(cur)
                    cur = []
            if cur:
                groups.append(cur)
            while groups and sum(len(x.split()) for x in groups[0]) <= 4 and not groups[0][-1].endswith(".") and len(groups) > 1:
                groups.pop(0)
            flat = [x for g in groups for x in g]
            # without blank lines (PDF text layer) the source column is a run of short lines
            while len(flat) > 1 and len(flat[0].split()) <= 2 and not flat[0].endswith("."):
                flat.pop(0)
            body_lines.extend(flat)
        else:
            body_lines.extend(ln.strip() for ln in lines[k:] if ln.strip())
        content = "\n".join(body_lines)
        if body_lines:
            found = text.find(body_lines[0], row_start, ce)
            if found >= 0:
                row_start = found
        row = _parse_row(content, label, main_goal, (row_start, ce))
        if row is not None:
            yield row


def _parse_row(content: str, label: re.Match[str], main_goal: int | None, span: tuple[int, int]) -> Row | None:
    pos = None
    for m in FREQ_RE.finditer(content):
        if m.start() < 15:
            continue
        before = content[:m.start()].rstrip()
        if before.endswith(("\n",)) or _codes_tail().search(before) or content[m.start() - 1] == "\n":
            pos = m.start()
            break
    if pos is None:
        text_part, freq = content, ""
    else:
        text_part, freq = content[:pos], content[pos:]
    codes: list[str] = []
    all_ = False
    cm = _codes_tail().search(text_part.rstrip())
    if cm:
        text_part = text_part.rstrip()[: cm.start()]
        codes, all_ = _code_tokens(cm.group(1))
    for ln in freq.split("\n"):
        s = ln.strip()
        if s and _code_line().match(s):
            more, every = _code_tokens(s)
            all_ = all_ or every
            codes += [c for c in more if c not in codes]
    text = norm_ws(text_part)
    if len(text) < 3:
        return None
    kind, ref = _kind_and_ref(label)
    return Row(kind, ref, main_goal, text, codes, all_, _modes(freq), [], span)


def _kind_and_ref(label: re.Match[str]) -> tuple[str, str | None]:
    if label.group("word"):
        return ("goal" if label.group("goal") else "indicator"), None
    return "assignment", (label.group("num") or None)


def _modes(freq: str) -> set[str]:
    """How a row is reported, from its "Rapporteringsfrekvens" cell."""
    return lx.reporting_modes(freq)


# -- a template laid out in columns (a PDF's text layer, column gaps kept as runs of spaces) ------

_VEDLEGG_RE = lx.compile(r"^\s*<<attachment>>\s+\d+\b(?!\s+<<to>>\b)")
_VEDLEGG_LINE_RE = lx.compile(r"(?m)^\s*<<attachment>>\s+\d")
_NONE_RE = lx.compile(r"<<mode_none>>")
_FURNITURE_RE = lx.compile(r"^(?:<<page_of>>|\d{1,3}|\f)$")


def _cells(raw: str) -> list[tuple[int, str]]:
    """(column position, text) of each cell of a line whose columns are separated by 2+ spaces."""
    return [(m.start(), m.group(0)) for m in re.finditer(r"\S+(?: \S+)*", raw.replace("\t", "    "))]


def _column_template(text: str, as_read: list[str]) -> Template | None:
    """The reporting template as a text layer lays out its table: a header line with "Gjelder" and
    "Rapporteringsfrekvens" cells, then rows whose cells stand under them (wrapped cells go on in
    the same columns on the next lines). A row begins with its label ("Mål", "Indikator", a
    number) in the first column and ends at "Rapporteringstekst:" or the next row."""
    lines = text.split("\n")
    if len(as_read) != len(lines):
        return None
    joined = "\n".join(as_read)
    candidates = sorted({joined.count("\n", 0, m.start()) for m in HEADER_RE.finditer(joined)})
    header = next((k for k in candidates
                   if FREQ_HEAD_RE.search(as_read[k]) and re.search(r"\S {2,}\S", as_read[k])), None)
    if header is None:
        return None
    heads = _cells(as_read[header])
    starts = [pos for pos, _ in heads]
    who = next((n for n, (_, h) in enumerate(heads) if lx.matches("col_who", h)), None)
    freq = next((n for n, (_, h) in enumerate(heads) if FREQ_HEAD_RE.search(h)), None)
    if who is None or freq is None or who == 0:
        return None
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    rows: list[Row] = []
    main_goal: int | None = None
    current: dict[str, Any] | None = None

    def close() -> None:
        nonlocal current
        if current is not None:
            row = _column_row(current, main_goal)
            if row is not None:
                rows.append(row)
        current = None

    end_line = len(lines)
    for k in range(header + 1, len(lines)):
        stripped = lines[k].strip()
        if _VEDLEGG_RE.match(lines[k]):
            end_line = k
            break
        if not stripped or _FURNITURE_RE.match(stripped):
            continue
        if k == header + 1 and _HEADER_SECOND_RE.search(stripped):
            continue  # the header's second line ("Indikator   tekst   foretak   avviksrapportering")
        if ROW_END_RE.match(stripped):
            close()
            continue
        if re.match(r"^\d+(?:\.\d+)*\.?\s+\S", stripped) and not re.search(r"\S {2,}\S", as_read[k].strip()):
            close()  # a heading between rows: "3. Hovedmål 1: …", "4.1 Forskning …"
            if re.match(r"^\d+\.?\s", stripped):
                main_goal = named_goal(stripped, ())
            continue
        cells = _cells(as_read[k])
        first_col = max((n for n, start in enumerate(starts) if start <= cells[0][0] + 3), default=0) if cells else 0
        label = LABEL_RE.match(cells[0][1]) if cells and first_col == 0 else None
        if label is not None and (label.group("word") or label.group("num")):
            close()
            current = {"label": label, "lines": [], "start": offsets[k] + len(lines[k]) - len(lines[k].lstrip()),
                       "end": offsets[k] + len(lines[k].rstrip())}
            rest = label.group("rest").strip()
            cells = ([(cells[0][0] + len(cells[0][1]) - len(rest), rest)] if rest else []) + cells[1:]
        if current is None:
            continue
        current["end"] = offsets[k] + len(lines[k].rstrip())
        current["lines"].append(cells)
    close()
    if not rows:
        return None
    return Template(offsets[header], offsets[end_line] if end_line < len(lines) else len(text), rows)


_HEADER_SECOND_RE = lx.compile(r"\b<<template_header_second>>\b")
_FREQ_WORDS = lx.compile(r"<<mode_annual+mode_tertial+mode_deviation+mode_risk+mode_monthly+mode_none>>|^\(?evt\b|^\)")


def _column_row(current: dict[str, Any], main_goal: int | None) -> Row | None:
    """A row from its cells (position, text) line by line: cells from where its "Gjelder" codes or
    frequency stand and rightwards say whom and how; the cells left of them are its text."""
    lines: list[list[tuple[int, str]]] = current["lines"]
    side = None  # where the codes/frequency column begins on this row
    for cells in lines:
        for pos, cell in cells:
            if _codes_head().match(cell) or _FREQ_WORDS.search(cell):
                side = pos if side is None else min(side, pos)
                break
        if side is not None:
            break
    text_parts: list[tuple[int, str]] = []
    codes: list[str] = []
    all_ = False
    freq_parts: list[str] = []
    for cells in lines:
        for pos, cell in cells:
            if side is not None and pos >= side - 2:
                m = _codes_head().match(cell)
                if m and not _FREQ_WORDS.search(m.group(1)):
                    more, every = _code_tokens(m.group(1))
                    all_ = all_ or every
                    codes += [c for c in more if c not in codes]
                    freq_parts.append(m.group(2))
                else:
                    freq_parts.append(cell)
            else:
                text_parts.append((pos, cell))
    # a source column ("Se målekort HN LIS") may stand left of the text: keep the column that
    # holds most of the row's words
    columns: dict[int, int] = {}
    for pos, cell in text_parts:
        key = next((c for c in columns if abs(c - pos) <= 3), pos)
        columns[key] = columns.get(key, 0) + len(cell)
    if len(columns) > 1:
        main = max(columns, key=lambda c: columns[c])
        text_parts = [(pos, cell) for pos, cell in text_parts if abs(pos - main) <= 3 or pos > main]
    body = norm_ws(" ".join(cell for _, cell in text_parts))
    if len(body) < 3:
        return None
    kind, ref = _kind_and_ref(current["label"])
    return Row(kind, ref, main_goal, body, codes, all_, _modes(" ".join(freq_parts)),
               [], (current["start"], current["end"]))


_DEADLINE_BEFORE = lx.compile(r"<<deadline_before>>\s*$")
_RISK_OR_CODES_BEFORE = lx.compile(r"<<mode_risk>>|^\s*$|<<template_all>>|[A-Z]{2,},?\s*$")


def merge_rows(drafts: list[Draft], tmpl: Template, text: str, reg: Registry, info: DocInfo) -> None:
    """Each template row joins the draft it repeats (recipients, reporting, deadlines, source), or
    becomes a draft of its own."""
    year = info.year
    known = WordIndex([d_text(d, text) for d in drafts])
    for row in tmpl.rows:
        full = text[row.span[0]:row.span[1]]
        deadlines = []
        for mention in find_dates(full, year):
            ctx = full[max(0, mention.start - 30):mention.start]
            if (_DEADLINE_BEFORE.search(ctx)
                    and _RISK_OR_CODES_BEFORE.search(full[max(0, mention.start - 60):mention.start])
                    and mention.iso not in deadlines):
                deadlines.append(mention.iso)
        codes = []
        for c in row.codes:
            for r in reg.resolve(c, addressees=info.addressees, region=info.region):
                if r not in codes:
                    codes.append(r)
        if row.all_:
            for c in info.addressees:
                if c not in codes:
                    codes.append(c)
        rw = words(row.text)
        rs = frozenset(rw[:60])
        best, best_s = None, 0.0
        # cheap candidates first: same ref, or same opening words
        quick = [k for k, d in enumerate(drafts) if (row.ref and d.ref == row.ref) or known.keys[k][:6] == rw[:6]]
        for k in quick:
            s = similarity(rw, known.keys[k], rs, known.sets[k]) + (1.0 if row.ref and drafts[k].ref == row.ref else 0.0)
            if s > best_s:
                best, best_s = k, s
        if best_s < 0.9:
            hits = Counter(k2 for w in rs for k2 in known.index.get(w, ()))
            candidates = [k2 for k2, n in hits.items() if n >= 2]
        else:
            candidates = []
        for k in candidates:
            d = drafts[k]
            s = similarity(rw, known.keys[k], rs, known.sets[k])
            if row.ref and d.ref == row.ref and s >= 0.3:
                s += 1.0
            if s > best_s:
                best, best_s = k, s
        if best is not None and best_s >= 0.6:
            d = drafts[best]
            for c in codes:
                if c not in d.recipients:
                    d.recipients.append(c)
            d.reporting_override = (d.reporting_override or set()) | row.reporting
            for x in deadlines:
                if x not in d.deadlines:
                    d.deadlines.append(x)
            d.sources.append(row.span)
            if d.ref is None and row.ref:
                d.ref = row.ref
        else:
            d = Draft(row.kind, row.ref, row.main_goal, codes or list(info.addressees), origin="template")
            d.doubt(0.15, "fra rapporteringsmalen, uten treff i teksten")
            d.text_override = row.text
            d.reporting_override = set(row.reporting)
            d.deadlines = deadlines
            d.sources = [row.span]
            drafts.append(d)
            known.add(row.text)

