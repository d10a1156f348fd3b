"""The full access matrix: role × organisation × action, and role × organisation × view.

Each expectation is written out by hand so that a broken rule fails here.
"""
from __future__ import annotations

import pytest

from styring.accounts.access import Action, can, visible_organisation_ids

V, M, R, B, O = Action.VIEW, Action.MANAGE, Action.REPORT, Action.BOARD_APPROVE, Action.OWNER_APPROVE
D = Action.VIEW_DRAFT  # drafts: the organisation's own members only

# (member of, role) → {target organisation: set of allowed actions}
EXPECTED: dict[tuple[str | None, str | None], dict[str, set[Action]]] = {
    # HOD approves the RHFs' reports; it reads the trusts' but does not approve them (issue 10, #12)
    ("HOD", "owner_staff"): {
        "HOD": {V, M, D}, "HN": {V, M, O}, "UNN": {V, M}, "FIN": {V, M}, "OUS": {V, M}, "SB": {V, M},
    },
    # an RHF's owner staff compile the region's own report to HOD (issue 13's roll-up); HOD reports to no one
    ("HN", "owner_staff"): {
        "HOD": set(), "HN": {V, M, R, D}, "UNN": {V, M, O}, "FIN": {V, M, O}, "OUS": set(), "SB": {V, M, O},
    },
    ("HSO", "owner_staff"): {
        "HOD": set(), "HN": set(), "UNN": set(), "FIN": set(), "OUS": {V, M, O}, "SB": {V, M, O},
    },
    ("FIN", "reporter"): {"HOD": set(), "HN": set(), "UNN": set(), "FIN": {V, R, D}, "OUS": set(), "SB": set()},
    ("HN", "reader"): {"HOD": set(), "HN": {V, D}, "UNN": set(), "FIN": set(), "OUS": set(), "SB": set()},
    ("UNN", "reporter"): {"HOD": set(), "HN": set(), "UNN": {V, R, D}, "FIN": set(), "OUS": set(), "SB": set()},
    ("UNN", "approver"): {"HOD": set(), "HN": set(), "UNN": {V, B, D}, "FIN": set(), "OUS": set(), "SB": set()},
    ("UNN", "reader"): {"HOD": set(), "HN": set(), "UNN": {V, D}, "FIN": set(), "OUS": set(), "SB": set()},
    ("SB", "reporter"): {"HOD": set(), "HN": set(), "UNN": set(), "FIN": set(), "OUS": set(), "SB": {V, R, D}},
    (None, None): {"HOD": set(), "HN": set(), "UNN": set(), "FIN": set(), "OUS": set(), "SB": set()},
}

CASES = [
    (member, role, target, action, action in allowed)
    for (member, role), targets in EXPECTED.items()
    for target, allowed in targets.items()
    for action in Action
]


@pytest.mark.parametrize("member,role,target,action,allowed", CASES)
def test_can(make_user, orgs, member, role, target, action, allowed):
    user = make_user(member, role)
    assert can(user, action, orgs[target]) is allowed


def test_anonymous_can_do_nothing(orgs):
    from django.contrib.auth.models import AnonymousUser

    assert not any(can(AnonymousUser(), action, orgs["UNN"]) for action in Action)
    assert visible_organisation_ids(AnonymousUser()) == set()


def test_superuser_can_do_everything(make_user, orgs):
    admin = make_user(None, is_superuser=True)
    assert all(can(admin, action, orgs[code]) for action in Action for code in ("HOD", "UNN", "SB"))


def test_owner_sees_jointly_owned_trusts_and_own_trusts_transitively(make_user, orgs):
    hod = make_user("HOD", "owner_staff")
    visible = {o for o, obj in orgs.items() if obj.pk in visible_organisation_ids(hod)}
    # HOD → RHF → trust and HOD → RHF → jointly owned trust
    assert {"HOD", "HN", "HSO", "UNN", "OUS", "SB", "PR", "HDO", "LDS"} <= visible
    hn = make_user("HN", "owner_staff")
    visible_hn = {o for o, obj in orgs.items() if obj.pk in visible_organisation_ids(hn)}
    hospitals = {"FIN-KIR", "FIN-HAM", "UNN-TRO", "UNN-HAR", "UNN-NAR", "UNN-LYB", "NLSH-BOD", "NLSH-VES", "NLSH-LOF",
                 "HSYK-MOR", "HSYK-MOS", "HSYK-SAN"}  # the trusts' hospitals, owned through them
    assert visible_hn == {"HN", "FIN", "UNN", "NLSH", "HSYK", "SANO", "HNIKT", "SB", "PR", "SYKI", "LAT", "HDO"} | hospitals


