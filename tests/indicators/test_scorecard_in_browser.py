"""In headless Chromium: Helse Nord's owner staff upload a CSV of values for the trusts and the
hospitals of seed 001, and see the scorecard's colours (with symbols), the hospitals' limits from
Vedlegg 3, and one series as a chart beside its table. Every page passes axe-core."""
from __future__ import annotations

import pytest

from tests.indicators.conftest import csv_bytes, item_with

pytestmark = [pytest.mark.browser, pytest.mark.shared, pytest.mark.django_db(transaction=True)]


def test_upload_then_scorecard_colours_and_a_chart(seed_001, page, login, make_user, assert_accessible, tmp_path):
    epikrise = item_with(seed_001, "epikrisene").indicators.get().code
    stemi = item_with(seed_001, "jf. vedlegg nr. 3").indicators.get(name__startswith="Reperfusjon").code
    rows = [["indikator", "organisasjon", "periode", "verdi", "teller", "nevner", "kilde", "status"],
            [epikrise, "UNN", "2024-T1", "72,5", "725", "1000", "NPR", "foreløpig"],
            [epikrise, "FIN", "2024-T1", "61", "305", "500", "NPR", "foreløpig"],
            [epikrise, "NLSH", "2024-T1", "70", "420", "600", "NPR", "foreløpig"],
            [epikrise, "HSYK", "2024-T1", "55,5", "111", "200", "NPR", "foreløpig"],
            [stemi, "UNN-TRO", "2024-T1", "80", "", "", "NORHARDT", ""],
            [stemi, "NLSH-BOD", "2024-T1", "90", "", "", "NORHARDT", ""],
            [stemi, "FIN-KIR", "2024-T1", "50", "", "", "NORHARDT", ""],
            [stemi, "UNN-TRO", "2023-T3", "70", "", "", "NORHARDT", ""]]
    path = tmp_path / "verdier helse nord.csv"
    path.write_bytes(csv_bytes(rows, encoding="cp1252"))

    login(make_user("HN", "owner_staff"))
    page.goto("/indikatorer/last-opp/")
    assert_accessible(page, "upload")
    page.set_input_files("#id_file", str(path))
    page.get_by_role("button", name="Last opp").click()
    page.wait_for_url("**/indikatorer/")
    assert "8 nye verdier, 0 endret, 0 uendret" in page.locator(".st-messages").inner_text()
    assert page.get_by_role("heading", level=1).inner_text() == "Målekort: 1. tertial 2024"

    # trusts: 72,5 % and 70 % reach "minst 70 prosent", 61 % and 55,5 % do not
    row = page.locator("tr", has=page.locator(f"th:has-text('{epikrise} Minst 70 prosent')"))
    cells = {c.split("\n")[0].strip() for c in row.locator("td.st-cell").all_inner_texts()}
    assert cells == {"✓ 72,5 %", "✓ 70 %", "✗ 61 %", "✗ 55,5 %"}
    assert row.locator("td.st-cell--green").count() == 2 and row.locator("td.st-cell--red").count() == 2
    assert_accessible(page, "scorecard, trusts")

    # hospitals, with their own yellow and green limits from Vedlegg 3 (gul 70 %, grønn 85 %)
    page.select_option("#id_niva", "sykehus")
    page.get_by_role("button", name="Vis").click()
    page.wait_for_url("**niva=sykehus**")
    row = page.locator("tr", has=page.locator(f"th:has-text('{stemi} Reperfusjonsbehandling')"))
    assert row.locator("td.st-cell--yellow").inner_text().startswith("! 80 %")
    assert row.locator("td.st-cell--green").inner_text().startswith("✓ 90 %")
    assert row.locator("td.st-cell--red").inner_text().startswith("✗ 50 %")
    assert "↑" in row.locator("td.st-cell--yellow").inner_text()  # up from 70 % in 3. tertial 2023
    assert_accessible(page, "scorecard, hospitals")

    # Tromsø's series: a chart with the target line and the yellow limit, the numbers beside it
    row.locator("td.st-cell--yellow a").click()
    page.wait_for_url(f"**/indikatorer/{stemi}/UNN-TRO/**")
    page.get_by_role("link", name="Tertial").click()
    page.locator("canvas[data-drawn='true']").wait_for()
    table = page.locator("#verdier tbody tr")
    assert table.count() == 2
    assert "80 %" in table.nth(1).inner_text() and "Gul" in table.nth(1).inner_text()
    assert page.evaluate("() => Chart.getChart(document.getElementById('graf')).data.datasets.map(d => d.label)") == \
        ["Verdi", "Mål", "Grense gul"]
    assert page.evaluate("() => Chart.getChart(document.getElementById('graf')).data.datasets[0].data") == [70, 80]
    assert_accessible(page, "series chart")
