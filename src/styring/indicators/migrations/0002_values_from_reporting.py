"""Indicator values kept by the reporting app until now (one per item, organisation and date) become
monthly values of the item's own series."""
from django.db import migrations


def copy(apps, schema_editor):
    Old = apps.get_model("reporting", "IndicatorValue")
    Indicator = apps.get_model("indicators", "Indicator")
    Value = apps.get_model("indicators", "IndicatorValue")
    for old in Old.objects.all().iterator():
        indicator, _ = Indicator.objects.get_or_create(item_id=old.item_id, number=0)
        Value.objects.update_or_create(
            indicator=indicator, organisation_id=old.organisation_id, period=f"{old.date.year}-{old.date.month:02d}",
            defaults={"year": old.date.year, "value": old.value, "source": old.source, "status": "final"},
        )


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0001_initial"),
        ("reporting", "0002_entry_risk_measure_closed_in_reminder_user"),
    ]
    operations = [migrations.RunPython(copy, migrations.RunPython.noop)]
