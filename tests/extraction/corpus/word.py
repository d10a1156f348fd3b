"""A steering document written as a .docx the way Word builds one.

One paragraph per paragraph (wrapped lines joined back), never one per line; bullets are "List
Paragraph" paragraphs numbered from numbering.xml (a bullet level whose lvlText is the Symbol
font's U+F0B7 in rFonts Symbol, a second level "o" in Courier New), so the bullet is no
character of the text; numbered and lettered points ("100.", "4.", "a)", "l.") are Word
numbered lists (decimal / lowerLetter, a new list with startOverride where the document's
numbers do not start at 1); numbered chapter headings are "Heading 1/2/3" paragraphs whose
numbers come from a multilevel list linked to the heading styles (a restart, like the second
"5." of a document that repeats its chapters per trust, is a new list instance with
startOverride); tables whose cells could be split (the four RHFs' columns, tables set in
columns of spaces, the reporting template) are real Word tables. Page numbers, running headers
and footnotes are not part of the body.
"""
from __future__ import annotations

import io
import re

from tests.extraction.corpus.blocks import Block

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = f'xmlns:w="{W_NS}"'

BULLET_ABSTRACT = 10
LIST_ABSTRACTS = {("decimal", "."): 11, ("decimal", ")"): 12, ("lowerLetter", ")"): 13, ("lowerLetter", "."): 14}
HEADING_ABSTRACT_BASE = 20


def _bullet_abstract() -> str:
    return (
        f'<w:abstractNum {_W} w:abstractNumId="{BULLET_ABSTRACT}">'
        '<w:multiLevelType w:val="hybridMultilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0b7"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Symbol" w:hAnsi="Symbol" w:hint="default"/></w:rPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="o"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New" w:cs="Courier New" w:hint="default"/></w:rPr>'
        '</w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="\uf0a7"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="2160" w:hanging="360"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Wingdings" w:hAnsi="Wingdings" w:hint="default"/></w:rPr></w:lvl>'
        '</w:abstractNum>'
    )


def _list_abstract(fmt: str, sep: str, aid: int) -> str:
    return (
        f'<w:abstractNum {_W} w:abstractNumId="{aid}"><w:multiLevelType w:val="hybridMultilevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1{sep}"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/>'
        '<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="1440" w:hanging="360"/></w:pPr></w:lvl>'
        '</w:abstractNum>'
    )


def _heading_abstract(aid: int, dots: tuple[bool, bool, bool]) -> str:
    levels = []
    for k in range(3):
        text = ".".join(f"%{j + 1}" for j in range(k + 1)) + ("." if dots[k] else "")
        levels.append(
            f'<w:lvl w:ilvl="{k}"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
            f'<w:pStyle w:val="Heading{k + 1}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f'<w:pPr><w:ind w:left="{432 + 144 * k}" w:hanging="{432 + 144 * k}"/></w:pPr></w:lvl>'
        )
    return (f'<w:abstractNum {_W} w:abstractNumId="{aid}"><w:multiLevelType w:val="multilevel"/>'
            + "".join(levels) + "</w:abstractNum>")


class _Numbering:
    """numbering.xml as Word writes it: abstract definitions, then list instances."""

    def __init__(self, document):
        from docx.oxml import parse_xml

        self._parse = parse_xml
        self.root = document.part.numbering_part.element
        self.next_id = 100
        self.abstract_ids: set[int] = set()
        self._add_abstract(BULLET_ABSTRACT, _bullet_abstract())
        self.bullets = self.instance(BULLET_ABSTRACT)

    def _add_abstract(self, aid: int, xml: str) -> None:
        if aid in self.abstract_ids:
            return
        self.abstract_ids.add(aid)
        first_num = self.root.find(f"{{{W_NS}}}num")
        node = self._parse(xml)
        if first_num is None:
            self.root.append(node)
        else:
            first_num.addprevious(node)

    def list_abstract(self, fmt: str, sep: str) -> int:
        aid = LIST_ABSTRACTS[(fmt, sep)]
        self._add_abstract(aid, _list_abstract(fmt, sep, aid))
        return aid

    def heading_abstract(self, dots: tuple[bool, bool, bool]) -> int:
        aid = HEADING_ABSTRACT_BASE + dots[0] * 4 + dots[1] * 2 + dots[2]
        self._add_abstract(aid, _heading_abstract(aid, dots))
        return aid

    def instance(self, aid: int, starts: dict[int, int] | None = None) -> str:
        num_id = str(self.next_id)
        self.next_id += 1
        overrides = "".join(
            f'<w:lvlOverride w:ilvl="{lvl}"><w:startOverride w:val="{start}"/></w:lvlOverride>'
            for lvl, start in sorted((starts or {}).items())
        )
        self.root.append(self._parse(
            f'<w:num {_W} w:numId="{num_id}"><w:abstractNumId w:val="{aid}"/>{overrides}</w:num>'))
        return num_id


