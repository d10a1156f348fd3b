"""PDF: the text layer through pypdfium2, page by page (pages joined by a form feed)."""
from __future__ import annotations

from pathlib import Path

from styring.extraction.errors import ExtractionError


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
