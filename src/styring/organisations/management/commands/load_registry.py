from django.core.management.base import BaseCommand

from styring.organisations.models import Organisation, OrganisationGroup
from styring.organisations.registry_sync import sync_registry


class Command(BaseCommand):
    help = "Oppdaterer organisasjonsregisteret fra registeret som følger med Styring."

    def handle(self, *args, **options) -> None:
        orgs, groups = sync_registry(Organisation, OrganisationGroup)
        self.stdout.write(f"Organisasjonsregisteret: {orgs} organisasjoner, {groups} grupper.")
