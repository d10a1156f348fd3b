"""Read a document into text: .txt (UTF-8, UTF-8 with BOM, cp1252, latin-1), .pdf (text layer via
pypdfium2) and .docx (paragraphs and tables in document order). Bad input raises ExtractionError
with a bokmål message that says what is wrong and what to do."""
from __future__ import annotations

import re
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

    FORMATS = {"decimal": str, "decimalZero": lambda n: f"{n:02d}", "lowerLetter": _letters,
               "upperLetter": lambda n: _letters(n).upper(), "lowerRoman": _roman,
               "upperRoman": lambda n: _roman(n).upper()}

    def __init__(self, document):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → ilvl → (format, text, start)
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract = {}
        for node in root.iter(f"{_W}abstractNum"):
            levels = {}
            for lvl in node.iter(f"{_W}lvl"):
                fmt, text, start = self._val(lvl, "numFmt", "decimal"), self._val(lvl, "lvlText", ""), self._val(lvl, "start", "1")
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (fmt, text, int(start) if start.isdigit() else 1)
            abstract[node.get(f"{_W}abstractNumId")] = levels
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
    def _val(node, name: str, default: str) -> str:
        child = node.find(f"{_W}{name}")
        return child.get(f"{_W}val", default) if child is not None else default

    def _num_pr(self, p, para):
        """(numId, ilvl) from the paragraph, else from its style."""
        ppr = p.pPr
        if ppr is not None and ppr.numPr is not None:
            num = ppr.numPr
            ilvl = num.ilvl.val if num.ilvl is not None else 0
            return (str(num.numId.val) if num.numId is not None else None), int(ilvl or 0)
        try:
            style_ppr = para.style.element.pPr if para.style is not None else None
        except (KeyError, AttributeError, ValueError):
            style_ppr = None
        if style_ppr is not None and style_ppr.numPr is not None and style_ppr.numPr.numId is not None:
            num = style_ppr.numPr
            return str(num.numId.val), int(num.ilvl.val if num.ilvl is not None else 0)
        return None, 0

    def label(self, p, para) -> str | None:
        """The paragraph's label, "" for numbering turned off, None if it is not in a list."""
        num_id, ilvl = self._num_pr(p, para)
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

        def value(match) -> str:
            k = int(match.group(1)) - 1
            n = counters.get(k, levels.get(k, ("", "", 1))[2])
            return self.FORMATS.get(levels.get(k, (fmt,))[0], str)(n)

        return re.sub(r"%(\d)", value, pattern).strip() or None


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
    numbering = _Numbering(document)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            para = Paragraph(child, document)
            text = para.text
            style = ""
            try:
                style = (para.style.name or "").lower() if para.style is not None else ""
            except (KeyError, AttributeError, ValueError):
                style = ""
            if text.strip():
                label = numbering.label(child, para)
                if label is None and ("list bullet" in style or "punktliste" in style):
                    label = "o" if style.rstrip().endswith(("2", "3")) else "•"
                if label:
                    text = f"{label} {text.strip()}"
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
