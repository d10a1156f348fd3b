"""The one guard in front of every spreadsheet and CSV Styring reads (indicator values and filled-in
report templates; in the page, over the API and in the background): what it may unpack to, how
many rows and columns it may have and how long a cell may be. A file over a limit is refused
before it is parsed (a zip's parts declare their unpacked sizes) or as soon as the reading passes
the limit, with a Norwegian message that quotes at most a short excerpt of any value.

A 311 KB workbook whose one cell is a 300 MB shared string took a web worker to 1.3 GB, and its
error message echoed the whole cell back; here it is refused from the zip's directory alone."""
from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TypeVar

from styring.lib.input import NUL

T = TypeVar("T")

MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # a filled-in template or a year of values is a few MB
MAX_STRINGS_BYTES = 32 * 1024 * 1024  # the workbook's shared strings, all of them loaded at once
MAX_RATIO = 200  # a part that unpacks to 200 times its packed size is a zip bomb (as for documents)
MAX_ROWS = 200_000
MAX_COLUMNS = 100
MAX_CELL = 32_767  # Excel's own limit for a cell's text
XML_PARTS = (".xml", ".rels", ".vml")
STRINGS = "xl/sharedStrings.xml"


class SheetRefused(ValueError):
    """The file is not read; ``message`` says why in Norwegian."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.0f} MB"


def unpack_problem(infos: list[zipfile.ZipInfo], *, max_total: int = MAX_UNPACKED_BYTES,
                   max_ratio: int = MAX_RATIO) -> str | None:
    """Why a zip with these parts must not be unpacked (from the sizes its directory declares), or None.
    Shared by spreadsheets and Word documents."""
    total = sum(i.file_size for i in infos)
    if total > max_total:
        return f"Filen pakkes ut til {_mb(total)}; grensen er {_mb(max_total)}."
    for info in infos:
        if info.file_size > 1024 * 1024 and info.file_size > max_ratio * max(info.compress_size, 1):
            return f"En del av filen pakkes ut til {_mb(info.file_size)} fra {info.compress_size} byte (mulig zip-bombe)."
    return None


def check_workbook(file: BinaryIO | bytes) -> None:
    """Refuse an XLSX before openpyxl opens it: too much to unpack, too many shared strings, an XML
    DOCTYPE or entity. ``file`` is left at its start (a file that is no zip is left to the reader)."""
    stream = io.BytesIO(file) if isinstance(file, bytes) else file
    try:
        with zipfile.ZipFile(stream) as archive:
            infos = archive.infolist()
            problem = unpack_problem(infos)
            strings = next((i for i in infos if i.filename == STRINGS), None)
            if problem is None and strings is not None and strings.file_size > MAX_STRINGS_BYTES:
                problem = (f"Tekstene i arket fyller {_mb(strings.file_size)}; grensen er "
                           f"{_mb(MAX_STRINGS_BYTES)}.")
            if problem:
                raise SheetRefused(f"{problem} Filen avvises for sikkerhets skyld. Bruk malen fra Styring.")
            for info in infos:
                if info.filename.endswith(XML_PARTS):
                    with archive.open(info) as part:
                        head = part.read(4096).upper()
                    if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                        raise SheetRefused("Filen inneholder XML som ikke er tillatt (DOCTYPE/ENTITY). "
                                           "Bruk malen fra Styring.")
    except SheetRefused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        pass  # not a zip at all: nothing to unpack; the caller's reader says it is no workbook
    finally:
        stream.seek(0)


def bounded(rows: Iterable[Iterable[T]], first_row: int = 1) -> Iterator[list[T]]:
    """``rows`` as lists, refused when the file passes the row, column or cell limit (or holds a NUL)."""
    for number, row in enumerate(rows, start=first_row):
        if number - first_row >= MAX_ROWS:
            raise SheetRefused(f"Filen har mer enn {MAX_ROWS:,} rader; grensen er {MAX_ROWS:,}. "
                               "Del den opp i flere filer.".replace(",", "\u00a0"))
        cells = list(row)
        while cells and cells[-1] in (None, ""):
            cells.pop()  # Excel's empty cells at a row's end
        if len(cells) > MAX_COLUMNS:
            raise SheetRefused(f"Rad {number} har {len(cells)} kolonner; grensen er {MAX_COLUMNS}.")
        for cell in cells:
            if isinstance(cell, str):
                if len(cell) > MAX_CELL:
                    raise SheetRefused(f"Rad {number}: en celle har {len(cell):,} tegn; grensen er {MAX_CELL:,} "
                                       "tegn.".replace(",", "\u00a0"))
                if NUL in cell:
                    raise SheetRefused(f"Rad {number}: en celle inneholder et ugyldig tegn (NUL). Fjern det og "
                                       "prøv igjen.")
        yield cells


def csv_rows(text: str, delimiter: str) -> Iterator[list[str]]:
    """The rows of CSV ``text``, bounded like a workbook's; a cell longer than the csv module takes
    (128 KB) or a NUL is refused with the row's number, never a ``csv.Error``."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)

    def read() -> Iterator[list[str]]:
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error:
                where = reader.line_num or 1
                raise SheetRefused(f"Rad {where} kan ikke leses: en celle er for lang (grensen er "
                                   f"{MAX_CELL:,} tegn) eller har et ugyldig tegn.".replace(",", "\u00a0")) from None
            yield row

    yield from bounded(read())
