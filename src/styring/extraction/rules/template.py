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
from styring.extraction.textsim import similarity, words

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
        lm = LABEL_RE.match(label_cell or text_cell)
        if lm is None:
            lm = re.match(r"^(?P<word>)(?P<num>)(?P<rest>.*)$", text_cell)
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


def find_template(text: str) -> Template | None:
    piped = _pipe_template(text)
    if piped is not None:
        return piped
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
    text = norm_ws(text_part)
    if len(text) < 3:
        return None
    if label.group("word"):
        kind = "goal" if label.group("word") == "Mål" else "indicator"
        ref = None
    else:
        kind, ref = "assignment", (label.group("num") or None)
    return Row(kind, ref, main_goal, text, codes, all_, reporting, [], span) if freq or codes or all_ else Row(
        kind, ref, main_goal, text, codes, all_, reporting, [], span)


def merge_rows(drafts: list[Draft], tmpl: Template, text: str, reg, info) -> None:
    """Each template row joins the draft it repeats (recipients, reporting, deadlines, source), or
    becomes a draft of its own."""
    year = info.year
    cache = [words(d_text(d, text)) for d in drafts]
    sets = [frozenset(w[:60]) for w in cache]
    index: dict[str, list[int]] = {}
    for k2, st in enumerate(sets):
        for w in st:
            index.setdefault(w, []).append(k2)
    for row in tmpl.rows:
        full = text[row.span[0]:row.span[1]]
        deadlines = []
        for d in find_dates(full, year):
            ctx = full[max(0, d.start - 30):d.start]
            if re.search(r"(?:innen|innan|senest)\s*$", ctx, re.IGNORECASE) and re.search(r"risikovurder|^\s*$|Alle|[A-Z]{2,},?\s*$", full[max(0, d.start - 60):d.start], re.IGNORECASE):
                if d.iso not in deadlines:
                    deadlines.append(d.iso)
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
        quick = [k for k, d in enumerate(drafts) if (row.ref and d.ref == row.ref) or cache[k][:6] == rw[:6]]
        for k in quick:
            s = similarity(rw, cache[k], rs, sets[k]) + (1.0 if row.ref and drafts[k].ref == row.ref else 0.0)
            if s > best_s:
                best, best_s = k, s
        if best_s < 0.9:
            hits = Counter(k2 for w in rs for k2 in index.get(w, ()))
            candidates = [k2 for k2, n in hits.items() if n >= 2]
        else:
            candidates = []
        for k in candidates:
            d = drafts[k]
            s = similarity(rw, cache[k], rs, sets[k])
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
            cache.append(rw)
            sets.append(rs)
            for w in rs:
                index.setdefault(w, []).append(len(drafts) - 1)

