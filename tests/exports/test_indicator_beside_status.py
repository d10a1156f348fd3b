"""Issue 18, point 5: the measured indicator beside the status in the DOCX and the PDF (one content
builder for both), the reason for a status that contradicts it, and no empty "Rapport:" label for
an item sent without text — read back with python-docx and from the PDF's text."""
from __future__ import annotations

import io

import pytest
from docx import Document

from styring.exports.annual_report import report_docx
from styring.exports.pdf import report_pdf
from styring.indicators.models import Indicator, IndicatorValue, Target
from styring.reporting.models import ReportEntry
from styring.testing.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def red_but_achieved(cycle, orgs):
    """UNN's annual entry on item 2 (an indicator) says "Oppnådd" with no text while its indicator
    is red: 86,8 % against ≥ 90 %."""
    report = cycle.report("UNN")
    item = cycle.items[1]
    series, _ = Indicator.objects.update_or_create(item=item, number=0, defaults={"name": "", "unit": "%"})
    Target.objects.filter(indicator=series).delete()
    Target.objects.create(indicator=series, kind="threshold", better="higher", value=90)
    IndicatorValue.objects.create(indicator=series, organisation=orgs["UNN"], period="2024", year=2024, value=86.8)
    ReportEntry.objects.filter(report=report, item=item).update(
        status="achieved", text="", deviation="", expected_completion="",
        contradiction_reason="Målingen er fra før den nye rutinen; internt tall for desember er 91 %.")
    return report


def test_docx_prints_value_and_target_beside_the_status(red_but_achieved):
    paragraphs = [p.text for p in Document(io.BytesIO(report_docx(red_but_achieved))).paragraphs]
    at = paragraphs.index("2 Indikator")
    block = paragraphs[at:at + 5]
    assert block[2] == "Status: ● Oppnådd · Indikator: ✗ rød, 86,8 % (mål ≥ 90 %, 2024)"
    assert block[3] == ("Begrunnelse for status som avviker fra indikatoren: Målingen er fra før den nye rutinen; "
                        "internt tall for desember er 91 %.")
    assert "Rapport: " not in block and "Rapport:" not in block  # sent without text: no empty label
    # items without an indicator keep their status line as it was
    assert "Status: ● Oppnådd" in paragraphs and "Rapport: UNN rapporterer på krav 1 (annual)." in paragraphs


def test_nynorsk_docx_names_the_colour_in_nynorsk(red_but_achieved):
    paragraphs = [p.text for p in Document(io.BytesIO(report_docx(red_but_achieved, "nn"))).paragraphs]
    assert any(p.endswith("· Indikator: ✗ raud, 86,8 % (mål ≥ 90 %, 2024)") for p in paragraphs)
    assert any(p.startswith("Grunngiving for status som avvik frå indikatoren: ") for p in paragraphs)


def test_pdf_prints_value_and_target_beside_the_status(red_but_achieved):
    text = " ".join(pdf_text(report_pdf(red_but_achieved)).split())
    assert "Status: ● Oppnådd · Indikator: ✗ rød, 86,8 % (mål ≥ 90 %, 2024)" in text
    assert "Begrunnelse for status som avviker fra indikatoren: Målingen er fra før den nye rutinen" in text
    block = text[text.index("Krav 2: foretaket skal rapportere indikatoren"):text.index("Krav 5:")]
    assert "Rapport:" not in block


def test_an_answer_is_never_cut_off_from_its_item(red_but_achieved):
    """Issue 18, point 10: opened in LibreOffice, the Word file ended on a page holding only
    "Rapport:". An item's text and status now keep with what follows, and an empty label is gone."""
    doc = Document(io.BytesIO(report_docx(red_but_achieved)))
    paragraphs = doc.paragraphs
    statuses = [i for i, p in enumerate(paragraphs) if p.text.startswith("Status: ")]
    assert len(statuses) == 9
    for i in statuses:
        assert paragraphs[i - 1].style.name == "Quote" and paragraphs[i - 1].paragraph_format.keep_with_next
        follows = paragraphs[i + 1] if i + 1 < len(paragraphs) else None
        answer = follows is not None and not follows.style.name.startswith("Heading")
        assert bool(paragraphs[i].paragraph_format.keep_with_next) == answer
    assert not any(p.text.strip() in ("Rapport:", "Rapport: ") for p in paragraphs)
    assert paragraphs[-1].text.strip() != "Rapport:"
