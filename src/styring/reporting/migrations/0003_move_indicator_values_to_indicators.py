"""Indicator values moved to ``styring.indicators`` (copied by its migration 0002)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0002_entry_risk_measure_closed_in_reminder_user'),
        ('indicators', '0002_values_from_reporting'),
    ]

    operations = [
        migrations.RemoveConstraint(model_name='indicatorvalue', name='one_value_per_date'),
        migrations.DeleteModel(
            name='HistoricalIndicatorValue',
        ),
        migrations.DeleteModel(
            name='IndicatorValue',
        ),
    ]
