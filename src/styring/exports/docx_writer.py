"""A thin, fast layer over python-docx for long generated documents.

python-docx's ``Document.add_paragraph`` searches the body for ``w:sectPr`` on every call, which
makes a document of thousands of paragraphs quadratic; this writer inserts each new block directly
before the section properties and caches the style objects.
"""
from __future__ import annotations

import io
from collections.abc import Sequence

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

# Background colours of the status cells (the same green / yellow / red as the UI).
SHADES = {"green": "D4EDDA", "yellow": "FFF3CD", "red": "F8D7DA", "grey": "E9ECEF"}


class DocxWriter:
    def __init__(self, *, title: str = "", language: str = "nb"):
        self.document = Document()
        self.body = self.document.element.body
        self._sect = self.body.find(qn("w:sectPr"))
        self._styles: dict[str, object] = {}
        props = self.document.core_properties
        props.title = title
        props.language = {"nb": "nb-NO", "nn": "nn-NO"}.get(language, language)
        props.author = "Styring"
        normal = self.document.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)

    def _style(self, name: str):
        if name not in self._styles:
            self._styles[name] = self.document.styles[name]
        return self._styles[name]

    def _style_id(self, name: str) -> str:
        # python-docx resolves a style object to its id by scanning every style for the default on
        # each assignment; the id is set on the paragraph's properties directly instead.
        return self._style(name).style_id

    def _append(self, element):
        if self._sect is not None:
            self._sect.addprevious(element)
        else:
            self.body.append(element)
        return element

    def paragraph(self, text: str = "", style: str | None = None) -> Paragraph:
        p = self._append(OxmlElement("w:p"))
        para = Paragraph(p, self.document._body)
        if style:
            p.style = self._style_id(style)
        if text:
            para.add_run(text)
        return para

    def heading(self, text: str, level: int = 1) -> Paragraph:
        return self.paragraph(text, "Title" if level == 0 else f"Heading {level}")

    def labelled(self, label: str, value: str, style: str | None = None) -> Paragraph:
        """``Label: value`` with the label in bold; multi-line values keep their line breaks."""
        para = self.paragraph(style=style)
        para.add_run(f"{label}: ").bold = True
        lines = (value or "").splitlines() or [""]
        run = para.add_run(lines[0])
        for line in lines[1:]:
            run.add_break()
            run = para.add_run(line)
        return para

    def page_break(self) -> None:
        self.paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]], *, shades: list[list[str | None]] | None = None) -> Table:
        """A bordered table with a bold, repeating header row; ``shades`` colours single cells."""
        table = self.document.add_table(rows=1 + len(rows), cols=len(header))
        # add_table appends at the end of the body (before sectPr) already; keep the style simple.
        table.style = self._style("Table Grid")
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        all_rows = table.rows
        header_row = all_rows[0]
        tr_pr = header_row._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        repeat.set(qn("w:val"), "true")
        tr_pr.append(repeat)
        for cell, text in zip(header_row.cells, header):
            cell.paragraphs[0].add_run(text).bold = True
        for r, values in enumerate(rows):
            cells = all_rows[r + 1].cells
            for c, value in enumerate(values):
                cell = cells[c]
                cell.paragraphs[0].add_run("" if value is None else str(value))
                shade = shades[r][c] if shades else None
                if shade:
                    self.shade(cell, SHADES.get(shade, shade))
        return table

    @staticmethod
    def shade(cell, fill: str) -> None:
        tc_pr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        tc_pr.append(shd)

    def to_bytes(self) -> bytes:
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()
