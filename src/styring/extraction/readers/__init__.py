"""Read a document into text: .txt (UTF-8, UTF-8 with BOM, cp1252, latin-1), .pdf (text layer via
pypdfium2) and .docx (paragraphs and tables in document order). Bad input raises ExtractionError
with a bokmål message that says what is wrong and what to do."""
from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from styring.extraction.errors import ExtractionError
from styring.extraction.source import Document

DEFAULT_MAX_BYTES = 50 * 1024 * 1024
TEXT_EXTS = {".txt", ".text", ".md", ".csv"}


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def read_file(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """The document's text (see ``read_document`` for what the file knew about its lines)."""
    return read_document(path, max_bytes=max_bytes).text


def read_document(path: str | os.PathLike[str], *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """The document's text and its line hints (headings, list levels, font sizes) from PDF and DOCX."""
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
        from styring.extraction.readers.pdf import read_pdf_document

        return read_pdf_document(p)
    if ext == ".pdf":
        raise ExtractionError(
            f"Filen «{p.name}» heter .pdf, men er ikke en gyldig PDF (ødelagt eller feil filtype). "
            "Lagre dokumentet som PDF på nytt og prøv igjen."
        )
    if head.startswith(b"PK\x03\x04") or ext == ".docx":
        if ext not in (".docx", ".docm", "") and not head.startswith(b"PK"):
            pass
        from styring.extraction.readers.docx import read_docx_document

        return read_docx_document(p)
    if ext == ".doc" or head.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExtractionError(
            f"«{p.name}» er et gammelt Word-format (.doc) som ikke støttes. Lagre det som .docx eller PDF og prøv igjen."
        )
    data = p.read_bytes()
    if ext in TEXT_EXTS or _looks_textual(data):
        return Document(decode_text(data, p.name))
    raise ExtractionError(
        f"Ukjent filformat for «{p.name}». Støttede formater er PDF (.pdf), Word (.docx) og ren tekst (.txt)."
    )


UNREADABLE_FORMAT_MESSAGE = ("Ukjent filformat: filen er ikke et dokument Styring kan lese. Last opp en PDF, et "
                     "Word-dokument (.docx) eller ren tekst (.txt).")


def document_format(stream: IO[bytes]) -> str | None:
    """What the extractor would read an upload as, by its content (never its name): "pdf", "docx"
    (a zip holding a Word document) or "txt"; None for anything else (a program, an image, an old
    .doc, a spreadsheet). ``stream`` is a binary file, left at its start."""
    stream.seek(0)
    head = stream.read(4096)
    try:
        if head.startswith(b"%PDF"):
            return "pdf"
        if head.startswith(b"PK\x03\x04"):
            import zipfile

            stream.seek(0)
            try:
                with zipfile.ZipFile(stream) as archive:
                    return "docx" if "word/document.xml" in archive.namelist() else None
            except (zipfile.BadZipFile, OSError, ValueError):
                return None
        if head.startswith((b"MZ", b"\x7fELF", b"\xd0\xcf\x11\xe0", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")):
            return None  # Windows, Linux and macOS programs; old Office files
        return "txt" if head and _looks_textual(head) else None
    finally:
        stream.seek(0)


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