def _number(paragraph, num_id: str, level: int) -> None:
    from docx.oxml import parse_xml

    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _indent(paragraph, twips: int) -> None:
    from docx.oxml import parse_xml

    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:ind {_W} w:left="{twips}" w:hanging="360"/>'))


def docx_bytes(blocks: list[Block]) -> bytes:
    """The .docx for ``blocks``."""
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = _Numbering(document)

    # the document's heading style per level ("1." or "1"), from its first heading at that level
    dots = [False, False, False]
    seen: set[int] = set()
    for b in blocks:
        if b.kind == "heading" and b.level not in seen:
            seen.add(b.level)
            dots[b.level - 1] = b.dot
    main_abstract = numbering.heading_abstract((dots[0], dots[1], dots[2]))
    main_heading = numbering.instance(main_abstract)
    for level in range(3):  # the heading styles carry the multilevel list, as in Word's templates
        style = document.styles[f"Heading {level + 1}"]
        style.element.get_or_add_pPr().append(parse_xml(
            f'<w:numPr {_W}><w:ilvl w:val="{level}"/><w:numId w:val="{main_heading}"/></w:numPr>'))

    heading_state: dict[str, tuple[int, ...]] = {main_heading: ()}
    current_heading = main_heading
    lists: dict[tuple[str, str], tuple[str, int]] = {}  # (format, sep) → (numId, last value)
    nested = False  # bullets under a numbered point that ends with ":" sit one step further in
    table = None
    for b in blocks:
        if b.kind != "table":
            table = None
        if b.kind != "item" or b.style != "bullet":
            nested = b.kind == "item" and b.text.rstrip().endswith(":")
        if b.kind == "heading":
            number = tuple(int(x) for x in b.number.split("."))
            style_dots = list(dots)
            style_dots[b.level - 1] = b.dot
            aid = numbering.heading_abstract((style_dots[0], style_dots[1], style_dots[2]))
            if aid != _abstract_of(numbering, current_heading) or not _follows(heading_state[current_heading], number):
                current_heading = numbering.instance(aid, dict(enumerate(number)))
            heading_state[current_heading] = number
            p = document.add_paragraph(b.text, style=f"Heading {b.level}")
            if current_heading != main_heading:
                _number(p, current_heading, b.level - 1)
            lists.clear()  # a list does not run on across a heading
        elif b.kind == "item" and b.style == "bullet":
            p = document.add_paragraph(b.text, style="List Paragraph")
            _number(p, numbering.bullets, 1 if b.level else 0)
            if nested:
                _indent(p, 1080)
        elif b.kind == "item":
            key = (b.style, b.sep or ".")
            aid = numbering.list_abstract(*key)
            current = lists.get(key)
            if current is None or b.value != current[1] + 1:
                num_id = numbering.instance(aid, {0: b.value} if b.value != 1 else None)
            else:
                num_id = current[0]
            lists[key] = (num_id, b.value)
            p = document.add_paragraph(b.text, style="List Paragraph")
            _number(p, num_id, 0)
        elif b.kind == "table":
            ncol = max(len(r) for r in b.rows)
            if table is None or len(table.columns) != ncol:
                table = document.add_table(rows=0, cols=ncol)
                table.style = document.styles["Table Grid"]
            for n, row in enumerate(b.rows):
                cells = table.add_row().cells
                for cell, value in zip(cells, row + [""] * (ncol - len(row))):
                    first, *points = value.split("\n")
                    cell.text = first
                    for point in points:  # a bullet inside a cell is a list paragraph too
                        p = cell.add_paragraph(re.sub(r"^[•\uf0b7]\s*", "", point), style="List Paragraph")
                        _number(p, numbering.bullets, 0)
                if n < b.header_rows:
                    tr_pr = cells[0]._tc.getparent().get_or_add_trPr()
                    tr_pr.append(parse_xml(f'<w:tblHeader {_W}/>'))
                    for cell in cells:
                        for run in cell.paragraphs[0].runs:
                            run.bold = True
        else:
            document.add_paragraph(b.text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _abstract_of(numbering: _Numbering, num_id: str) -> int:
    node = numbering.root.find(f'{{{W_NS}}}num[@{{{W_NS}}}numId="{num_id}"]')
    ref = node.find(f"{{{W_NS}}}abstractNumId")
    return int(ref.get(f"{{{W_NS}}}val"))


def _follows(state: tuple[int, ...], number: tuple[int, ...]) -> bool:
    """Word's counters give ``number`` next after ``state`` (a sibling, a first child, or the
    next of an ancestor)."""
    if not state:
        return number == (1,)
    if number == state + (1,):
        return True
    k = len(number) - 1
    return k < len(state) and number[:k] == state[:k] and number[k] == state[k] + 1
