"""Values from files: the long format as Norwegian Excel writes it, all rows or none, idempotent."""
from __future__ import annotations

import io
from decimal import Decimal

import pytest

from styring.indicators.importing import ImportRejected, import_values, to_decimal
from styring.indicators.models import IndicatorValue
from tests.indicators.conftest import csv_bytes

pytestmark = pytest.mark.django_db
HEADER = ["indikator", "organisasjon", "periode", "verdi", "teller", "nevner", "kilde", "status"]


@pytest.fixture
def owner(make_user):
    return make_user("HN", "owner_staff")


def test_semicolons_decimal_commas_and_cp1252(hn_indicators, owner):
    code = hn_indicators.series["epikrise"].code
    data = csv_bytes([HEADER, [code, "unn", "2024-T1", "72,5", "725", "1 000", "Norsk pasientregister", "foreløpig"],
                      [code, "FIN", "2024-05", "68 %", "", "", "", "Endelig"]], encoding="cp1252")
    result = import_values(data, owner, "verdier.csv")
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    unn = IndicatorValue.objects.get(organisation__code="UNN")
    assert (unn.period, unn.value, unn.numerator, unn.denominator, unn.status, unn.source, unn.updated_by) == \
        ("2024-T1", Decimal("72.5"), Decimal("725"), Decimal("1000"), "preliminary", "Norsk pasientregister", owner)
    assert IndicatorValue.objects.get(organisation__code="FIN").value == Decimal("68")


def test_commas_decimal_points_utf8_and_columns_in_any_order(hn_indicators, owner):
    code = hn_indicators.series["epikrise"].code
    data = csv_bytes([["Verdi", "Periode", "Organisasjon", "Indikator"], ["72.5", "2024", "UNN", code],
                      ["71,5", "2023", "UNN", code]], delimiter=",", encoding="utf-8")  # the writer quotes "71,5"
    import_values(data, owner, "verdier.csv")
    assert sorted(IndicatorValue.objects.values_list("period", "value")) == [("2023", Decimal("71.5")),
                                                                             ("2024", Decimal("72.5"))]


def test_xlsx(hn_indicators, owner):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(HEADER)
    sheet.append([int(hn_indicators.items["epikrise"].pk), "UNN", "2024-T2", 74.25, 297, 400, "NPR", None])
    out = io.BytesIO()
    book.save(out)
    result = import_values(out.getvalue(), owner, "verdier.xlsx")
    assert result.created == 1
    value = IndicatorValue.objects.get()
    assert (value.period, value.value, value.numerator, value.status) == ("2024-T2", Decimal("74.25"), 297, "final")


def test_one_bad_row_rejects_the_file_naming_each_row(hn_indicators, owner):
    code = hn_indicators.series["epikrise"].code
    data = csv_bytes([
        HEADER,
        [code, "UNN", "2024-T1", "72,5", "", "", "", ""],  # good, but not saved
        ["99999", "UNN", "2024-T1", "70", "", "", "", ""],
        [code, "XYZ", "2024-T4", "sytti", "", "", "", "kanskje"],
        [code, "UNN", "2024-T1", "71", "", "", "", ""],  # the same keys as row 2
        [code, "HV", "2024", "70", "10", "", "", ""],  # Helse Vest: not the user's
        [code, "UNN", "2024", "", "5", "0", "", ""],
    ])
    with pytest.raises(ImportRejected) as caught:
        import_values(data, owner, "verdier.csv")
    errors = {e.row: e.message for e in caught.value.errors}
    assert set(errors) == {3, 4, 5, 6, 7}
    assert "indikator «99999» finnes ikke" in errors[3]
    assert "organisasjon «XYZ» finnes ikke" in errors[4] and "ugyldig periode «2024-T4»" in errors[4]
    assert "«sytti» er ikke et tall" in errors[4] and "status «kanskje» er ukjent" in errors[4]
    assert errors[5] == "samme indikator, organisasjon og periode som rad 2"
    assert "du kan ikke registrere verdier for HV" in errors[6] and "både teller og nevner" in errors[6]
    assert "verdi mangler" in errors[7] and "nevner må være større enn 0" in errors[7]
    assert "5 rader har feil" in caught.value.message
    assert not IndicatorValue.objects.exists()


@pytest.mark.parametrize("data, message", [
    (b"", "Filen er tom"),
    (b"indikator;organisasjon;verdi\r\n1;UNN;5\r\n", "Mangler kolonne: periode"),
    (b"indikator;organisasjon;periode;verdi\r\n", "ingen verdier"),
    (b"PK\x03\x04 not really a workbook", "kunne ikke leses som et Excel-ark"),
])
def test_files_that_cannot_be_read(hn_indicators, owner, data, message):
    with pytest.raises(ImportRejected, match=message):
        import_values(data, owner, "fil.csv")


def test_the_same_keys_again_replace_the_values_and_keep_the_history(hn_indicators, owner, make_user):
    code = hn_indicators.series["epikrise"].code
    first = csv_bytes([HEADER, [code, "UNN", "2024-T1", "66", "", "", "", "foreløpig"],
                       [code, "FIN", "2024-T1", "71", "", "", "", ""]])
    import_values(first, owner, "a.csv")
    again = import_values(first, owner, "a.csv")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    other = make_user("HN", "owner_staff")
    fixed = csv_bytes([HEADER, [code, "UNN", "2024-T1", "73", "", "", "", "endelig"],
                       [code, "FIN", "2024-T1", "71", "", "", "", ""]])
    result = import_values(fixed, other, "b.csv")
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    value = IndicatorValue.objects.get(organisation__code="UNN")
    assert (value.value, value.status) == (Decimal("73"), "final")
    history = list(value.history.order_by("history_date").values_list("value", "status", "history_user", "history_type"))
    assert history == [(Decimal("66"), "preliminary", owner.pk, "+"), (Decimal("73"), "final", other.pk, "~")]


def test_a_reporter_may_not_upload_but_enters_its_own_values(hn_indicators, make_user):
    from styring.indicators.importing import save_value

    reporter = make_user("UNN", "reporter")
    cells = {"indikator": hn_indicators.series["epikrise"].code, "organisasjon": "UNN-TRO", "periode": "2024-03",
             "verdi": "71"}
    value, created = save_value(cells, reporter)
    assert created and value.organisation.code == "UNN-TRO" and value.updated_by == reporter
    with pytest.raises(ImportRejected, match="Du kan ikke registrere verdier for FIN"):
        save_value({**cells, "organisasjon": "FIN"}, reporter)


@pytest.mark.parametrize("cell, number", [("82,5", "82.5"), ("1 234,5", "1234.5"), ("1.234,5", "1234.5"),
                                          ("1,234.5", "1234.5"), ("82 %", "82"), (82.5, "82.5"), ("−3", "-3")])
def test_numbers_as_excel_writes_them(cell, number):
    assert to_decimal(cell) == Decimal(number)
