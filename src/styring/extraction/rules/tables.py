"""Indicator tables: attachment tables of indicators (indicator, target, data source, frequency)
and Word tables ("Indikator | Mål 2024 | Rapportering"). A row that repeats an item adds its
source and reporting frequency to it; a row of its own becomes an indicator."""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from styring.extraction import lexicon as lx
from styring.extraction.draft import Draft, d_text
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


def merge_table(drafts: list[Draft], text: str, span: tuple[int, int], info, create: bool,
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
    for k, raw in enumerate(lines):
        start = pos + len(raw) - len(raw.lstrip())
        pos += len(raw) + 1
        row = raw.strip()
        cells = _cells(as_read(start, start + len(row)).strip() if as_read is not None and row else row)
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
            last_new.sources[-1] = (s0, start + len(row))
            continue
        last_new = None
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
            drafts[best].sources.append((start, start + len(row)))
            drafts[best].reporting |= modes
            continue
        m = _STATEMENT_RE.match(row)
        filled = [c for c in cells if c]
        if create and len(filled) >= 2 and cells[0] and ("|" in row or len(cells[0].split()) >= 2):
            # a row of a table: the indicator and its target (and how it is reported)
            d = Draft("indicator", None, None, list(info.addressees), origin="table")
            d.text_override = " ".join(filled)
            d.wrapped_at = len(filled[0])
            d.sources = [(start, start + len(row))]
            d.reporting |= modes
            last_new = d
        elif create and m:
            d = Draft("indicator", None, None, list(info.addressees), origin="table")
            d.text_override = m.group("stmt")
            d.sources = [(start, start + len(m.group("stmt")))]
        else:
            continue
        d.doubt(0.2, "indikator fra en tabellrad uten punkt i teksten")
        drafts.append(d)
        known.add(d.text_override or "")


def _cells(row: str) -> list[str]:
    """A table row's cells: a Word table's "a | b | c", or a text table's columns (2+ spaces or a tab)."""
    if "|" in row:
        return [c.strip() for c in row.split("|")]
    return [c.strip() for c in re.split(r"\t|\s{2,}", row) if c.strip()]
