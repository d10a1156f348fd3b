"""``styring load_demo``: the registry, demo users per role and sample data for ``make demo``.

The demo users share a published password, so the command refuses to run unless ``DEBUG`` is on
(``make demo``) or ``--demo-in-production`` says that this is deliberate (a training server). A
stage whose sample data cannot be loaded stops the command with an error instead of passing silently.
"""
from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from styring.accounts.demo import DEMO_PASSWORD, create_demo_users
from styring.cascade import demo_data as cascade_demo
from styring.documents import demo_data as documents_demo
from styring.indicators import demo_data as indicators_demo
from styring.organisations.models import Organisation, OrganisationGroup
from styring.organisations.registry_sync import sync_registry
from styring.reporting import demo_data as reporting_demo


class Command(BaseCommand):
    help = "Laster organisasjonsregisteret, demobrukere og eksempeldata (bare med DEBUG=1)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--demo-in-production", action="store_true",
                            help="Last demodata selv om DEBUG er av (f.eks. en opplæringsserver). Demobrukerne "
                                 "har et kjent passord.")

    def handle(self, *args, demo_in_production: bool = False, **options) -> None:
        if not settings.DEBUG and not demo_in_production:
            raise CommandError(
                "load_demo lager brukere med et kjent passord og kjører bare når DEBUG=1 (som i make demo). "
                "Bruk --demo-in-production bare på en server for opplæring eller demonstrasjon."
            )
        orgs, groups = sync_registry(Organisation, OrganisationGroup)
        self.stdout.write(f"Organisasjonsregisteret: {orgs} organisasjoner, {groups} grupper.")
        rows = create_demo_users()
        if documents_demo.load(self.stdout) is None:
            raise CommandError("Eksempeldokumentet kunne ikke importeres; se meldingen over.")
        reporting_demo.load(self.stdout)
        cascade_demo.load(self.stdout)
        indicators_demo.load(self.stdout)
        self.stdout.write("")
        self.stdout.write(f"Demobrukere (passord for alle: {DEMO_PASSWORD}):")
        for username, org, role in rows:
            self.stdout.write(f"  {username:<16} {org:<5} {role}")
