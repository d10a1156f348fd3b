"""Indicator tables: attachment tables of indicators (indicator, target, data source, frequency)
and Word tables ("Indikator | Mål 2024 | Rapportering"). A row that repeats an item adds its
source and reporting frequency to it; a row of its own becomes an indicator."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from styring.extraction import lexicon as lx
from styring.extraction.draft import Draft, d_text
from styring.extraction.rules.document import DocInfo
from styring.extraction.rules.structure import HOVEDMAL_HINTS, named_goal
from styring.extraction.textsim import WordIndex, similarity, words

TABLE_HEAD_RE = lx.compile(
    r"(?m)^[ \t]*(?:<<table_caption>>[ \t]+\d+\.?[ \t][^\n]*<<col_indicator>>[^\n]*|<<col_indicator>>\b[^\n]*<<col_data_source>>[^\n]*)$"
)
# A Word table of indicators as the DOCX reader writes it: "Indikator | Mål 2024 | Rapportering".
PIPE_TABLE_HEAD_RE = lx.compile(r"(?m)^[ \t]*<<col_indicator>>\b[^|\n]*\|[^\n]*$")
_TABLE_END_RE = lx.compile(r"(?m)^\s*(?:<<table_caption>>|<<attachment>>)\s+\d")
_HEADER_ROW_RE = re.compile(rf"^{lx.title_alt('col_indicator')}\b")
_CAPTION_ROW_RE = re.compile(rf"^(?:{lx.title_alt('col_indicator_word')}|{lx.title_alt('table_caption')})\b")
_STATEMENT_RE = re.compile(rf"^(?P<stmt>[A-ZÆØÅ][^.]*?\b{lx.alt('shall')}\b[^.]*\.)")


def find_tables(text: str) -> list[tuple[int, int]]:
    """Indicator tables (indicator, target, data source, frequency) whose rows repeat bullets; a
    Word table ("Indikator | …") runs to its last row."""
    out = []
    for m in PIPE_TABLE_HEAD_RE.finditer(text):
        end = m.end()
        for row in re.finditer(r"\n([^\n]*)", text[m.end():]):
            if row.group(1).strip() and "|" not in row.group(1):
                break
            end = m.end() + row.end()
        out.append((m.start(), end))
    for m in TABLE_HEAD_RE.finditer(text):
        if any(s <= m.start() < e for s, e in out):
            continue
        nxt = _TABLE_END_RE.search(text, m.end())
        end = nxt.start() if nxt else len(text)
        if out and m.start() < out[-1][1]:
            continue  # a header line inside a table already found (repeated on each page)
        out.append((m.start(), end))
    return out


def merge_table(drafts: list[Draft], text: str, span: tuple[int, int], info: DocInfo, create: bool,
                as_read: Callable[[int, int], str] | None = None) -> None:
    """Rows of an indicator table: a row that repeats an item adds its source; a row that states
    a target of its own ("… skal …") becomes an indicator (only when there is no reporting
    template, which lists the same rows more cleanly). ``as_read`` gives a line as read, before its
    runs of spaces were squeezed, so a text table's columns can be told apart."""
    known = WordIndex([d_text(d, text) for d in drafts])
    pos = span[0]
    lines = text[span[0]:span[1]].split("\n")
    report_col: int | None = None  # the column that says how each row is reported, if the header has one
    any_col = True  # no header that tells: a frequency anywhere in the row counts (Word tables)
    last_new: Draft | None = None
    group_goal: int | None = None  # the hovedmål of the rows below a row that names one ("Hovudmål 1")
    physical: list[tuple[int, str, str, list[str]]] = []
    for raw in lines:
        start = pos + len(raw) - len(raw.lstrip())
        pos += len(raw) + 1
        row = raw.strip()
        cells = _cells(as_read(start, start + len(row)).strip() if as_read is not None and row else row)
        physical.append((start, raw, row, cells))
    for k, (start, row, cells, end) in enumerate(_logical_rows(physical)):
        if _HEADER_ROW_RE.match(row) and len(cells) >= 2:
            heads = [c.lower() for c in cells]
            report_col = next((n for n, c in enumerate(heads) if "rapport" in c), None)
            any_col = report_col is None and not any("frekvens" in c or "publiser" in c for c in heads)
            continue
        if k == 0 or not row or _CAPTION_ROW_RE.match(row):
            continue
        if last_new is not None and len(cells) <= 1 and row[:1].islower():
            # a row's first cell wrapped onto the next line
            so_far = last_new.text_override or ""
            last_new.text_override = f"{so_far} {row}" if last_new.wrapped_at is None else (
                so_far[:last_new.wrapped_at] + " " + row + so_far[last_new.wrapped_at:])
            last_new.wrapped_at = None
            s0, _ = last_new.sources[-1]
            last_new.sources[-1] = (s0, end)
            continue
        last_new = None
        filled0 = [c for c in cells if c]
        if len(filled0) == 1 and len(filled0[0].split()) <= 16 and (goal := named_goal(filled0[0], HOVEDMAL_HINTS)):
            group_goal = goal  # a row that only names a hovedmål groups the rows below it
            continue
        rw = words(row)
        rs = frozenset(rw[:60])
        hits = Counter(j for w in rs for j in known.index.get(w, ()))
        best, best_s = None, 0.0
        for j, n in hits.items():
            if n < 3:
                continue
            d = drafts[j]
            if d.kind == "assignment" and d.ref:
                continue
            sim = similarity(rw, known.keys[j], rs, known.sets[j])
            if sim > best_s:
                best, best_s = j, sim
        # the frequency column ("Tertialvis", "Månadleg", "Årleg melding") when it is the reporting
        if report_col is not None:
            freq_cells = cells[report_col:report_col + 1]
        else:
            freq_cells = cells[1:] if any_col and "|" in row else []
        modes = {mode for cell in freq_cells for mode in lx.cell_modes(cell)}
        if best is not None and best_s >= 0.55:
            drafts[best].sources.append((start, end))
            drafts[best].reporting |= modes
            continue
        m = _STATEMENT_RE.match(row)
        filled = [c for c in cells if c]
        if create and len(filled) >= 2 and cells[0] and ("|" in row or len(cells[0].split()) >= 2):
            # a row of a table: the indicator and its target (and how it is reported)
            d = Draft("indicator", None, group_goal, list(info.addressees), origin="table")
            d.text_override = " ".join(filled)
            d.wrapped_at = len(filled[0])
            d.sources = [(start, end)]
            d.reporting |= modes
            last_new = d
        elif create and m:
            d = Draft("indicator", None, group_goal, list(info.addressees), origin="table")
            d.text_override = m.group("stmt")
            d.sources = [(start, start + len(m.group("stmt")))]
        else:
            continue
        d.doubt(0.2, "indikator fra en tabellrad uten punkt i teksten")
        drafts.append(d)
        known.add(d.text_override or "")


