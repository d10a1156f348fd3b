"""A thin, fast layer over python-docx for long generated documents.

python-docx's ``Document.add_paragraph`` searches the body for ``w:sectPr`` on every call, which
makes a document of thousands of paragraphs quadratic, and each run and property is a Python object
of its own. This writer builds the body as WordprocessingML text (escaped), parses it once per batch
and inserts it before the section properties; ``paragraph``/``labelled`` still give python-docx
objects to callers that want to style a paragraph further.

The page is A4 portrait with 2 cm margins (``a4``), with a running header and "Side X av Y" (PAGE
and NUMPAGES fields) in the footer (``header_footer``). Tables are sized to their content: each
column at least as wide as its longest word, the rest of the width shared by how much text a column
holds, so words never break mid-word where the page has room.
"""
from __future__ import annotations

import io
import re
from collections.abc import Sequence
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Mm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

# Background colours of the status cells (the same green / yellow / red as the UI).
SHADES = {"green": "D4EDDA", "yellow": "FFF3CD", "red": "F8D7DA", "grey": "E9ECEF"}
# Darker tones for a status symbol written in running text.
INKS = {"green": "1E7B34", "yellow": "8A6100", "red": "B02A37", "grey": "555555"}
_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_W = nsdecls("w")
TWIPS_PER_EMU = 1 / 635
TABLE_FONT_HALF_POINTS = 16  # 8 pt
# A character's width at 8 pt, generously (bold, and a wide fallback font such as DejaVu Sans where
# Calibri is missing): a column this wide per character of its longest word never breaks the word.
CHAR_TWIPS = 120
CELL_PADDING_TWIPS = 220  # Word's default cell margins (108 twips a side) and a little
MIN_COLUMN_TWIPS = 650  # a short bold header ("Sum") in a wide font still fits on one line


def xml_text(value: object) -> str:
    text = "" if value is None else str(value)
    if _INVALID_XML.search(text):
        text = _INVALID_XML.sub("", text)
    return escape(text)


