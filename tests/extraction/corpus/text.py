"""Text transforms of the seed documents, each with the gold it must still score against.

Every transform rewrites spans of the text (``Edit``); the gold follows mechanically: a gold
item whose text contains a rewritten span gets the same rewrite (texts compared with their
whitespace collapsed), reporting deadlines and allocations keep their dates and amounts (only
the words around them change). A transform that finds nothing to change in a seed returns None
and makes no case.

- ``no_glyphs_space``: bullet marks ("•", "o", "–") dropped, the line keeping one leading space,
  as PDF-to-text gives it when a Symbol-font bullet has no Unicode.
- ``no_glyphs_indent``: mark and space gone; a list item keeps only an indent (2 spaces, 4 for a
  sub-point) on its first and its wrapped lines (a hanging indent).
- ``no_title``: before the first chapter heading, the title lines, letterhead and contact lines
  and a "Forkortelser" list dropped (paragraphs of text stay): the document starts straight
  with its content.
- ``no_signature``: the closing ("Med vennlig hilsen", names, "Mottakere:" list) dropped.
- ``calendar_sentence``: the reporting calendar (the lines holding the gold's reporting
  deadlines, in the densest cluster) replaced by one sentence listing the same dates.
- ``grants_prose``: tables holding the gold's allocations replaced by one sentence per
  allocation, as a ministry or RHF writes it.
- ``grants_table``: sentences holding the gold's allocations replaced by a table
  (Formål | Mottaker | Beløp (i 1000 kr)) in columns of spaces, after a lead-in naming the giver.
- ``headings_toggled``: "1." ↔ "1", "1.1" ↔ "1.1." on chapter and section headings.
- ``headings_kapittel``: chapters written "Kapittel 1 …".
"""
from __future__ import annotations

import contextlib
import copy
import re
from dataclasses import dataclass

from tests.extraction.corpus.blocks import Block, parse_cached, tableish

MONTHS = ["januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september", "oktober",
          "november", "desember"]
DATE_RE = re.compile(r"\b(?P<d>\d{1,2})\.\s*(?P<m>" + "|".join(MONTHS) + r")(?:\s+(?P<y>\d{4}))?"
                     r"|\b(?P<d2>\d{1,2})\.(?P<m2>\d{1,2})\.(?P<y2>\d{4})\b", re.IGNORECASE)
NUMBER_RE = re.compile(r"(?<![\w,])-?\d{1,3}(?:[ \u00a0]\d{3})*(?:,\d+)?(?![\w,])")
ABBREV_END = re.compile(r"(?:\b(?:jf|bl\.a|f\.eks|mill|mrd|kr|pkt|nr|ca|dvs|mnd|St|Prop|Meld|ev|evt|iht|mht|"
                        r"hhv|mv|pst|kap)|\b\d{1,2})\.$")


@dataclass
class Edit:
    start: int
    end: int
    new: str


def apply(text: str, edits: list[Edit]) -> str:
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: e.start):
        if e.start < pos:
            raise ValueError("overlapping edits")
        out.append(text[pos:e.start])
        out.append(e.new)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def _norm(s: str) -> str:
    return " ".join(s.split())


def adjust_gold(gold: dict, text: str, edits: list[Edit]) -> tuple[dict, list[str]]:
    """The gold after ``edits``: an item whose text holds a rewritten span (whitespace
    collapsed, at least four words) gets the rewrite. Returns the gold and a note per change."""
    gold = copy.deepcopy(gold)
    notes = []
    for e in edits:
        old = _norm(text[e.start:e.end])
        if len(old.split()) < 4:
            continue
        new = _norm(e.new)
        for item in gold["items"]:
            if old in item["text"]:
                item["text"] = item["text"].replace(old, new)
                notes.append(f"gold item {item.get('ref') or item['text'][:30]!r}: text rewritten as the document")
    return gold, notes