def _logical_rows(physical: list[tuple[int, str, str, list[str]]]) -> list[tuple[int, str, list[str], int]]:
    """(start, row text, cells, end) of a table's rows. A PDF table whose cells wrapped in their
    columns comes out a row over several lines: the lines after a row's first that are indented (the
    other columns' cells) or go on in lower case (its first cell wrapped) belong to it."""
    out: list[list[Any]] = []  # start, row text, cells, end, whether other columns were added
    for start, raw, row, cells in physical:
        indented = raw[:1] in (" ", "\t") and bool(row)
        if out and out[-1][1] and row and "|" not in row and (
                indented or row[:1].islower() and len(out[-1][2]) <= 1 and not out[-1][4]):
            prev = out[-1]
            if not indented and prev[2]:
                prev[2][-1] = f"{prev[2][-1]} {row}"  # the first cell wrapped
            else:
                prev[2].extend(cells)
                prev[4] = True
            prev[1] = f"{prev[1]} {row}"
            prev[3] = start + len(row)
            continue
        out.append([start, row, list(cells), start + len(row), False])
    return [(s, r, c, e) for s, r, c, e, _ in out]


def _cells(row: str) -> list[str]:
    """A table row's cells: a Word table's "a | b | c", or a text table's columns (2+ spaces or a tab)."""
    if "|" in row:
        return [c.strip() for c in row.split("|")]
    return [c.strip() for c in re.split(r"\t|\s{2,}", row) if c.strip()]


# -- reporting tables whatever their header says ------------------------------------------------
# A table with a column that says how each row is reported ("Rapportering", "Rapporteringsform",
# "Frekvens" …) and a text column: each row that repeats an item gives it that reporting.
_FREQ_HEAD = lx.compile(r"^<<col_frequency>>$")
_FREQ_CELL = lx.compile(r"^(?:<<mode_annual+mode_tertial+mode_monthly+mode_deviation+mode_risk+mode_none>>)"
                        r"(?:\s*(?:\(|og|,)[^|]{0,60})?$")
