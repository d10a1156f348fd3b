from __future__ import annotations

from styring.organisations.views import ownership_tree


def _find(nodes, code):
    for node in nodes:
        if node["org"].code == code:
            return node
    return None


def test_tree_goes_hod_rhf_trusts_with_jointly_owned_under_every_owner(orgs):
    tree = ownership_tree()
    hod = _find(tree, "HOD")
    assert hod is not None and tree[0]["org"].code == "HOD"
    rhfs = {n["org"].code for n in hod["children"] if n["org"].kind == "rhf"}
    assert rhfs == {"HN", "HMN", "HV", "HSO"}
    for rhf in rhfs:
        node = _find(hod["children"], rhf)
        assert {"SB", "PR", "SYKI", "LAT", "HDO"} <= {c["org"].code for c in node["children"]}
    hn = _find(hod["children"], "HN")
    assert {"FIN", "UNN", "NLSH", "HSYK", "SANO", "HNIKT"} <= {c["org"].code for c in hn["children"]}
    assert _find(hod["children"], "HDIR") is not None


def test_registry_loaded_by_migration(orgs):
    from styring.registry import load_registry

    assert set(orgs) == {o.code for o in load_registry().all()}  # every row of organisations.csv
    assert len(orgs) >= 45
    assert orgs["SB"].owners.count() == 4
    assert orgs["UNN"].kind == "hf" and "UNN HF" in orgs["UNN"].aliases


def test_tree_page_lists_every_rhf(client, make_user):
    client.force_login(make_user("UNN", "reader"))
    html = client.get("/organisasjoner/").content.decode()
    for name in ("Helse- og omsorgsdepartementet", "Helse Nord RHF", "Helse Sør-Øst RHF", "Sykehusbygg HF"):
        assert name in html