class _Doc:
    """The text with line offsets and its blocks."""

    def __init__(self, text: str):
        self.text = text
        self.lines = text.split("\n")
        self.offsets = []
        pos = 0
        for line in self.lines:
            self.offsets.append(pos)
            pos += len(line) + 1
        self.blocks = parse_cached(text)

    def line_span(self, first: int, last: int) -> tuple[int, int]:
        """Offsets from the start of line ``first`` to the end of line ``last`` (without its newline)."""
        return self.offsets[first], self.offsets[last] + len(self.lines[last])

    def line_of(self, offset: int) -> int:
        import bisect

        return bisect.bisect_right(self.offsets, offset) - 1

    def block_at(self, line: int) -> Block | None:
        for b in self.blocks:
            if b.lines and b.lines[0] <= line <= b.lines[-1]:
                return b
        return None


# -- (a) bullet glyphs lost --------------------------------------------------------------------------

def _bullet_blocks(doc: _Doc):
    """The bullet items, and bullets written inside table cells (as one-line pseudo-items)."""
    from tests.extraction.corpus.blocks import BULLET_RE

    out = [b for b in doc.blocks if b.kind == "item" and b.style == "bullet"]
    for b in doc.blocks:
        if b.kind == "table":
            for k in b.lines:
                m = BULLET_RE.match(doc.lines[k].strip())
                if m and m.group("mark") not in "–—-":
                    out.append(Block("item", m.group("rest"), [k], mark=m.group("mark"), style="bullet"))
    return out


def no_glyphs_space(doc: _Doc, gold: dict):
    edits = []
    for b in _bullet_blocks(doc):
        line = doc.lines[b.lines[0]]
        m = re.match(r"^\s*" + re.escape(b.mark) + r"\s*", line)
        if m:
            start = doc.offsets[b.lines[0]]
            edits.append(Edit(start, start + m.end(), " "))
    return edits


def no_glyphs_indent(doc: _Doc, gold: dict):
    edits = []
    for b in _bullet_blocks(doc):
        indent = " " * (4 if b.level else 2)
        for n, k in enumerate(b.lines):
            line = doc.lines[k]
            pattern = r"^\s*" + re.escape(b.mark) + r"\s*" if n == 0 else r"^\s*"
            m = re.match(pattern, line)
            start = doc.offsets[k]
            edits.append(Edit(start, start + (m.end() if m else 0), indent))
    return edits


# -- (b) no title page, letterhead or signature --------------------------------------------------------

CONTACT_RE = re.compile(r"^\s*(tel:|mailto:|https?://|www\.|Telefon|Tlf\.?|E-post|Postboks|Postadresse|Besøksadresse|"
                        r"Org\.? ?nr|\S+@\S+\.\w+\s*$)", re.IGNORECASE)


def no_title(doc: _Doc, gold: dict):
    """Before the first chapter heading: the title lines (short lines that are no sentence),
    contact lines and a "Forkortelser" list go; paragraphs of text stay (they may say who
    reports what)."""
    first = next((b for b in doc.blocks if b.kind == "heading" and b.level == 1), None)
    if first is None:
        return []
    end = first.lines[0]
    edits = []
    i = 0
    while i < end:
        line = doc.lines[i].strip()
        if re.match(r"^(Forkortelser|Forkortinger|Ordliste|Begrep)", line):
            start = doc.offsets[i]
            edits.append(Edit(start, doc.offsets[end], ""))
            break
        b = doc.block_at(i)
        title = b is not None and b.kind == "para" and len(b.lines) == 1 and len(line) <= 90 and not line.endswith(
            (".", ":", ",")) and len(line.split()) <= 12
        if line and (CONTACT_RE.match(line) or title):
            start, stop = doc.line_span(i, i)
            edits.append(Edit(start, min(stop + 1, len(doc.text)), ""))
        i += 1
    return edits


CLOSING_RE = re.compile(r"^\s*(Med (vennleg|vennlig) (helsing|hilsen)|Mottakere:|Mottakarar:|Kopi til:)", re.IGNORECASE)


def no_signature(doc: _Doc, gold: dict):
    """The closing and what follows it up to the next heading or "Vedlegg", and a recipients list."""
    edits = []
    i = 0
    while i < len(doc.lines):
        if CLOSING_RE.match(doc.lines[i]):
            j = i + 1
            while j < len(doc.lines) and not re.match(r"^\s*(Vedlegg\b|\d+(\.\d+)*\.?\s+[A-ZÆØÅ])", doc.lines[j]) and (
                    j - i < 30):
                if CLOSING_RE.match(doc.lines[j]) and doc.lines[j].strip().startswith("Med"):
                    break
                j += 1
            start, end = doc.line_span(i, j - 1)
            edits.append(Edit(start, end, ""))
            i = j
        else:
            i += 1
    return edits


