from django.core.management.base import BaseCommand

from styring.accounts.demo import DEMO_PASSWORD, create_demo_users


class Command(BaseCommand):
    help = "Oppretter demobrukere for hver rolle og skriver dem ut."

    def handle(self, *args, **options) -> None:
        rows = create_demo_users()
        self.stdout.write(f"Demobrukere (passord for alle: {DEMO_PASSWORD}):")
        for username, org, role in rows:
            self.stdout.write(f"  {username:<16} {org:<5} {role}")
