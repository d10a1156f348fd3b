"""Download and upload views under /eksport/: who may fetch what."""
from __future__ import annotations

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.exports.test_template import filled

pytestmark = pytest.mark.django_db


@pytest.fixture
def client_for(client, make_user):
    def make(code, role):
        client.force_login(make_user(code, role))
        return client

    return make


def doc_texts(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    return [p.text for p in Document(io.BytesIO(response.content)).paragraphs]


@pytest.mark.parametrize("code,role", [("UNN", "reporter"), ("UNN", "reader"), ("UNN", "approver"),
                                       ("HN", "owner_staff"), ("HOD", "owner_staff")])
def test_trust_staff_and_owners_download_the_annual_report(client_for, cycle, code, role):
    response = client_for(code, role).get(f"/eksport/rapport/{cycle.report('UNN').pk}.docx")
    assert response["Content-Disposition"] == 'attachment; filename="aarlig-melding-2024-UNN.docx"'
    assert "Rapport: UNN rapporterer på krav 9 (annual)." in doc_texts(response)


@pytest.mark.parametrize("code,role", [("FIN", "reporter"), ("HMN", "owner_staff"), ("NLSH", "reader")])
def test_others_get_404(client_for, cycle, code, role):
    client = client_for(code, role)
    assert client.get(f"/eksport/rapport/{cycle.report('UNN').pk}.docx").status_code == 404
    assert client.get(f"/eksport/rapport/{cycle.report('UNN').pk}/mal.xlsx").status_code == 404
    assert client.get("/eksport/mal/UNN/2024.xlsx").status_code == 404


def test_drafts_only_for_the_trusts_own_members(client_for, cycle):
    url = f"/eksport/rapport/{cycle.report('UNN', 'tertial').pk}.docx"
    assert client_for("HN", "owner_staff").get(url).status_code == 404
    assert doc_texts(client_for("UNN", "reader").get(url))[0] == "Tertialrapport – 1. tertial 2024"


def test_anonymous_is_sent_to_login(client, cycle):
    response = client.get(f"/eksport/rapport/{cycle.report('UNN').pk}.docx")
    assert response.status_code == 302 and "/logg-inn/" in response["Location"]


def test_nynorsk_override(client_for, cycle):
    texts = doc_texts(client_for("UNN", "reader").get(f"/eksport/rapport/{cycle.report('UNN').pk}.docx?malform=nn"))
    assert texts[0] == "Årleg melding 2024" and "Status: ○ Ikkje oppnådd" in texts


def test_consolidated_for_owner_counts_drafts_as_not_delivered(client_for, cycle, orgs):
    owned = 2  # issue 18: the trusts with requirements in the period (UNN, FIN), not every trust HN owns
    owner = client_for("HN", "owner_staff")
    annual = doc_texts(owner.get(f"/eksport/samlet/HN/{cycle.annual.pk}.docx"))
    assert f"Foretak med krav i perioden: 2 av {owned} levert" in annual and "Rapport: FIN rapporterer på krav 1 (annual)." in annual
    tertial = owner.get(f"/eksport/samlet/HN/{cycle.tertial.pk}.docx")
    texts = doc_texts(tertial)
    assert f"Foretak med krav i perioden: 0 av {owned} levert" in texts
    assert not any("rapporterer på krav" in t for t in texts)  # the drafts' texts stay with the trusts
    rows = {row.cells[0].text: row.cells[1].text for row in Document(io.BytesIO(tertial.content)).tables[0].rows}
    assert rows["Universitetssykehuset Nord-Norge HF"] == rows["Finnmarkssykehuset HF"] == "Ikke levert"
    assert client_for("FIN", "reporter").get(f"/eksport/samlet/HN/{cycle.annual.pk}.docx").status_code == 404
    hod = doc_texts(client_for("HOD", "owner_staff").get(f"/eksport/samlet/HN/{cycle.annual.pk}.docx"))
    assert f"Foretak med krav i perioden: 2 av {owned} levert" in hod


def pdf_text(response) -> str:
    from styring.testing.pdf import pdf_text as read

    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    return read(response.content)


def test_pdf_downloads_beside_the_docx_with_the_same_access(client_for, cycle):
    url = f"/eksport/rapport/{cycle.report('UNN').pk}.pdf"
    response = client_for("HN", "owner_staff").get(url)
    assert response["Content-Disposition"] == 'attachment; filename="aarlig-melding-2024-UNN.pdf"'
    assert "UNN rapporterer på krav 9 (annual)." in pdf_text(response)
    assert client_for("FIN", "reporter").get(url).status_code == 404
    draft = f"/eksport/rapport/{cycle.report('UNN', 'tertial').pk}.pdf"
    assert client_for("HN", "owner_staff").get(draft).status_code == 404
    consolidated = pdf_text(client_for("HN", "owner_staff").get(f"/eksport/samlet/HN/{cycle.tertial.pk}.pdf"))
    assert "Universitetssykehuset Nord-Norge HF" in consolidated and "Ikke levert" in consolidated
    assert client_for("FIN", "reporter").get(f"/eksport/samlet/HN/{cycle.annual.pk}.pdf").status_code == 404


def test_templates_download(client_for, cycle):
    client = client_for("FIN", "reader")
    xlsx = client.get("/eksport/mal/FIN/2024.xlsx")
    assert xlsx.status_code == 200 and xlsx["Content-Disposition"] == 'attachment; filename="rapporteringsmal-2024-FIN.xlsx"'
    rows = list(load_workbook(io.BytesIO(xlsx.content))["Rapporteringsmal"].iter_rows(min_row=5, values_only=True))
    assert len(rows) == 8
    docx = client.get("/eksport/mal/FIN/2024.docx")
    assert Document(io.BytesIO(docx.content)).paragraphs[0].text == "Rapporteringsmal 2024 – Finnmarkssykehuset HF"
    report_xlsx = client.get(f"/eksport/rapport/{cycle.report('FIN', 'tertial').pk}/mal.xlsx")
    assert report_xlsx.status_code == 200


def test_upload_view(client_for, cycle):
    report = cycle.report("UNN", "tertial")
    url = f"/eksport/rapport/{report.pk}/last-opp/"
    client = client_for("UNN", "reporter")
    assert "Last opp utfylt rapporteringsmal" in client.get(url).content.decode()
    bad = client.post(url, {"fil": _file(filled(report, [{"ref": "1", "status": "Grønn"}]))})
    assert bad.status_code == 400
    assert "Rad 5: ugyldig status «Grønn»" in bad.content.decode()
    good = client.post(url, {"fil": _file(filled(report, [{"ref": "1", "status": "Oppnådd", "text": "Lastet opp."}]))},
                       follow=True)
    assert "1 punkter oppdatert" in good.content.decode()
    assert report.entries.get(item__ref="1").text == "Lastet opp."
    assert client.post(url, {}).status_code == 400


@pytest.mark.parametrize("code,role,status", [("UNN", "approver", 403), ("UNN", "reader", 403), ("HN", "owner_staff", 404)])
def test_upload_view_only_for_the_reporter(client_for, cycle, code, role, status):
    assert client_for(code, role).get(f"/eksport/rapport/{cycle.report('UNN', 'tertial').pk}/last-opp/").status_code == status


def test_index_lists_what_the_user_may_download(client_for, cycle):
    html = client_for("HN", "owner_staff").get("/eksport/").content.decode()
    assert f"/eksport/rapport/{cycle.report('UNN').pk}.docx" in html
    assert f"/eksport/rapport/{cycle.report('UNN', 'tertial').pk}.docx" not in html  # a draft
    assert f"/eksport/samlet/HN/{cycle.annual.pk}/lag/" in html  # started in the background (jobs)
    assert "/eksport/mal/UNN/2024.xlsx" in html
    fin = client_for("FIN", "reporter").get("/eksport/").content.decode()
    assert f"/eksport/rapport/{cycle.report('FIN', 'tertial').pk}.docx" in fin
    assert "UNN" not in fin and "/eksport/samlet/" not in fin


def _file(buffer):
    buffer.name = "mal.xlsx"
    return buffer