def run_xml(text: str, *, bold: bool = False, colour: str | None = None, size: int | None = None) -> str:
    """One run; line breaks in ``text`` become ``w:br``."""
    props = ("<w:b/>" if bold else "") + (f'<w:color w:val="{colour}"/>' if colour else "") + (
        f'<w:sz w:val="{size}"/><w:szCs w:val="{size}"/>' if size else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    lines = (text or "").split("\n")
    inner = '<w:br/>'.join(f'<w:t xml:space="preserve">{xml_text(line.rstrip(chr(13)))}</w:t>' for line in lines)
    return f"<w:r>{rpr}{inner}</w:r>"


def column_widths(rows: Sequence[Sequence[str]], available: int, min_chars: Sequence[int] | None = None) -> list[int]:
    """Widths (twips) of the columns of a table of ``rows`` (header included) within ``available``:
    never narrower than the longest word (if the page allows), the rest by the text's length;
    ``min_chars`` asks for room for that many characters (an empty column to fill in)."""
    n = max((len(r) for r in rows), default=0)
    minimum = [MIN_COLUMN_TWIPS] * n
    preferred = [MIN_COLUMN_TWIPS] * n
    for c, chars in enumerate(min_chars or ()):
        preferred[c] = max(preferred[c], chars * CHAR_TWIPS + CELL_PADDING_TWIPS)
    for row in rows:
        for c, text in enumerate(row):
            text = str(text or "")
            longest_word = max((len(w) for w in text.split()), default=0)
            longest_line = max((len(line) for line in text.splitlines()), default=0)
            minimum[c] = max(minimum[c], longest_word * CHAR_TWIPS + CELL_PADDING_TWIPS)
            preferred[c] = max(preferred[c], min(longest_line, 60) * CHAR_TWIPS + CELL_PADDING_TWIPS)
    if sum(minimum) >= available:  # no room even for the longest words: shrink in proportion
        return [max(1, int(m * available / sum(minimum))) for m in minimum]
    room = available - sum(minimum)
    extra = [p - m for p, m in zip(preferred, minimum)]
    if sum(extra) <= room:  # everything fits on one line: give the spare width to the widest texts
        spare = room - sum(extra)
        total = sum(preferred) or 1
        return [int(p + spare * p / total) for p in preferred]
    return [int(m + room * e / sum(extra)) for m, e in zip(minimum, extra)]


class DocxWriter:
    def __init__(self, *, title: str = "", language: str = "nb") -> None:
        self.document = Document()
        self.body = self.document.element.body
        self._sect = self.body.find(qn("w:sectPr"))
        self._styles: dict[str, object] = {}
        self._pending: list[str] = []
        props = self.document.core_properties
        props.title = title
        props.language = {"nb": "nb-NO", "nn": "nn-NO"}.get(language, language)
        props.author = "Styring"
        normal = self.document.styles["Normal"]
        normal.font.name = "Calibri"
        normal.font.size = Pt(11)

    # --- the page ---

    def a4(self, *, landscape: bool = False, margin: Cm | None = None) -> None:
        """A4 paper (the default template is US Letter), portrait or landscape, even margins."""
        section = self.document.sections[0]
        width, height = Mm(210), Mm(297)
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = (height, width) if landscape else (width, height)
        m = margin or Cm(2)
        section.left_margin = section.right_margin = m
        section.top_margin = section.bottom_margin = m
        section.header_distance = section.footer_distance = Cm(1)

    def header_footer(self, left: str, right: str, *, page: str = "Side", of: str = "av") -> None:
        """``left`` and ``right`` in the header on every page; "Side X av Y" centred in the footer."""
        section = self.document.sections[0]
        text_width = self._text_width_emu()
        header = section.header.paragraphs[0]
        tabs = header.paragraph_format.tab_stops
        for inherited in self._style("Header").paragraph_format.tab_stops:  # Letter's centre and right
            tabs.add_tab_stop(inherited.position, WD_TAB_ALIGNMENT.CLEAR)
        tabs.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
        header.add_run(left).bold = True
        header.add_run("\t" + right)
        for run in header.runs:
            run.font.size = Pt(9)
        footer = section.footer.paragraphs[0]
        footer.alignment = 1  # centre
        footer._p.append(parse_xml(f'<w:r {_W}><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">'
                                   f'{xml_text(page)} </w:t></w:r>'))
        self._field(footer, "PAGE", "1")
        footer._p.append(parse_xml(f'<w:r {_W}><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve">'
                                   f' {xml_text(of)} </w:t></w:r>'))
        self._field(footer, "NUMPAGES", "1")

    @staticmethod
    def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
        """A complex field (begin, instruction, separate, result, end): Word and LibreOffice update it."""
        rpr = '<w:rPr><w:sz w:val="18"/></w:rPr>'
        for xml in (f'<w:r {_W}>{rpr}<w:fldChar w:fldCharType="begin"/></w:r>',
                    f'<w:r {_W}>{rpr}<w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>',
                    f'<w:r {_W}>{rpr}<w:fldChar w:fldCharType="separate"/></w:r>',
                    f'<w:r {_W}>{rpr}<w:t>{placeholder}</w:t></w:r>',
                    f'<w:r {_W}>{rpr}<w:fldChar w:fldCharType="end"/></w:r>'):
            paragraph._p.append(parse_xml(xml))

    def _text_width_emu(self) -> int:
        section = self.document.sections[0]
        return (section.page_width or 0) - (section.left_margin or 0) - (section.right_margin or 0)

    def text_width_twips(self) -> int:
        return int(self._text_width_emu() * TWIPS_PER_EMU)

    # --- blocks ---

    def _style(self, name: str):
        if name not in self._styles:
            self._styles[name] = self.document.styles[name]
        return self._styles[name]

    def _style_id(self, name: str) -> str:
        # python-docx resolves a style object to its id by scanning every style for the default on
        # each assignment; the id is set on the paragraph's properties directly instead.
        return self._style(name).style_id

    def _flush(self) -> None:
        if not self._pending:
            return
        fragment = parse_xml(f"<w:body {_W}>{''.join(self._pending)}</w:body>")
        self._pending = []
        if self._sect is not None:
            self.body.remove(self._sect)
            self.body.extend(fragment)
            self.body.append(self._sect)
        else:
            self.body.extend(fragment)

    def _insert(self, element: BaseOxmlElement) -> BaseOxmlElement:
        if self._sect is not None:
            self._sect.addprevious(element)
        else:
            self.body.append(element)
        return element

    def _append(self, element: BaseOxmlElement) -> BaseOxmlElement:
        self._flush()
        return self._insert(element)

    def add_xml(self, xml: str) -> None:
        """Body XML (``w`` prefix, no namespace declarations), inserted in order."""
        self._pending.append(xml)

    def paragraph_xml(self, runs: str, style: str | None = None, *, keep_next: bool = False,
                      page_break_before: bool = False) -> None:
        props = (f'<w:pStyle w:val="{self._style_id(style)}"/>' if style else "") + (
            "<w:keepNext/>" if keep_next else "") + ("<w:pageBreakBefore/>" if page_break_before else "")
        self._pending.append(f"<w:p>{f'<w:pPr>{props}</w:pPr>' if props else ''}{runs}</w:p>")

    def text(self, text: str, style: str | None = None, **kwargs) -> None:
        """A paragraph of plain text (no python-docx object: the fast path)."""
        self.paragraph_xml(run_xml(text) if text else "", style, **kwargs)

    def label_value(self, label: str, value: str, style: str | None = None) -> None:
        """``Label: value`` with the label in bold (the fast path of ``labelled``)."""
        self.paragraph_xml(run_xml(f"{label}: ", bold=True) + run_xml(value or ""), style)

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

    def heading_text(self, text: str, level: int = 1, **kwargs) -> None:
        self.text(text, "Title" if level == 0 else f"Heading {level}", keep_next=True, **kwargs)

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
        self._pending.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')

    def table_xml(self, header: Sequence[str], rows: Sequence[Sequence[object]], *,
                  shades: Sequence[Sequence[str | None]] | None = None,
                  header_shades: Sequence[str | None] | None = None,
                  bold: Sequence[Sequence[bool]] | None = None, right_from: int | None = None,
                  min_chars: Sequence[int] | None = None) -> None:
        """A bordered table sized to its content, with a bold header row repeated on every page;
        ``shades`` colours single cells (a colour name of ``SHADES`` or a hex fill); counts in the
        columns from ``right_from`` are right-aligned."""
        texts = [[("" if v is None else str(v)) for v in row] for row in rows]
        widths = column_widths([list(header), *texts], self.text_width_twips(), min_chars)
        style = self._style_id("Table Grid")
        out = [f'<w:tbl><w:tblPr><w:tblStyle w:val="{style}"/><w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
               '<w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="30" w:type="dxa"/>'
               '<w:bottom w:w="30" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" '
               'w:firstColumn="1" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>']
        out.extend(f'<w:gridCol w:w="{w}"/>' for w in widths)
        out.append("</w:tblGrid>")

        def cell(c: int, text: str, shade: str | None, is_bold: bool) -> str:
            fill = SHADES.get(shade, shade) if shade else None
            shd = f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>' if fill else ""
            jc = '<w:jc w:val="right"/>' if right_from is not None and c >= right_from else ""
            return (f'<w:tc><w:tcPr><w:tcW w:w="{widths[c]}" w:type="dxa"/>{shd}</w:tcPr>'
                    f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/>{jc}</w:pPr>'
                    f'{run_xml(text, bold=is_bold, size=TABLE_FONT_HALF_POINTS)}</w:p></w:tc>')

        out.append('<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>')
        out.extend(cell(c, text, header_shades[c] if header_shades else None, True) for c, text in enumerate(header))
        out.append("</w:tr>")
        for r, row in enumerate(texts):
            out.append("<w:tr><w:trPr><w:cantSplit/></w:trPr>")
            out.extend(cell(c, text, shades[r][c] if shades else None, bool(bold and bold[r][c]))
                       for c, text in enumerate(row))
            out.append("</w:tr>")
        out.append("</w:tbl>")
        self._pending.append("".join(out))
        self.text("")  # Word needs a paragraph between a table and what follows

    def table(self, header: Sequence[str], rows: Sequence[Sequence[object]], *,
              shades: list[list[str | None]] | None = None, min_chars: Sequence[int] | None = None) -> Table:
        """``table_xml``, giving the python-docx table."""
        self.table_xml(header, rows, shades=shades, min_chars=min_chars)
        self._flush()
        tbl = self._sect.getprevious().getprevious() if self._sect is not None else self.body[-2]
        return Table(tbl, self.document._body)

    @staticmethod
    def shade(cell: _Cell, fill: str) -> None:
        tc_pr = cell._tc.get_or_add_tcPr()
        shd = OxmlElement("w:shd")
        shd.set(qn("w:val"), "clear")
        shd.set(qn("w:color"), "auto")
        shd.set(qn("w:fill"), fill)
        tc_pr.append(shd)

    def to_bytes(self) -> bytes:
        self._flush()
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()