# -- (c) the reporting calendar in one sentence ----------------------------------------------------------

def _date_hits(doc: _Doc, iso: str) -> list[re.Match]:
    y, m, d = (int(x) for x in iso.split("-"))
    hits = []
    for match in DATE_RE.finditer(doc.text):
        if match.group("d"):
            dd, mm, yy = int(match.group("d")), MONTHS.index(match.group("m").lower()) + 1, match.group("y")
        else:
            dd, mm, yy = int(match.group("d2")), int(match.group("m2")), match.group("y2")
        if (dd, mm) == (d, m) and (yy is None or int(yy) == y):
            hits.append(match)
    return hits


def _sentence_start(doc: _Doc, pos: int, floor: int) -> int:
    k = pos
    while k > floor:
        if doc.text[k - 1] in ".!?:" and doc.text[k:k + 1].isspace() and not ABBREV_END.search(
                doc.text[max(floor, k - 12):k]):
            break
        k -= 1
    while k < pos and doc.text[k].isspace():
        k += 1
    return k


def _sentence_end(doc: _Doc, pos: int, ceiling: int) -> int:
    k = pos
    while k < ceiling:
        if doc.text[k] in ".!?" and (k + 1 >= len(doc.text) or doc.text[k + 1].isspace()) and not ABBREV_END.search(
                doc.text[max(0, k - 11):k + 1]):
            return k + 1
        k += 1
    return ceiling


def _block_span(doc: _Doc, line: int) -> tuple[int, int]:
    b = doc.block_at(line)
    if b is None:
        return doc.line_span(line, line)
    return doc.line_span(b.lines[0], b.lines[-1])


def _date_words(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d}. {MONTHS[m - 1]} {y}"


def _what_phrase(what: str) -> str:
    if ":" in what:
        a, b = (x.strip() for x in what.split(":", 1))
        return f"{b} for {a}" if re.fullmatch(r"\d\. tertial", a) else f"{b} {a}"
    return f"rapport for {what}" if re.fullmatch(r"\d\. tertial", what) else what


def calendar_sentence(doc: _Doc, gold: dict):
    deadlines = gold.get("reporting_deadlines") or []
    hits = []  # (offset, match, deadline)
    for dl in deadlines:
        for m in _date_hits(doc, dl["date"]):
            hits.append((m.start(), m, dl))
    if not hits:
        return []
    hits.sort(key=lambda h: h[0])
    # clusters of hits within 40 lines of each other; the calendar is the one with most dates
    clusters: list[list] = []
    for h in hits:
        if clusters and doc.line_of(h[0]) - doc.line_of(clusters[-1][-1][0]) <= 40:
            clusters[-1].append(h)
        else:
            clusters.append([h])
    cluster = max(clusters, key=lambda c: len({h[2]["date"] for h in c}))
    if len({h[2]["date"] for h in cluster}) < 2:
        return []
    first, last = cluster[0], cluster[-1]
    b0, _ = _block_span(doc, doc.line_of(first[0]))
    _, b1 = _block_span(doc, doc.line_of(last[1].end() - 1))
    start = _sentence_start(doc, first[0], b0)
    end = _sentence_end(doc, last[1].end(), b1)
    dates = sorted({h[2]["date"]: h[2] for h in cluster}.values(), key=lambda dl: dl["date"])
    parts = [f"{_what_phrase(dl['what'])} innen {_date_words(dl['date'])}" for dl in dates]
    parts[0] = parts[0].replace(" innen ", " skal sendes innen ", 1)
    sentence = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " og " + parts[-1]
    sentence = sentence[:1].upper() + sentence[1:] + "."
    return [Edit(start, end, sentence)]


# -- (d) grants: tables into sentences and sentences into a table ----------------------------------------

def _registry():
    from styring.registry import load_registry

    return load_registry()


def _name(code: str) -> str:
    org = _registry().get(code)
    return org.name if org else code


def _figures(line: str) -> list[tuple[float, re.Match]]:
    out = []
    for m in NUMBER_RE.finditer(line):
        raw = m.group(0).replace(" ", "").replace("\u00a0", "").replace(",", ".")
        with contextlib.suppress(ValueError):
            out.append((float(raw), m))
    return out


