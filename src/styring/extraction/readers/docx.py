"""DOCX: paragraphs and tables in document order, with Word's automatic numbering rendered as
the document shows it ("3.", "a)", "•"), so lists and references survive."""
from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from styring.extraction import lexicon as lx
from styring.extraction.errors import ExtractionError
from styring.extraction.source import Document, LineHint
from styring.lib.sheets import unpack_problem

# python-docx's XML elements (and its document, styles and paragraphs as this module walks them) get
# their attributes at run time (lxml element classes with descriptors): to a type checker they are Any.
Oxml = Any

ZIP_MAX_TOTAL = 200 * 1024 * 1024
ZIP_MAX_RATIO = 200


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def _check_zip(p: Path) -> None:
    if not zipfile.is_zipfile(p):
        raise ExtractionError(
            f"«{p.name}» er ikke en gyldig Word-fil (.docx er en zip-fil, og denne er det ikke). "
            "Åpne dokumentet i Word og lagre det som .docx på nytt."
        )
    try:
        with zipfile.ZipFile(p) as z:
            infos = z.infolist()
            names = {i.filename for i in infos}
            total = sum(i.file_size for i in infos)
            compressed = sum(i.compress_size for i in infos) or 1
            if unpack_problem(infos, max_total=ZIP_MAX_TOTAL, max_ratio=ZIP_MAX_RATIO) or (
                    total > 10 * 1024 * 1024 and total > ZIP_MAX_RATIO * compressed):
                raise ExtractionError(
                    f"«{p.name}» pakkes ut til unormalt mye data ({_mb(total)}) og avvises for sikkerhets skyld "
                    "(mulig zip-bombe). Lagre dokumentet på nytt fra Word, eller last opp en PDF."
                )
    except zipfile.BadZipFile:
        raise ExtractionError(
            f"«{p.name}» er en ødelagt Word-fil. Åpne dokumentet i Word og lagre det som .docx på nytt."
        ) from None
    if "word/document.xml" not in names:
        raise ExtractionError(
            f"«{p.name}» er en zip-fil, men ikke et Word-dokument (.docx). Last opp PDF, DOCX eller TXT."
        )


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out, n = out + letters, n - value
    return out


