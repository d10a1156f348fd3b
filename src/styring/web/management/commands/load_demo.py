"""``styring load_demo``: the registry, demo users per role and sample data for ``make demo``."""
from __future__ import annotations

from django.core.management.base import BaseCommand

from styring.accounts.demo import DEMO_PASSWORD, create_demo_users
from styring.organisations.models import Organisation, OrganisationGroup
from styring.organisations.registry_sync import sync_registry


class Command(BaseCommand):
    help = "Laster organisasjonsregisteret, demobrukere og eksempeldata."

    def handle(self, *args, **options):
        orgs, groups = sync_registry(Organisation, OrganisationGroup)
        self.stdout.write(f"Organisasjonsregisteret: {orgs} organisasjoner, {groups} grupper.")
        for hook in self.sample_data_loaders():
            hook(self.stdout)
        rows = create_demo_users()
        self.stdout.write("")
        self.stdout.write(f"Demobrukere (passord for alle: {DEMO_PASSWORD}):")
        for username, org, role in rows:
            self.stdout.write(f"  {username:<16} {org:<5} {role}")

    def sample_data_loaders(self):
        """Each later stage adds its sample data here (documents, reports)."""
        return []
