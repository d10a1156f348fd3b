"""The reporting template attachment: rows that repeat every requirement with "Gjelder foretak"
and "Rapporteringsfrekvens". Each row is merged into the item it repeats (recipients, reporting,
deadlines, source); a row that repeats nothing becomes an item of its own.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from styring.extraction.dates import find_dates
from styring.extraction.draft import Draft, d_text
from styring.extraction.layout.lines import norm_ws
from styring.extraction.textsim import WordIndex, similarity, words

HEADER_RE = re.compile(r"Gjelder\s+(?:foretak|føretak|helseforetak|HF)")
ROW_END_RE = re.compile(r"Rapporteringstekst\s*:|Rapporteringstekst\b")
FREQ_RE = re.compile(
    r"(?:Årlig\s+melding|Årleg\s+melding|Tertialrapport\w*|Tertialvis|Skal risikovurderes|Skal risikovurderast|"
    r"Ingen rapportering|Virksomhetsrapport\w*|Månedlig\w*|\d\.\s*tertial|Innen\s+\d|Innan\s+\d)"
)
CODES_TAIL_RE = re.compile(r"((?:\b(?:Alle|[A-ZÆØÅ]{2,6}(?:\s+IKT)?)\s*,?\s*)+)$")
CODE_LINE_RE = re.compile(r"^(?:(?:Alle|[A-ZÆØÅ]{2,6}(?:\s+IKT)?)\s*,?\s*)+$")
LABEL_RE = re.compile(r"^(?:(?P<word>Mål|Indikator|Indikatorar|Indikatorer)\b|(?P<num>\d{1,3})(?![.\d]))\s*(?P<rest>.*)$")
HEADING_RE = re.compile(r"^(?:\d+\.\s+\S|\d+(?:\.\d+)+\.?\s+\S|Styringskrav\s*:|Side\s+\d+\s+av\s+\d+)")
@dataclass
class Row:
    kind: str
    ref: str | None
    main_goal: int | None
    text: str
    codes: list[str]
    all_: bool
    reporting: set
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
    m = re.search(r"(?m)^[^\n]*\|[^\n]*Gjelder[^\n]*$", text)
    if not m or not re.search(r"Rapporterings|frekvens", m.group(0), re.IGNORECASE):
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
                g = re.search(r"hoved?mål\s+([123])|hovudmål\s+([123])", line, re.IGNORECASE)
                if re.match(r"^\s*\d+\.?\s", line):
                    main_goal = int(g.group(1) or g.group(2)) if g else None
                if re.match(r"^\s*Vedlegg\s+\d", line):
                    break
            continue
        end = pos
        cells = [c.strip() for c in line.split("|")]
        codes_idx = next((k for k, c in enumerate(cells) if c and CODE_LINE_RE.match(c)), None)
        if codes_idx is None:
            codes_idx = next((k for k, h in enumerate(header) if "gjelder" in h), None)
            if codes_idx is None or codes_idx >= len(cells):
                continue
        before, after = cells[:codes_idx], cells[codes_idx + 1:]
        label_cell = before[0] if len(before) > 1 else ""
        text_cell = max(before, key=len) if before else ""
        lm = LABEL_RE.match(label_cell or text_cell) or _NO_LABEL.match(text_cell)
        assert lm is not None  # _NO_LABEL matches any text
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
        if re.search(r"Rapporterings", text[max(0, m.start() - 400):m.end() + 400]) and ROW_END_RE.search(text, m.end(), m.end() + 800):
            break
    else:
        return None
    start = text.rfind("\n", 0, m.start()) + 1
    first_end = ROW_END_RE.search(text, m.end())
    if not first_end:
        return None
    vm = re.compile(r"(?m)^\s*Vedlegg\s+\d").search(text, first_end.end())
    end = vm.start() if vm else len(text)
    tmpl = Template(start, end)
    tmpl.rows = list(_rows(text, first_end.end(), end))
    return tmpl


def _chunks(text: str, start: int, end: int):
    pos = start
    for m in ROW_END_RE.finditer(text, start, end):
        yield from _split_ingen(text, pos, m.start())
        pos = m.end()
    yield from _split_ingen(text, pos, end)


def _split_ingen(text: str, s: int, e: int):
    pos = s
    for m in re.finditer(r"Ingen rapportering", text[s:e]):
        yield pos, s + m.end()
        pos = s + m.end()
    if text[pos:e].strip():
        yield pos, e


def _rows(text: str, start: int, end: int):
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
                g = re.search(r"hoved?mål\s+([123])|hovudmål\s+([123])", s, re.IGNORECASE)
                main_goal = int(g.group(1) or g.group(2)) if g else None
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


def _parse_row(content: str, label: re.Match, main_goal: int | None, span: tuple[int, int]) -> Row | None:
    pos = None
    for m in FREQ_RE.finditer(content):
        if m.start() < 15:
            continue
        before = content[:m.start()].rstrip()
        if before.endswith(("\n",)) or CODES_TAIL_RE.search(before) or content[m.start() - 1] == "\n":
            pos = m.start()
            break
    if pos is None:
        text_part, freq = content, ""
    else:
        text_part, freq = content[:pos], content[pos:]
    codes: list[str] = []
    all_ = False
    cm = CODES_TAIL_RE.search(text_part.rstrip())
    if cm:
        raw = cm.group(1)
        text_part = text_part.rstrip()[: cm.start()]
        toks = [t.strip() for t in re.split(r"[,\n]", raw) if t.strip()]
        for t in toks:
            if t == "Alle":
                all_ = True
            else:
                codes.append(t)
    for ln in freq.split("\n"):
        s = ln.strip()
        if s and CODE_LINE_RE.match(s):
            for t in re.split(r"[,\s]+", s):
                if t == "Alle":
                    all_ = True
                elif t and t not in ("IKT",):
                    codes.append(t)
    text = norm_ws(text_part)
    if len(text) < 3:
        return None
    kind, ref = _kind_and_ref(label)
    return Row(kind, ref, main_goal, text, codes, all_, _modes(freq), [], span)


def _kind_and_ref(label: re.Match) -> tuple[str, str | None]:
    if label.group("word"):
        return ("goal" if label.group("word") == "Mål" else "indicator"), None
    return "assignment", (label.group("num") or None)


def _modes(freq: str) -> set[str]:
    """How a row is reported, from its "Rapporteringsfrekvens" cell."""
    reporting = set()
    if re.search(r"Årlig\s+melding|Årleg\s+melding", freq):
        reporting.add("annual")
    if re.search(r"avviksrapport", freq, re.IGNORECASE):
        reporting.add("deviation")
    if re.search(r"Tertialrapport|tertialrapport|\d\.\s*tertial|Tertialvis rapport", freq):
        reporting.add("tertial")
    if re.search(r"risikovurder", freq, re.IGNORECASE):
        reporting.add("risk")
    if re.search(r"Virksomhetsrapport|Månedlig", freq):
        reporting.add("monthly")
    return reporting


# -- a template laid out in columns (a PDF's text layer, column gaps kept as runs of spaces) ------

_CODES_HEAD_RE = re.compile(r"^((?:Alle|[A-ZÆØÅ]{2,6}(?:\s+IKT)?)(?:\s*,\s*(?:Alle|[A-ZÆØÅ]{2,6}(?:\s+IKT)?))*\s*,?)(?:\s+|$)(.*)$")
_VEDLEGG_RE = re.compile(r"^\s*Vedlegg\s+\d+\b(?!\s+til\b)", re.IGNORECASE)
_FURNITURE_RE = re.compile(r"^(?:Side\s+\d+\s+av\s+\d+|\d{1,3}|\f)$", re.IGNORECASE)


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
    header = next((k for k, raw in enumerate(as_read)
                   if "Gjelder" in raw and re.search(r"Rapporterings|frekvens", raw) and re.search(r"\S {2,}\S", raw)), None)
    if header is None:
        return None
    heads = _cells(as_read[header])
    starts = [pos for pos, _ in heads]
    who = next((n for n, (_, h) in enumerate(heads) if h.startswith("Gjelder")), None)
    freq = next((n for n, (_, h) in enumerate(heads) if re.search(r"frekvens", h, re.IGNORECASE)), None)
    if who is None or freq is None or who == 0:
        return None
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    rows: list[Row] = []
    main_goal: int | None = None
    current: dict | None = None

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
        if k == header + 1 and re.search(r"\b(?:tekst|foretak|føretak|avviksrapport\w*)\b", stripped):
            continue  # the header's second line ("Indikator   tekst   foretak   avviksrapportering")
        if ROW_END_RE.match(stripped):
            close()
            continue
        if re.match(r"^\d+(?:\.\d+)*\.?\s+\S", stripped) and not re.search(r"\S {2,}\S", as_read[k].strip()):
            close()  # a heading between rows: "3. Hovedmål 1: …", "4.1 Forskning …"
            g = re.search(r"hoved?mål\s+([123])|hovudmål\s+([123])", stripped, re.IGNORECASE)
            if re.match(r"^\d+\.?\s", stripped):
                main_goal = int(g.group(1) or g.group(2)) if g else None
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


_FREQ_WORDS = re.compile(r"årlig\s+melding|årleg\s+melding|tertial|avviksrapport|risikovurder|månedlig|månadleg|"
                         r"virksomhetsrapport|ingen\s+rapportering|^\(?evt\b|^\)", re.IGNORECASE)


def _column_row(current: dict, main_goal: int | None) -> Row | None:
    """A row from its cells (position, text) line by line: cells from where its "Gjelder" codes or
    frequency stand and rightwards say whom and how; the cells left of them are its text."""
    lines: list[list[tuple[int, str]]] = current["lines"]
    side = None  # where the codes/frequency column begins on this row
    for cells in lines:
        for pos, cell in cells:
            if _CODES_HEAD_RE.match(cell) or _FREQ_WORDS.search(cell):
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
                m = _CODES_HEAD_RE.match(cell)
                if m and not _FREQ_WORDS.search(m.group(1)):
                    for tok in re.split(r"[,\s]+", m.group(1)):
                        if tok == "Alle":
                            all_ = True
                        elif tok and tok != "IKT":
                            codes.append(tok)
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


def merge_rows(drafts: list[Draft], tmpl: Template, text: str, reg, info) -> None:
    """Each template row joins the draft it repeats (recipients, reporting, deadlines, source), or
    becomes a draft of its own."""
    year = info.year
    known = WordIndex([d_text(d, text) for d in drafts])
    for row in tmpl.rows:
        full = text[row.span[0]:row.span[1]]
        deadlines = []
        for mention in find_dates(full, year):
            ctx = full[max(0, mention.start - 30):mention.start]
            if (re.search(r"(?:innen|innan|senest)\s*$", ctx, re.IGNORECASE)
                    and re.search(r"risikovurder|^\s*$|Alle|[A-Z]{2,},?\s*$", full[max(0, mention.start - 60):mention.start], re.IGNORECASE)
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

