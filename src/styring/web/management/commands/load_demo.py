"""``styring load_demo``: the registry, demo users per role and sample data for ``make demo``."""
from __future__ import annotations

import importlib

from django.core.management.base import BaseCommand

from styring.accounts.demo import DEMO_PASSWORD, create_demo_users
from styring.organisations.models import Organisation, OrganisationGroup
from styring.organisations.registry_sync import sync_registry


class Command(BaseCommand):
    help = "Laster organisasjonsregisteret, demobrukere og eksempeldata."

    def handle(self, *args, **options):
        orgs, groups = sync_registry(Organisation, OrganisationGroup)
        self.stdout.write(f"Organisasjonsregisteret: {orgs} organisasjoner, {groups} grupper.")
        rows = create_demo_users()
        for hook in self.sample_data_loaders():
            hook(self.stdout)
        self.stdout.write("")
        self.stdout.write(f"Demobrukere (passord for alle: {DEMO_PASSWORD}):")
        for username, org, role in rows:
            self.stdout.write(f"  {username:<16} {org:<5} {role}")

    def sample_data_loaders(self):
        """Each stage's sample data, in the order of the cycle: ``<app>.demo_data.load(stdout)``."""
        loaders = []
        for app in ("documents", "reporting", "indicators"):
            try:
                module = importlib.import_module(f"styring.{app}.demo_data")
            except ModuleNotFoundError:
                continue
            loaders.append(module.load)
        return loaders