# The views: the organisation's register of items (krav) × user → expected status.
VIEW_CASES = [
    (("HN", "owner_staff"), "UNN", 200),
    (("HN", "owner_staff"), "OUS", 404),
    (("HN", "owner_staff"), "HN", 200),
    (("HN", "owner_staff"), "HOD", 404),
    (("UNN", "reporter"), "UNN", 200),
    (("UNN", "reporter"), "FIN", 404),
    (("UNN", "reporter"), "HN", 404),
    (("UNN", "approver"), "UNN", 200),
    (("UNN", "approver"), "FIN", 404),
    (("UNN", "reader"), "UNN", 200),
    (("UNN", "reader"), "NLSH", 404),
    (("HOD", "owner_staff"), "SB", 200),
    ((None, None), "UNN", 404),
]


@pytest.mark.parametrize("who,target,status", VIEW_CASES)
def test_organisation_page_matrix(client, make_user, who, target, status):
    user = make_user(*who)
    client.force_login(user)
    assert client.get(f"/organisasjoner/{target}/krav/").status_code == status
    # registry facts are public to every signed-in user
    assert client.get(f"/organisasjoner/{target}/").status_code == 200


def test_member_list_only_for_managers(client, make_user):
    make_user("UNN", "reporter", username="rita")
    owner = make_user("HN", "owner_staff")
    reader = make_user("UNN", "reader")
    client.force_login(owner)
    assert "rita" in client.get("/organisasjoner/UNN/").content.decode()
    client.force_login(reader)
    page = client.get("/organisasjoner/UNN/").content.decode()
    assert "rita" not in page and "Brukere" not in page


@pytest.mark.parametrize(
    "url", ["/", "/organisasjoner/", "/organisasjoner/UNN/", "/organisasjoner/UNN/krav/", "/indikatorer/", "/arshjul/"]
)
def test_anonymous_is_sent_to_login(client, orgs, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/logg-inn/")


# A document is managed by its issuer (issue 19): the items of Helse Nord's document in review are
# confirmed, edited and deleted by Helse Nord's owner staff (and admins); HOD, Helse Nord's owner,
# reads them but may not decide them (it could before).
REVIEW_CASES = [
    (("HN", "owner_staff"), True),
    (("HOD", "owner_staff"), False),
    (("HSO", "owner_staff"), False),
    (("UNN", "reporter"), False),
    ((None, None), False),
]


@pytest.mark.parametrize("who,allowed", REVIEW_CASES)
def test_items_in_review_are_decided_by_the_issuer_only(client, make_user, orgs, who, allowed):
    from styring.documents.models import SteeringDocument
    from styring.requirements.models import Item

    doc = SteeringDocument.objects.create(title="Styringskrav 2025", year=2025,
                                          status=SteeringDocument.Status.IN_REVIEW)
    doc.issuers.add(orgs["HN"])
    keep, drop = (Item.objects.create(document=doc, order=n, kind="assignment", text=f"Krav {n}") for n in (1, 2))
    client.force_login(make_user(*who))
    confirmed = client.post(f"/krav/{keep.pk}/bekreft/")
    deleted = client.post(f"/krav/{drop.pk}/slett/")
    edited = client.get(f"/krav/{keep.pk}/rediger/")
    keep.refresh_from_db()
    if allowed:
        assert confirmed.status_code == 302 and keep.confirmed
        assert deleted.status_code == 302 and not Item.objects.filter(pk=drop.pk, removed=False).exists()
        assert edited.status_code == 200
    else:
        assert (confirmed.status_code, deleted.status_code, edited.status_code) == (404, 404, 404)
        assert not keep.confirmed and Item.objects.filter(pk=drop.pk, removed=False).exists()
