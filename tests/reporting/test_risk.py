from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from styring.reporting import risk as risk_mod
from styring.reporting.errors import WorkflowError
from styring.reporting.models import risk_level


@pytest.mark.parametrize("p,c,level", [(1, 1, "lav"), (2, 2, "lav"), (1, 5, "middels"), (3, 3, "middels"),
                                        (2, 5, "høy"), (3, 4, "høy"), (3, 5, "svært høy"), (5, 5, "svært høy")])
def test_risk_level_bands(p, c, level):
    assert risk_level(p, c) == level


def test_assessments_topp5_matrix_and_change_between_periods(orgs, periods, people):
    unn = orgs["UNN"]
    a = risk_mod.create_risk(unn, people.reporter, title="Rekruttering", top5=True)
    b = risk_mod.create_risk(unn, people.reporter, title="Økonomi")
    c = risk_mod.create_risk(unn, people.reporter, title="IKT")
    risk_mod.assess(a, periods.t1, people.reporter, probability=3, consequence=3)
    risk_mod.assess(b, periods.t1, people.reporter, probability=2, consequence=2)
    risk_mod.assess(a, periods.t2, people.reporter, probability=4, consequence=5, measures="Innleie")
    risk_mod.assess(b, periods.t2, people.reporter, probability=1, consequence=2)
    risk_mod.assess(c, periods.t2, people.reporter, probability=2, consequence=2)
    rows = risk_mod.risk_rows(unn, periods.t2)
    assert [(r.risk.title, r.current.score, r.change) for r in rows] == [
        ("Rekruttering", 20, "økt"), ("IKT", 4, "ny"), ("Økonomi", 2, "redusert")]
    assert [r.risk.title for r in risk_mod.top5(rows)] == ["Rekruttering"]
    grid = risk_mod.matrix(rows)
    assert grid[0]["probability"] == 5 and grid[1]["cells"][4]["risks"] == [a]  # p=4, c=5
    assert grid[1]["cells"][4]["level"] == "svært høy"


def test_assessment_scale_and_role(orgs, periods, people):
    r = risk_mod.create_risk(orgs["UNN"], people.reporter, title="Bygg")
    with pytest.raises(WorkflowError) as exc:
        risk_mod.assess(r, periods.t1, people.reporter, probability=6, consequence=0)
    assert exc.value.errors == ["Sannsynlighet må være et tall fra 1 til 5.", "Konsekvens må være et tall fra 1 til 5."]
    with pytest.raises(PermissionDenied):
        risk_mod.assess(r, periods.t1, people.owner, probability=2, consequence=2)


def test_two_reporters_assessing_one_risk_see_both_assessments(client, orgs, periods, people, make_user):
    """The risk page's assessment form carries what it showed: a save made since is a conflict, shown
    with both assessments and a form holding yours; nothing is overwritten until you choose."""
    r = risk_mod.create_risk(orgs["UNN"], people.reporter, title="Rekruttering")
    url = f"/rapportering/risiko/UNN/?periode={periods.t1.pk}"
    client.force_login(people.reporter)
    page = client.get(url).content.decode()
    assert 'name="seen" value="ny"' in page  # not assessed yet
    colleague = make_user("UNN", "reporter", username="unn-kollega")
    risk_mod.assess(r, periods.t1, colleague, probability=2, consequence=3, measures="Lønnstillegg", seen="ny")
    mine = {"risk": r.pk, "probability": 4, "consequence": 5, "measures": "Innleie fra byrå", "seen": "ny"}
    response = client.post(url, mine)
    body = response.content.decode()
    assert response.status_code == 409 and "Lagringskonflikt: vurderingen din er ikke lagret" in body
    assert "unn-kollega" in body and "Lønnstillegg" in body and "Innleie fra byrå</textarea>" in body
    assert "2 × 3 = 6" in body and "4 × 5 = 20" in body
    saved = r.assessments.get()
    assert (saved.probability, saved.consequence, saved.measures) == (2, 3, "Lønnstillegg")
    token = saved.assessed_at.isoformat()
    assert f'name="seen" value="{token}"' in body
    response = client.post(url, {**mine, "seen": token})  # "Lagre min vurdering", having seen the other
    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.probability, saved.consequence, saved.measures) == (4, 5, "Innleie fra byrå")
    assert saved.history.count() == 2
