"""A genre document as a .docx made the way Word makes one, and as the PDF LibreOffice prints
from it.

Word: one paragraph per paragraph; bullets and numbered/lettered points are "List Paragraph"
paragraphs numbered from numbering.xml (the mark is no character of the text: the corpus's
``_Numbering`` of ``corpus/word.py``); a run of numbered points is one list instance (a new one with
startOverride where the numbers do not start at 1); tables are real Word tables with a bold
repeated header row and manual line breaks in cells; `` // `` in a paragraph is a manual line break
(``<w:br/>``). Headings: with ``% headings: styles`` "Title"/"Heading N" paragraphs whose numbers
come from a multilevel list; with ``% headings: bold`` bold Normal paragraphs (a larger size for
the title and chapter headings) whose numbers are typed — what half the family's files look like.

PDF: ``soffice --headless --convert-to pdf`` (Debian's libreoffice-writer-nogui), all documents of
a run in one call, with a profile of its own so it never meets another LibreOffice.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.extraction.corpus.word import _W, _follows, _number, _Numbering
from tests.extraction.genre import Doc


def _runs(paragraph, text: str, *, bold: bool = False, size: float | None = None) -> None:
    from docx.shared import Pt

    run = None
    for part in text.split(" // "):
        if run is not None:
            run.add_break()  # a manual line break (Shift+Enter)
        run = paragraph.add_run(part)
        run.bold = bold or None
        if size:
            run.font.size = Pt(size)


def docx_bytes(doc: Doc) -> bytes:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = _Numbering(document)
    styled = doc.headings == "styles"
    heading_abstract = numbering.heading_abstract((False, False, False))
    heading_num = None
    heading_state: tuple[int, ...] = ()
    lists: dict[str, tuple[str, int]] = {}  # numbered/lettered → (numId, last value)
    table = None
    for b in doc.blocks:
        if b.kind != "row":
            table = None
        if b.kind == "title":
            if styled:
                document.add_paragraph(b.text, style="Title")
            else:
                _runs(document.add_paragraph(), b.text, bold=True, size=16)
        elif b.kind == "heading":
            lists.clear()
            if styled:
                p = document.add_paragraph(b.text, style=f"Heading {b.level}")
                if b.number:
                    number = tuple(int(x) for x in b.number.split("."))
                    if heading_num is None or not _follows(heading_state, number):
                        heading_num = numbering.instance(heading_abstract, dict(enumerate(number)))
                    heading_state = number
                    _number(p, heading_num, len(number) - 1)
            else:
                text = f"{b.number} {b.text}" if b.number else b.text
                _runs(document.add_paragraph(), text, bold=True, size=13 if b.level == 1 else None)
        elif b.kind == "bold":
            lists.clear()
            _runs(document.add_paragraph(), b.text, bold=True)
        elif b.kind == "para":
            _runs(document.add_paragraph(), b.text)
        elif b.kind == "bullet":
            p = document.add_paragraph(style="List Paragraph")
            _runs(p, b.text)
            _number(p, numbering.bullets, b.level)
        elif b.kind in ("numbered", "lettered"):
            fmt = "decimal" if b.kind == "numbered" else "lowerLetter"
            value = int(b.number) if b.kind == "numbered" else ord(b.number) - ord("a") + 1
            aid = numbering.list_abstract(fmt, b.sep)
            current = lists.get(b.kind)
            if current is None or value != current[1] + 1:
                num_id = numbering.instance(aid, {0: value} if value != 1 else None)
            else:
                num_id = current[0]
            lists[b.kind] = (num_id, value)
            p = document.add_paragraph(style="List Paragraph")
            _runs(p, b.text)
            _number(p, num_id, 0)
        elif b.kind == "row":
            if table is None:
                table = document.add_table(rows=0, cols=len(b.cells))
                table.style = document.styles["Table Grid"]
                _fit(table, [r.cells for r in _table_of(doc.blocks, b)])
            cells = table.add_row().cells
            for cell, content in zip(cells, b.cells):
                cell.paragraphs[0].text = ""
                _runs(cell.paragraphs[0], content, bold=b.header)
            if b.header:
                cells[0]._tc.getparent().get_or_add_trPr().append(parse_xml(f"<w:tblHeader {_W}/>"))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _table_of(blocks, first):
    """The rows of the table that starts at ``first``."""
    k = blocks.index(first)
    rows = [first]
    for b in blocks[k + 1:]:
        if b.kind != "row" or b.header:
            break
        rows.append(b)
    return rows


def _fit(table, rows: list[list[str]]) -> None:
    """Column widths in proportion to the columns' longer cells, as Word's AutoFit sets them (a
    number column narrow, a text column wide) within the 16 cm of an A4 page's text."""
    from docx.shared import Cm

    ncol = len(table.columns)
    need, least = [], []
    for j in range(ncol):
        cells = [r[j] for r in rows if j < len(r)]
        need.append(max([4] + [len(part) for c in cells for part in c.split(" // ")]))
        # no column narrower than its longest word (AutoFit never breaks a word), at about 0.25 cm a letter
        least.append(0.6 + 0.25 * max([3] + [len(w) for c in cells for w in c.split()]))
    natural = [0.6 + 0.25 * n for n in need]
    if sum(natural) <= 16.0:  # every cell on one line: the columns as wide as their contents, filling the page
        widths = [w * 16.0 / sum(natural) for w in natural]
    else:  # the longer texts wrap: what is left beyond each column's longest word goes by its contents
        room = 16.0 - sum(least)
        widths = [least[j] + room * need[j] / sum(need) for j in range(ncol)]
    table.autofit = False
    for j, col in enumerate(table.columns):
        width = Cm(widths[j])
        col.width = width
        for cell in col.cells:
            cell.width = width


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def pdfs_from_word(files: list[Path], outdir: Path) -> dict[Path, Path]:
    """Each .docx printed to PDF by LibreOffice (one headless run for all of them)."""
    exe = soffice()
    if exe is None:
        raise RuntimeError("LibreOffice (soffice) is not installed: `make browser` installs libreoffice-writer-nogui")
    outdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="styring-soffice-") as profile:
        subprocess.run(
            [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--convert-to", "pdf",
             "--outdir", str(outdir), *map(str, files)],
            check=True, capture_output=True, timeout=600,
        )
    out = {f: outdir / f"{f.stem}.pdf" for f in files}
    missing = [str(f) for f, pdf in out.items() if not pdf.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice made no PDF of {missing}")
    return out
