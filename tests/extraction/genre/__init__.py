"""A genre corpus: steering documents of the families the seeds do not show, written for the
corpus from ``../shared/reference/genres.md`` (never edited seeds), each with hand-made gold.

Each document is one ``*.doc.txt`` file in this folder written in a small block markup, and is built
three ways: as the **text** a user pastes (wrapped, "•" bullets, typed numbers, tables in columns of
spaces), as a **Word file made the way Word makes one** (``word.py``: list numbering from
numbering.xml, real tables, heading styles or bold Normal paragraphs, manual line breaks) and as a
**PDF printed from that Word file by LibreOffice** (``soffice --headless --convert-to pdf``).

The markup (one block a line; blank lines and ``#`` comments ignored)::

    % issuer: HOD              document facts of the gold (issuer codes, year, language),
    % headings: styles|bold    how the Word file marks its headings,
    % deadline: 2026-03-15 årleg melding            the reporting calendar,
    % allocation: HOD HV 26840189000 basistilskot    a grant (payer, receiver, kroner, purpose)
    @ kind=goal goal=1 to=HV rep=annual            defaults of the items below (``goal=`` clears)
    T Oppdragsdokument 2025                         the title
    H1 2 Hovudmål …   H2 2.1 …                      a numbered heading (``H1 Vedlegg`` unnumbered)
    B Hovudmål 1 …                                  a bold Normal line (a heading in any file)
    P text // more                                  a paragraph (`` // `` a manual line break)
    - text   -- text                                a bullet, a sub-bullet
    1. text   a) text                               a numbered or lettered point
    | a | b | c |                                   a table row (the first of a table is its header)

A block that ends in ``{{kind key=value …}}`` is a gold item (kind defaults to ``@ kind``; keys
``ref`` (``-`` for none), ``goal``, ``to``, ``info``, ``lead``, ``dl``, ``rep``, lists comma-separated);
a line that starts with ``+`` continues the item above (its text joins the item's). Every value of
the gold is set by hand in the markup: nothing is read from the extractor.
"""
from __future__ import annotations

import re
import textwrap
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
WIDTH = 92  # the text variant's line width
FORMATS = ("txt", "docx", "pdf")


@dataclass
class Block:
    kind: str  # title | heading | bold | para | bullet | numbered | lettered | row
    text: str
    level: int = 0
    number: str = ""  # a heading's or point's number/letter as written ("2.1", "3", "b")
    sep: str = ""  # a point's "." or ")"
    cells: list[str] = field(default_factory=list)
    header: bool = False  # the first row of a table
    item: int | None = None  # index of the gold item it belongs to


@dataclass
class Doc:
    name: str
    meta: dict
    blocks: list[Block]
    items: list[dict]
    deadlines: list[dict]
    allocations: list[dict]

    @property
    def headings(self) -> str:
        return self.meta.get("headings", "styles")


_ANNOT = re.compile(r"\s*\{\{(?P<body>[^}]*)\}\}\s*$")
_LISTS = ("to", "info", "dl", "rep")


def _plain(text: str) -> str:
    return " ".join(text.replace(" // ", " ").split())


def parse(name: str, source: str) -> Doc:
    meta: dict = {}
    defaults: dict = {"kind": "assignment"}
    blocks: list[Block] = []
    items: list[dict] = []
    deadlines: list[dict] = []
    allocations: list[dict] = []
    in_table = False
    for raw in source.splitlines():
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            in_table = False if not line.strip() else in_table
            continue
        if line.startswith("%"):
            key, _, value = line[1:].partition(":")
            key, value = key.strip(), value.strip()
            if key == "deadline":
                date, _, what = value.partition(" ")
                deadlines.append({"date": date, "what": what})
            elif key == "allocation":
                payer, to, amount, purpose = value.split(" ", 3)
                allocations.append({"from": payer, "to": to, "amount_nok": int(amount), "year": None,
                                    "purpose": purpose})
            else:
                meta[key] = value
            continue
        if line.startswith("@"):
            for pair in line[1:].split():
                k, _, v = pair.partition("=")
                defaults[k] = v
            continue
        cont = line.startswith("+")
        if cont:
            line = line[1:]
        annot = _ANNOT.search(line)
        if annot:
            line = line[:annot.start()]
        block = _block(line, in_table)
        in_table = block.kind == "row"
        blocks.append(block)
        if cont:
            block.item = len(items) - 1
            items[-1]["text"] += " " + _gold_text(block)
        elif annot:
            block.item = len(items)
            items.append(_item(block, annot.group("body"), defaults))
    year = int(meta["year"])
    for a in allocations:
        a["year"] = year
    return Doc(name, meta, blocks, items, deadlines, allocations)


