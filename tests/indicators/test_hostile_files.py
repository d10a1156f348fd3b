"""Hostile spreadsheets and CSV files: every import (the page, the API, a report's template) is
refused early with a short Norwegian 400 by the one guard (``styring.lib.sheets``), and nothing is
saved. The files are built here; the zip bomb is refused from the sizes its directory declares."""
from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from styring.indicators.importing import ImportRejected, import_values
from styring.indicators.models import IndicatorValue
from styring.lib import sheets
from tests.indicators.conftest import csv_bytes
from tests.reporting.conftest import hn_doc, periods  # noqa: F401 - the report's fixtures

pytestmark = pytest.mark.django_db
HEADER = ["indikator", "organisasjon", "periode", "verdi", "teller", "nevner", "kilde", "status"]
STRING_MB = 40  # one shared string this large (the reported file had 300 MB behind 311 KB)


def bomb() -> bytes:
    """A small xlsx whose one cell is a huge shared string (written in chunks: cheap to build)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                   'package/2006/content-types"/>')
        z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                   'spreadsheetml/2006/main"><sheets><sheet name="A" sheetId="1"/></sheets></workbook>')
        z.writestr("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><worksheet xmlns="http://schemas.'
                   'openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c>'
                   '</row></sheetData></worksheet>')
        with z.open("xl/sharedStrings.xml", "w") as part:
            part.write(b'<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                       b'main" count="1" uniqueCount="1"><si><t>')
            chunk = b"A" * (1024 * 1024)
            for _ in range(STRING_MB):
                part.write(chunk)
            part.write(b"</t></si></sst>")
    return out.getvalue()


@pytest.fixture
def owner(make_user):
    return make_user("HN", "owner_staff")


def _code(hn_indicators):
    return hn_indicators.series["epikrise"].code


def test_a_zip_bomb_is_refused_from_its_directory_in_the_page_and_the_api(hn_indicators, owner, client, api):
    data = bomb()
    assert len(data) < 1024 * 1024  # under a megabyte on the wire
    client.force_login(owner)
    page = client.post("/indikatorer/last-opp/", {"file": SimpleUploadedFile("verdier.xlsx", data)})
    assert page.status_code == 400
    assert "pakkes ut" in page.content.decode() or "Tekstene i arket" in page.content.decode()
    assert len(page.content) < 100_000  # never the cell echoed back
    answer = api("HN", "owner_staff").post("/api/indicator-values/import/",
                                            {"file": SimpleUploadedFile("verdier.xlsx", data)}, format="multipart")
    assert answer.status_code == 400 and len(answer.content) < 2000, answer.content[:300]
    assert "avvises for sikkerhets skyld" in answer.json()["detail"]
    assert not IndicatorValue.objects.exists()


def test_a_zip_bomb_is_refused_as_a_report_template_too(make_user, orgs, periods):
    from styring.exports.template import import_xlsx
    from styring.reporting.scope import ensure_report

    report = ensure_report(orgs["UNN"], periods.t1)
    result = import_xlsx(report, io.BytesIO(bomb()), make_user("UNN", "reporter"))
    assert result.saved == 0 and "avvises for sikkerhets skyld" in result.errors[0].message


def test_too_many_rows_and_columns_are_refused(hn_indicators, owner, monkeypatch):
    monkeypatch.setattr(sheets, "MAX_ROWS", 50)  # the rule, not the time to read 200 000 rows
    row = [_code(hn_indicators), "UNN", "2024", "1", "", "", "", ""]
    data = csv_bytes([HEADER] + [row] * 51)
    with pytest.raises(ImportRejected, match="rader; grensen er"):
        import_values(data, owner, "verdier.csv")
    wide = csv_bytes([HEADER + ["x"] * sheets.MAX_COLUMNS, row])
    with pytest.raises(ImportRejected, match="kolonner; grensen er"):
        import_values(wide, owner, "verdier.csv")
    assert not IndicatorValue.objects.exists()


def test_a_csv_field_over_128_kb_and_a_nul_are_refused_with_the_row(hn_indicators, owner, api):
    code = _code(hn_indicators)
    long_cell = csv_bytes([HEADER, [code, "UNN", "2024", "1", "", "", "x" * 200_000, ""]])
    with pytest.raises(ImportRejected, match="Rad 2") as refused:
        import_values(long_cell, owner, "verdier.csv")
    assert len(refused.value.message) < 200
    nul = csv_bytes([HEADER, [code, "UNN", "2024", "1", "", "", "NPR\x00", ""]])
    answer = api("HN", "owner_staff").post("/api/indicator-values/import/",
                                            {"file": SimpleUploadedFile("verdier.csv", nul)}, format="multipart")
    assert answer.status_code == 400 and "ugyldig tegn (NUL)" in answer.json()["detail"]
    assert not IndicatorValue.objects.exists()


def test_a_bad_value_is_quoted_as_a_short_excerpt(hn_indicators, owner):
    huge = "9" * 5 + "x" * 20_000
    data = csv_bytes([HEADER, [_code(hn_indicators), "UNN", "2024", huge, "", "", "", ""]])
    with pytest.raises(ImportRejected) as refused:
        import_values(data, owner, "verdier.csv")
    message = str(refused.value.errors[0])
    assert "99999xxx" in message and len(message) < 200
