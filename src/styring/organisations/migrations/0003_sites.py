"""Hospitals (sites) as a kind of organisation, loaded under their trusts from the packaged register."""

from django.db import migrations, models


def load(apps, schema_editor):
    from styring.organisations.registry_sync import sync_registry

    sync_registry(apps.get_model("organisations", "Organisation"), apps.get_model("organisations", "OrganisationGroup"))


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0002_load_registry'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalorganisation',
            name='kind',
            field=models.CharField(choices=[('departement', 'Departement'), ('rhf', 'Regionalt helseforetak'), ('hf', 'Helseforetak'), ('felleseid_hf', 'Felleseid helseforetak'), ('privat_ideell', 'Privat ideelt sykehus'), ('as', 'Aksjeselskap'), ('etat', 'Etat/direktorat'), ('sf', 'Statsforetak'), ('sykehus', 'Sykehus')], max_length=20, verbose_name='type'),
        ),
        migrations.AlterField(
            model_name='organisation',
            name='kind',
            field=models.CharField(choices=[('departement', 'Departement'), ('rhf', 'Regionalt helseforetak'), ('hf', 'Helseforetak'), ('felleseid_hf', 'Felleseid helseforetak'), ('privat_ideell', 'Privat ideelt sykehus'), ('as', 'Aksjeselskap'), ('etat', 'Etat/direktorat'), ('sf', 'Statsforetak'), ('sykehus', 'Sykehus')], max_length=20, verbose_name='type'),
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