_FREQ_WORD = lx.compile(r"<<col_frequency>>")  # a line that may be a reporting table's header
_ROW_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{1,2})*\.?$")


def _split_cells(line: str) -> list[str]:
    return [c.strip() for c in (line.split("|") if "|" in line else re.split(r"\t|\s{2,}", line.strip())) if c.strip()]


def _is_frequency_header(line: str) -> bool:
    """A table's header row with a frequency column beside other named columns (not "5 Rapportering")."""
    cells = _split_cells(line)
    return (2 <= len(cells) <= 6 and len(line) < 160 and any(_FREQ_HEAD.match(c) for c in cells)
            and not any(re.fullmatch(r"[\d.,\s]+", c) for c in cells))


def frequency_rows(text: str, taken: Sequence[tuple[int, ...]] = ()) -> list[tuple[int, int, str, set[str]]]:
    """(start, end, row text, modes) for each row of a reporting table outside ``taken`` spans. A row
    ends with its frequency cell: at the end of its line (Word and text tables) or on a line of its
    own (a PDF table whose cells wrapped in their columns); a header repeated on a new page is skipped."""
    out: list[tuple[int, int, str, set[str]]] = []
    done = 0  # where the last table read ended
    for m in _FREQ_WORD.finditer(text):
        start = text.rfind("\n", 0, m.start()) + 1
        if start < done:
            continue
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        if not _is_frequency_header(text[start:end]) or any(a <= start < b for a, b in taken):
            continue
        done = _read_rows(text, start, end, out)
    return out


def _read_rows(text: str, start: int, end: int, out: list[tuple[int, int, str, set[str]]]) -> int:
    """The rows of the table whose header is ``text[start:end]`` appended to ``out``; returns where
    the table ends."""
    header = " ".join(text[start:end].split())
    pending: list[tuple[int, int]] = []  # lines of the row being read: (start, end)
    blanks = 0
    pos, count = end + 1, 0
    while pos < len(text) and count < 200:
        nl = text.find("\n", pos)
        line_end = len(text) if nl < 0 else nl
        line = text[pos:line_end]
        raw = line.strip()
        count += 1
        if not raw:
            blanks += 1
            if blanks > 2 or (blanks > 1 and not pending):
                break
        elif " ".join(raw.split()) == header:
            blanks, pending = 0, []  # the header repeated on a new page
        else:
            blanks = 0
            cells = _split_cells(raw)
            if cells and _FREQ_CELL.match(cells[-1]):
                row = [c for c in (*(" ".join(text[a:b].split()) for a, b in pending), *cells[:-1]) if c]
                if row and _ROW_NUMBER.match(row[0]):
                    row = row[1:]
                if row:
                    first = pending[0][0] if pending else pos
                    out.append((first, line_end, " ".join(row), lx.reporting_modes(cells[-1])))
                pending = []
            elif len(pending) > 12:
                break  # no frequency cell for a long run of lines: the table has ended
            else:
                pending.append((pos, line_end))
        pos = line_end + 1
    return pos


def merge_frequency_rows(drafts: list[Draft], text: str, rows: Sequence[tuple[int, int, str, set[str]]]) -> None:
    """Each row's reporting and source onto the item whose text it repeats (most of the row's words
    are the item's; the best such item)."""
    if not rows:
        return
    def stems(t: str) -> frozenset[str]:  # inflected forms ("regional"/"regionale") count as one word
        return frozenset(w[:6] for w in words(t) if not w.isdigit())

    index: dict[str, list[int]] = {}
    for j, d in enumerate(drafts):
        for w in stems(d_text(d, text)):
            index.setdefault(w, []).append(j)
    for start, end, row_text, modes in rows:
        rs = stems(row_text)
        if len(rs) < 3:
            continue
        hits = Counter(j for w in rs for j in index.get(w, ()))
        best, best_s = None, 0.0
        for j, n in hits.items():
            share = n / len(rs)
            if share >= 0.6 and share > best_s:
                best, best_s = j, share
        if best is None:
            continue
        drafts[best].reporting |= modes
        if (start, end) not in drafts[best].sources:
            drafts[best].sources.append((start, end))