def _letters(n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


class _Numbering:
    """Word's automatic numbering, which python-docx does not render: each numbered paragraph's
    label ("3.", "a)", "2.1") counted the way Word counts it, so the document's own references
    survive; bullets become "•" (and "o" below the first level)."""

    FORMATS: dict[str, Callable[[int], str]] = {"decimal": str, "decimalZero": lambda n: f"{n:02d}", "lowerLetter": _letters,
               "upperLetter": lambda n: _letters(n).upper(), "lowerRoman": _roman,
               "upperRoman": lambda n: _roman(n).upper()}

    def __init__(self, document: Oxml) -> None:
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → ilvl → (format, text, start)
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        links: dict[str, str] = {}  # abstractNumId → the numbering style whose levels it uses
        by_style: dict[str, str] = {}  # numbering style name → the abstractNumId that defines it
        for node in root.iter(f"{_W}abstractNum"):
            link = node.find(f"{_W}numStyleLink")
            if link is not None:
                links[node.get(f"{_W}abstractNumId")] = link.get(f"{_W}val", "")
            style_link = node.find(f"{_W}styleLink")
            if style_link is not None:
                by_style[style_link.get(f"{_W}val", "")] = node.get(f"{_W}abstractNumId")
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                fmt, text, start = self._val(lvl, "numFmt", "decimal"), self._val(lvl, "lvlText", ""), self._val(lvl, "start", "1")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (fmt, text, int(start) if start.isdigit() else 1)
            abstract[node.get(f"{_W}abstractNumId")] = levels
        for source, style_name in links.items():
            if not abstract.get(source) and by_style.get(style_name) in abstract:
                abstract[source] = abstract[by_style[style_name]]
        for node in root.iter(f"{_W}num"):
            ref = node.find(f"{_W}abstractNumId")
            levels = dict(abstract.get(ref.get(f"{_W}val") if ref is not None else None, {}))
            for override in node.iter(f"{_W}lvlOverride"):
                start = override.find(f"{_W}startOverride")
                ilvl = int(override.get(f"{_W}ilvl", "0"))
                if start is not None and ilvl in levels and start.get(f"{_W}val", "").isdigit():
                    fmt, text, _ = levels[ilvl]
                    levels[ilvl] = (fmt, text, int(start.get(f"{_W}val")))
            self.levels[node.get(f"{_W}numId")] = levels

    @staticmethod
    def _val(node: Oxml, name: str, default: str) -> str:
        child = node.find(f"{_W}{name}")
        return str(child.get(f"{_W}val", default)) if child is not None else default

    def _num_pr(self, p: Oxml, chain: list[Oxml]) -> tuple[str | None, int]:
        """(numId, ilvl) from the paragraph, else from its style (``chain``: it and its bases)."""
        ppr = p.pPr
        if ppr is not None and ppr.numPr is not None:
            num = ppr.numPr
            ilvl = num.ilvl.val if num.ilvl is not None else 0
            return (str(num.numId.val) if num.numId is not None else None), int(ilvl or 0)
        for style in chain:  # numbering set on the style or a style it is based on
            style_ppr = style.element.pPr
            if style_ppr is not None and style_ppr.numPr is not None and style_ppr.numPr.numId is not None:
                num = style_ppr.numPr
                return str(num.numId.val), int(num.ilvl.val if num.ilvl is not None else 0)
        return None, 0

    def level(self, p: Oxml, chain: list[Oxml]) -> int | None:
        """The list level (0, 1, …) of a paragraph in a Word list, else None."""
        num_id, ilvl = self._num_pr(p, chain)
        return None if num_id in (None, "0") else ilvl

    def label(self, p: Oxml, chain: list[Oxml]) -> str | None:
        """The paragraph's label, "" for numbering turned off, None if it is not in a list."""
        num_id, ilvl = self._num_pr(p, chain)
        if num_id is None:
            return None
        if num_id == "0":  # numbering turned off for this paragraph
            return ""
        levels = self.levels.get(num_id) or {}
        fmt, pattern, start = levels.get(ilvl, ("bullet", "", 1))
        if fmt == "bullet":
            return "o" if ilvl else "•"
        if fmt == "none":
            return ""
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def value(match: re.Match[str]) -> str:
            k = int(match.group(1)) - 1
            n = counters.get(k, levels.get(k, ("", "", 1))[2])
            return self.FORMATS.get(levels.get(k, (fmt,))[0], str)(n)

        return re.sub(r"%(\d)", value, pattern).strip() or None


def read_docx(p: Path) -> str:
    return read_docx_document(p).text


_HEADING_STYLE = lx.compile(r"^<<heading_style>>\s*(\d)$|^<<title_style>>$")
_LIST_STYLE = lx.compile(r"<<list_style>>")


class _Styles:
    """Each paragraph's style and the styles it is based on, nearest first — looked up once per
    style id (python-docx's ``Paragraph.style`` searches every style for each paragraph)."""

    def __init__(self, document: Oxml) -> None:
        self.by_id: dict[str, Any] = {}
        self.default = None
        try:
            from docx.enum.style import WD_STYLE_TYPE

            for style in document.styles:
                self.by_id[style.style_id] = style
            self.default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        except (KeyError, AttributeError, ValueError):
            pass
        self._chains: dict[str | None, list[Oxml]] = {}

    def chain(self, element: Oxml) -> list[Oxml]:
        ppr = element.pPr
        style_id = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
        if style_id not in self._chains:
            style = self.by_id.get(style_id, self.default) if style_id else self.default
            chain: list[Any] = []
            while style is not None and len(chain) < 10:
                chain.append(style)
                try:
                    style = style.base_style
                except (KeyError, AttributeError, ValueError):
                    break
            self._chains[style_id] = chain
        return self._chains[style_id]


def _heading_level(chain: list[Oxml], element: Oxml) -> int | None:
    """A heading's level from its style ("Heading 2", "Overskrift 1", "Title") or outline level."""
    ppr = element.pPr
    if ppr is not None:
        lvl = ppr.find(f"{_W}outlineLvl")
        if lvl is not None and lvl.get(f"{_W}val", "").isdigit() and int(lvl.get(f"{_W}val")) < 9:
            return int(lvl.get(f"{_W}val")) + 1
    for style in chain:
        m = _HEADING_STYLE.match((style.name or "").strip())
        if m:
            return int(m.group(1)) if m.group(1) else 0
        spr = style.element.pPr
        lvl = spr.find(f"{_W}outlineLvl") if spr is not None else None
        if lvl is not None and lvl.get(f"{_W}val", "").isdigit() and int(lvl.get(f"{_W}val")) < 9:
            return int(lvl.get(f"{_W}val")) + 1
    return None


def _bold_line(para: Oxml, text: str) -> int | None:
    """A Normal paragraph that is a heading by its look: short, every run of text bold, no full stop
    at the end — a heading of level 2 when set larger than 12 pt, else 3 (as the PDF reader ranks
    bold and larger lines)."""
    t = text.strip()
    if not t or len(t) > 120 or "\n" in t or t.endswith((".", ",", ";")):
        return None
    runs = [r for r in para.runs if r.text.strip()]
    if not runs or not all(r.bold for r in runs):
        return None
    size = runs[0].font.size
    return 2 if size is not None and size.pt > 12 else 3


def read_docx_document(p: Path) -> Document:
    """Paragraphs (a blank line after each) and table rows ("cell | cell"), with Word's numbering
    written out and hints for headings (styles, outline levels) and list paragraphs (their level)."""
    _check_zip(p)
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(str(p))
    except ExtractionError:
        raise
    except Exception:  # python-docx raises several kinds on broken packages
        raise ExtractionError(
            f"«{p.name}» er en ødelagt Word-fil. Åpne dokumentet i Word og lagre det som .docx på nytt."
        ) from None
    out: list[str] = []
    hints: dict[int, LineHint] = {}
    body = document.element.body
    numbering = _Numbering(document)
    styles = _Styles(document)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = para.text
            chain = styles.chain(child)
            style = (getattr(chain[0], "name", "") or "").lower() if chain else ""
            if text.strip():
                label = numbering.label(child, chain)
                if label is None and _LIST_STYLE.search(style):
                    label = "o" if style.rstrip().endswith(("2", "3")) else "•"
                if label:
                    text = f"{label} {text.strip()}"
                level = _heading_level(chain, child)
                list_level = numbering.level(child, chain)
                bold = level is None and list_level is None and _bold_line(para, text)
                if level is not None or list_level is not None or bold:
                    hints[len(out)] = LineHint(heading=bold or level, list_level=list_level if level is None else None,
                                               bold=bool(bold))
            out.extend(text.split("\n"))
            out.append("")
        elif tag == "tbl":
            table = Table(child, document)
            for row in table.rows:
                cells = []
                prev = None
                for cell in row.cells:
                    if prev is not None and cell._tc is prev:
                        continue
                    prev = cell._tc
                    cells.append(" ".join(cell.text.split()))
                line = " | ".join(c for c in cells)
                if line.strip(" |"):
                    out.append(line)
            out.append("")
    text = "\n".join(out)
    if not text.strip():
        raise ExtractionError(f"Word-dokumentet «{p.name}» inneholder ingen tekst. Kontroller at det er riktig fil.")
    return Document(text, hints)
