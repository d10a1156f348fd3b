"""Load the packaged organisation register (HOD, RHFs, trusts, jointly owned trusts, directorates)."""
from django.db import migrations


def load(apps, schema_editor):
    from styring.organisations.registry_sync import sync_registry

    sync_registry(apps.get_model("organisations", "Organisation"), apps.get_model("organisations", "OrganisationGroup"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