def _amount_matches(value: float, amount: float, units=(1e6, 1e3)) -> bool:
    return any(round(value * u, -3) == round(amount, -3) and value != 0 for u in units)


def _spelled(org_code: str) -> list[str]:
    org = _registry().get(org_code)
    if org is None:
        return [org_code]
    names = {org.code, org.name, *org.aliases}
    short = org.name.rsplit(" ", 1)[0] if org.name.endswith((" HF", " RHF")) else org.name
    names.add(short)
    if short.endswith("sykehuset"):
        names.add(short[: -len("ssykehuset")])  # "Finnmark" for Finnmarkssykehuset
    return sorted(names, key=len, reverse=True)


def _mentions(line: str, code: str) -> bool:
    return any(re.search(rf"(?<![\wÆØÅæøå]){re.escape(n)}(?![\wÆØÅæøå])", line) for n in _spelled(code))


def _money(amount: float) -> str:
    amount = int(round(amount))
    if amount % 100_000 == 0:
        mill = amount / 1e6
        text = f"{mill:.1f}".replace(".", ",") if mill % 1 else f"{int(mill)}"
        return f"{text} mill. kroner"
    return f"{amount:,}".replace(",", " ") + " kroner"


def _grant_sentence(a: dict, n: int) -> str:
    giver, taker, money, year = _name(a["from"]), _name(a["to"]), _money(a["amount_nok"]), a.get("year") or ""
    purpose = re.split(r"[,(]", a.get("purpose") or "tilskudd")[0].strip()
    forms = [
        f"{giver} bevilger {money} i {purpose} til {taker} for {year}.",
        f"{taker} tildeles {money} fra {giver} for {year} ({purpose}).",
        f"Fra {giver} får {taker} {money} i {year} i {purpose}.",
    ]
    return forms[n % len(forms)]


def grants_prose(doc: _Doc, gold: dict):
    """Each table row holding gold allocations (figures in millions or thousands, matched by
    amount, in a line of figures that names no sentence) is found with its table: the table
    block the corpus reader found, else the lines up from the row to the nearest header naming
    two of the allocations' recipients. The table becomes one sentence per allocation."""
    allocations = gold.get("allocations") or []
    rows: dict[int, list[dict]] = {}
    for i, line in enumerate(doc.lines):
        b = doc.block_at(i)
        if b is None or b.kind not in ("table", "para") or b.kind == "para" and not tableish(line):
            continue
        figs = _figures(line)
        for a in allocations:
            if any(_amount_matches(v, a["amount_nok"]) for v, _ in figs):
                rows.setdefault(i, []).append(a)
    regions: list[tuple[int, int, list[dict]]] = []
    for i in sorted(rows):
        b = doc.block_at(i)
        if b is not None and b.kind == "table":
            first, last = b.lines[0], b.lines[-1]
        else:
            codes = {a["to"] for a in rows[i]} | {a["from"] for a in rows[i]}
            first = i
            while first > 0 and i - first < 150 and sum(_mentions(doc.lines[first], c) for c in codes) < 2:
                first -= 1
            last = i
        if regions and first <= regions[-1][1]:
            f0, l0, al = regions[-1]
            regions[-1] = (min(f0, first), max(l0, last), al + rows[i])
        else:
            regions.append((first, last, list(rows[i])))
    edits = []
    for first, last, allocs in regions:
        start, end = doc.line_span(first, last)
        seen = []
        for a in allocs:
            if a not in seen:
                seen.append(a)
        edits.append(Edit(start, end, "\n\n".join(_grant_sentence(a, n) for n, a in enumerate(seen))))
    return edits


PROSE_MONEY_RE = re.compile(r"(?P<num>\d[\d \u00a0]*(?:,\d+)?)\s*(?:mill\.|millioner)\s*(?:kroner|kr\.?)")


