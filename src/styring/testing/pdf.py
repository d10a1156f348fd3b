"""Reading a generated PDF back in tests: each page's text as a reader would copy it."""
from __future__ import annotations

import pypdfium2 as pdfium


def pdf_pages(data: bytes) -> list[str]:
    """Each page's text. PDFium reports a hyphen that ends a line as U+0002; it is a hyphen here
    (the words are the document's own: "Nord-Norge" broken after "Nord-" stays "Nord-Norge"), and
    the line break after it is dropped."""
    pdf = pdfium.PdfDocument(data)
    pages = [pdf[i].get_textpage().get_text_bounded() for i in range(len(pdf))]
    return [page.replace("\x02\r\n", "-").replace("\x02", "-") for page in pages]


def pdf_text(data: bytes) -> str:
    return "\n".join(pdf_pages(data))
