"""Demo users: one per role at the places the demo shows (printed by ``make demo``)."""
from __future__ import annotations

from django.contrib.auth.models import User

from styring.accounts.models import Membership, Role
from styring.organisations.models import Organisation

DEMO_PASSWORD = "styring-demo"  # noqa: S105 - the demo's published password (only `make demo` creates these users)

DEMO_USERS = [
    # username, full name, organisation code, role
    ("hod", "Hanne Departement", "HOD", Role.OWNER_STAFF),
    ("hn-eier", "Eirik Eierstab", "HN", Role.OWNER_STAFF),
    ("hso-eier", "Sara Sør-Øst", "HSO", Role.OWNER_STAFF),
    ("hn-rapportor", "Nora Nordlys", "HN", Role.REPORTER),  # Helse Nord's reports to the ministry
    ("hn-godkjenner", "Nils Nordlys", "HN", Role.APPROVER),
    ("unn-rapportor", "Rita Rapportør", "UNN", Role.REPORTER),
    ("unn-godkjenner", "Geir Godkjenner", "UNN", Role.APPROVER),
    ("unn-leser", "Lise Leser", "UNN", Role.READER),
    ("fin-rapportor", "Frode Finnmark", "FIN", Role.REPORTER),
    ("fin-godkjenner", "Frida Finnmark", "FIN", Role.APPROVER),
    ("sb-rapportor", "Siri Sykehusbygg", "SB", Role.REPORTER),
]


def create_demo_users() -> list[tuple[str, str, str]]:
    """Create (or reset) the demo users; returns (username, organisation, role label) rows."""
    rows = []
    for username, full_name, code, role in DEMO_USERS:
        first, _, last = full_name.partition(" ")
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": first, "last_name": last})
        user.set_password(DEMO_PASSWORD)
        user.email = f"{username}@example.org"
        user.save()
        Membership.objects.update_or_create(
            user=user, defaults={"organisation": Organisation.objects.get(code=code), "role": role}
        )
        rows.append((username, code, Role(role).label))
    admin, created = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    rows.append(("admin", "–", "Administrator"))
    return rows
