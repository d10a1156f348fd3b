"""Read a document into text: .txt (UTF-8, UTF-8 with BOM, cp1252, latin-1), .pdf (text layer via
pypdfium2) and .docx (paragraphs and tables in document order). Bad input raises ExtractionError
with a bokmål message that says what is wrong and what to do."""
from __future__ import annotations

import os
import zipfile
from pathlib import Path

from styring.extraction.errors import ExtractionError

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
ZIP_MAX_TOTAL = 200 * 1024 * 1024
ZIP_MAX_RATIO = 200
TEXT_EXTS = {".txt", ".text", ".md", ".csv"}


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def read_file(path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    p = Path(path)
    if not p.exists():
        raise ExtractionError(f"Finner ikke filen «{p.name}». Kontroller filnavnet og prøv igjen.")
    if p.is_dir():
        raise ExtractionError(f"«{p.name}» er en mappe, ikke en fil. Velg selve dokumentet.")
    size = p.stat().st_size
    if size == 0:
        raise ExtractionError(f"Filen «{p.name}» er tom (0 byte). Last opp dokumentet på nytt.")
    if size > max_bytes:
        raise ExtractionError(
            f"Filen «{p.name}» er for stor ({_mb(size)}); grensen er {_mb(max_bytes)}. "
            "Del dokumentet opp eller last opp en mindre versjon."
        )
    with open(p, "rb") as f:
        head = f.read(8)
    ext = p.suffix.lower()
    if head.startswith(b"%PDF"):
        return read_pdf(p)
    if ext == ".pdf":
        raise ExtractionError(
            f"Filen «{p.name}» heter .pdf, men er ikke en gyldig PDF (ødelagt eller feil filtype). "
            "Lagre dokumentet som PDF på nytt og prøv igjen."
        )
    if head.startswith(b"PK\x03\x04") or ext == ".docx":
        if ext not in (".docx", ".docm", "") and not head.startswith(b"PK"):
            pass
        return read_docx(p)
    if ext == ".doc" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExtractionError(
            f"«{p.name}» er et gammelt Word-format (.doc) som ikke støttes. Lagre det som .docx eller PDF og prøv igjen."
        )
    data = p.read_bytes()
    if ext in TEXT_EXTS or _looks_textual(data):
        return decode_text(data, p.name)
    raise ExtractionError(
        f"Ukjent filformat for «{p.name}». Støttede formater er PDF (.pdf), Word (.docx) og ren tekst (.txt)."
    )


def _looks_textual(data: bytes) -> bool:
    sample = data[:4096]
    if sample.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in sample:
        return False
    bad = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return bad <= len(sample) * 0.01


def decode_text(data: bytes, name: str = "filen") -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    elif data.startswith(b"\xef\xbb\xbf"):
        text = data[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = data.decode("latin-1")
    if "\x00" in text:
        raise ExtractionError(f"«{name}» ser ut til å være en binærfil, ikke tekst. Last opp PDF, DOCX eller TXT.")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ExtractionError(f"Filen «{name}» inneholder ingen tekst. Last opp dokumentet på nytt.")
    return text


def read_pdf(p: Path) -> str:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(p))
    except pdfium.PdfiumError as err:
        msg = str(err).lower()
        if "password" in msg or "passord" in msg or "security" in msg:
            raise ExtractionError(
                f"PDF-en «{p.name}» er kryptert eller passordbeskyttet. Fjern beskyttelsen (lagre en ubeskyttet kopi) og prøv igjen."
            ) from None
        raise ExtractionError(
            f"PDF-en «{p.name}» er ødelagt og kan ikke leses. Lagre eller eksporter dokumentet som PDF på nytt."
        ) from None
    try:
        pages = []
        for i in range(len(pdf)):
            page = pdf[i]
            tp = page.get_textpage()
            pages.append(tp.get_text_range())
            tp.close()
            page.close()
    except pdfium.PdfiumError:
        raise ExtractionError(
            f"PDF-en «{p.name}» er ødelagt og kan ikke leses. Lagre eller eksporter dokumentet som PDF på nytt."
        ) from None
    finally:
        pdf.close()
    text = "\n\f\n".join(pg.replace("\r\n", "\n").replace("\r", "\n") for pg in pages)
    visible = sum(1 for ch in text if not ch.isspace())
    if not pages or visible < 20 * max(1, min(len(pages), 3)) and visible < 50:
        raise ExtractionError(
            f"PDF-en «{p.name}» har ikke noe tekstlag (den er trolig skannet som bilde). "
            "Kjør tekstgjenkjenning (OCR) på dokumentet, eller last opp originalen som PDF med tekst eller DOCX."
        )
    return text


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
            if total > ZIP_MAX_TOTAL or any(
                i.file_size > 1024 * 1024 and i.file_size > ZIP_MAX_RATIO * max(i.compress_size, 1) for i in infos
            ) or (total > 10 * 1024 * 1024 and total > ZIP_MAX_RATIO * compressed):
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


def read_docx(p: Path) -> str:
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
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = para.text
            ppr = child.pPr
            style = ""
            try:
                style = (para.style.name or "").lower() if para.style is not None else ""
            except (KeyError, AttributeError, ValueError):
                style = ""
            if text.strip() and ("list bullet" in style or "punktliste" in style) and not (ppr is not None and ppr.numPr is not None):
                text = ("o " if style.rstrip().endswith(("2", "3")) else "• ") + text.strip()
            elif text.strip() and ppr is not None and ppr.numPr is not None:
                level = 0
                try:
                    level = int(ppr.numPr.ilvl.val) if ppr.numPr.ilvl is not None else 0
                except (AttributeError, TypeError, ValueError):
                    level = 0
                text = ("o " if level else "• ") + text.strip()
            out.append(text)
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
    return text