def _block(line: str, in_table: bool) -> Block:
    if line.startswith("|"):
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        return Block("row", "", cells=cells, header=not in_table)
    tag, _, rest = line.partition(" ")
    if tag == "T":
        return Block("title", rest)
    if tag in ("H1", "H2", "H3"):
        m = re.match(r"^(?P<num>\d+(?:\.\d+)*)\s+(?P<rest>.*)$", rest)
        return Block("heading", m.group("rest") if m else rest, level=int(tag[1]), number=m.group("num") if m else "")
    if tag == "B":
        return Block("bold", rest)
    if tag == "P":
        return Block("para", rest)
    if tag in ("-", "--"):
        return Block("bullet", rest, level=len(tag) - 1)
    m = re.match(r"^(?P<num>\d{1,3})(?P<sep>[.)])$", tag)
    if m:
        return Block("numbered", rest, number=m.group("num"), sep=m.group("sep"))
    m = re.match(r"^(?P<num>[a-z])(?P<sep>[.)])$", tag)
    if m:
        return Block("lettered", rest, number=m.group("num"), sep=m.group("sep"))
    raise ValueError(f"unknown block: {line!r}")


def _gold_text(block: Block) -> str:
    if block.kind == "row":
        return " ".join(c for c in (_plain(c) for c in block.cells) if c)
    return _plain(block.text)


def _item(block: Block, body: str, defaults: dict) -> dict:
    spec = dict(defaults)
    words = body.split()
    if words and "=" not in words[0]:
        spec["kind"] = words.pop(0)
    for pair in words:
        k, _, v = pair.partition("=")
        spec[k] = v
    ref = spec.get("ref", block.number if block.kind in ("numbered", "lettered") else "-")
    goal = spec.get("goal", "")

    def listed(key: str) -> list[str]:
        return [x for x in spec.get(key, "").split(",") if x]

    return {
        "kind": spec["kind"],
        "ref": None if ref in ("-", "") else ref,
        "main_goal": int(goal) if goal else None,
        "text": _gold_text(block),
        "recipients": listed("to"),
        "informed": listed("info"),
        "lead": spec.get("lead") or None,
        "deadlines": listed("dl"),
        "reporting": listed("rep"),
    }


def names() -> list[str]:
    return sorted(p.name[:-len(".doc.txt")] for p in HERE.glob("*.doc.txt"))


@cache
def load(name: str) -> Doc:
    return parse(name, (HERE / f"{name}.doc.txt").read_text(encoding="utf-8"))


# -- the text a user pastes --------------------------------------------------------------------

def render_text(doc: Doc) -> tuple[str, dict[int, list[tuple[int, int]]]]:
    """The document as text, and where each gold item's blocks stand in it."""
    out: list[str] = []
    pos = 0
    spans: dict[int, list[tuple[int, int]]] = {}
    rows: list[Block] = []

    def emit(chunk: str, item: int | None = None, lead: str = "") -> None:
        nonlocal pos
        if item is not None:
            start = pos + len(lead)
            spans.setdefault(item, []).append((start, pos + len(chunk)))
        out.append(chunk)
        pos += len(chunk)

    def flush_table() -> None:
        if not rows:
            return
        ncol = max(len(r.cells) for r in rows)
        widths = [max(len(_plain(r.cells[j])) if j < len(r.cells) else 0 for r in rows) for j in range(ncol)]
        for r in rows:
            cells = [_plain(c) for c in r.cells] + [""] * (ncol - len(r.cells))
            line = "   ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()
            emit(line, r.item)
            emit("\n")
        emit("\n")
        rows.clear()

    for b in doc.blocks:
        if b.kind == "row":
            rows.append(b)
            continue
        flush_table()
        if b.kind in ("title", "bold"):
            emit(_plain(b.text), b.item)
            emit("\n\n")
        elif b.kind == "heading":
            head = f"{b.number} " if b.number else ""
            emit(head + _plain(b.text), b.item, head)
            emit("\n\n")
        elif b.kind == "para":
            text = "\n".join("\n".join(textwrap.wrap(part, WIDTH)) for part in b.text.split(" // "))
            emit(text, b.item)
            emit("\n\n")
        else:
            mark = {"bullet": "•" if b.level == 0 else "o", "numbered": f"{b.number}{b.sep}",
                    "lettered": f"{b.number}{b.sep}"}[b.kind]
            indent = "    " if b.level else ""
            lead = f"{indent}{mark} "
            wrapped = textwrap.wrap(_plain(b.text), WIDTH - len(lead), break_long_words=False)
            text = lead + ("\n" + " " * len(lead)).join(wrapped)
            emit(text, b.item, lead)
            emit("\n\n")
    flush_table()
    return "".join(out).rstrip() + "\n", spans


def gold(doc: Doc) -> dict:
    """The hand-made gold, in the shape of ``../shared/gold`` (sources point into the text build)."""
    _, spans = render_text(doc)
    items = []
    for n, it in enumerate(doc.items):
        items.append({**it, "source": [{"start": s, "end": e} for s, e in spans.get(n, [])]})
    return {
        "document": {"issuer": doc.meta["issuer"].split(","), "year": int(doc.meta["year"]),
                     "language": doc.meta["language"]},
        "items": items,
        "reporting_deadlines": doc.deadlines,
        "allocations": doc.allocations,
    }