def grants_table(doc: _Doc, gold: dict):
    """Allocations written in sentences ("92,85 mill. kroner til Helse Sør-Øst RHF") become a
    table after a lead-in that names the giver; the sentences from the first to the last one
    holding such an amount go."""
    allocations = gold.get("allocations") or []
    found: list[tuple[int, int, dict]] = []  # (offset, end, allocation)
    for m in PROSE_MONEY_RE.finditer(doc.text):
        value = float(m.group("num").replace(" ", "").replace("\u00a0", "").replace(",", "."))
        line = doc.lines[doc.line_of(m.start())]
        if len(_figures(line)) >= 4:
            continue  # a row of a table
        window = doc.text[max(0, m.start() - 200):m.end() + 80]
        for a in allocations:
            if _amount_matches(value, a["amount_nok"], units=(1e6,)) and _mentions(window, a["to"]) and all(
                    a is not f[2] for f in found):
                found.append((m.start(), m.end(), a))
                break
    if not found:
        return []
    found.sort(key=lambda f: f[0])
    # one table per paragraph-near run of such sentences
    groups: list[list] = []
    for f in found:
        if groups and doc.line_of(f[0]) - doc.line_of(groups[-1][-1][0]) <= 12:
            groups[-1].append(f)
        else:
            groups.append([f])
    edits = []
    for group in groups:
        first_line = doc.line_of(group[0][0])
        b0, _ = _block_span(doc, first_line)
        _, b1 = _block_span(doc, doc.line_of(group[-1][1]))
        start = _sentence_start(doc, group[0][0], b0)
        end = _sentence_end(doc, group[-1][1], b1)
        allocs = [f[2] for f in group]
        givers = {a["from"] for a in allocs}
        lead = (f"{_name(givers.pop())} fordeler midlene slik:" if len(givers) == 1 else "Midlene fordeles slik:")
        rows = [("Formål", "Mottaker", "Beløp (i 1000 kr)")]
        for a in allocs:
            purpose = (a.get("purpose") or "tilskudd")
            rows.append((purpose[:1].upper() + purpose[1:], _name(a["to"]), f"{int(round(a['amount_nok'] / 1000)):,}".replace(",", " ")))
        widths = [max(len(r[k]) for r in rows) + 4 for k in range(2)]
        table = "\n".join(f"{r[0].ljust(widths[0])}{r[1].ljust(widths[1])}{r[2]}" for r in rows)
        edits.append(Edit(start, end, f"{lead}\n\n{table}\n"))
    return edits


# -- (e) headings restyled -----------------------------------------------------------------------------

def _heading_edits(doc: _Doc, rewrite):
    edits = []
    for b in doc.blocks:
        if b.kind != "heading":
            continue
        k = b.lines[0]
        m = re.match(r"^(\s*)(\d+(?:\.\d+)*)(\.?)(\s+)", doc.lines[k])
        if not m:
            continue
        new = rewrite(b, m.group(2), bool(m.group(3)))
        if new is None:
            continue
        start = doc.offsets[k] + m.start(2)
        edits.append(Edit(start, doc.offsets[k] + m.end(4), new))
    return edits


def headings_toggled(doc: _Doc, gold: dict):
    return _heading_edits(doc, lambda b, num, dot: f"{num} " if dot else f"{num}. ")


def headings_kapittel(doc: _Doc, gold: dict):
    return _heading_edits(doc, lambda b, num, dot: f"Kapittel {num} " if b.level == 1 else None)


TRANSFORMS = {
    "no_glyphs_space": no_glyphs_space,
    "no_glyphs_indent": no_glyphs_indent,
    "no_title": no_title,
    "no_signature": no_signature,
    "calendar_sentence": calendar_sentence,
    "grants_prose": grants_prose,
    "grants_table": grants_table,
    "headings_toggled": headings_toggled,
    "headings_kapittel": headings_kapittel,
}


def transform(text: str, gold: dict, steps: list[str]) -> tuple[str, dict, list[str]] | None:
    """``text`` through the transforms ``steps`` in order, with the gold adjusted; a step that
    finds nothing to change is left out (with a note), and None when no step changed anything
    (the variant does not apply to this document)."""
    notes: list[str] = []
    changed = False
    for step in steps:
        doc = _Doc(text)
        edits = TRANSFORMS[step](doc, gold)
        if not edits:
            notes.append(f"{step}: nothing to change in this document")
            continue
        changed = True
        gold, more = adjust_gold(gold, text, edits)
        notes += more
        text = apply(text, edits)
    return (text, gold, notes) if changed else None
