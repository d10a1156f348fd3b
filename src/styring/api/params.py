"""The query parameters of the API's lists, each parsed by a serializer: a bad value is a 400 with
a message, never a 500 (nor a number too large for the database)."""
from __future__ import annotations

from rest_framework import serializers

from styring.organisations.models import Organisation
from styring.reporting.models import ReportStatus
from styring.requirements.models import Item

MAX_ID = 2**63 - 1  # the largest id the databases store; a larger number is refused, never sent to SQL


def IdField(**kwargs) -> serializers.IntegerField:  # noqa: N802 - a field factory, read like a field class
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def YearField(**kwargs) -> serializers.IntegerField:  # noqa: N802
    return serializers.IntegerField(min_value=2000, max_value=2100, **kwargs)


def CodeParam(**kwargs) -> serializers.CharField:  # noqa: N802
    return serializers.CharField(max_length=16, **kwargs)


# --- query parameters: every list's filters are parsed here (400 with a message, never a 500) ---

class PageParams(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=1000, required=False)
    offset = serializers.IntegerField(min_value=0, max_value=10**9, required=False)


class OrganisationParams(serializers.Serializer):
    kind = serializers.ChoiceField(choices=Organisation.Kind.choices, required=False)
    parent = CodeParam(required=False, source="owners__code",  # type: ignore[assignment]  # the query's name
                       help_text="Eierens kode: ?parent=UNN gir UNNs sykehus.")

    def validate_parent(self, value: str) -> str:
        return value.upper()


class DocumentParams(serializers.Serializer):
    year = YearField(required=False)
    issuer = CodeParam(required=False, help_text="Utsteders kode, f.eks. HN.")


class ItemParams(serializers.Serializer):
    document = IdField(required=False, help_text="Dokumentets id.")
    recipient = CodeParam(required=False, help_text="Koden til en mottaker, f.eks. UNN.")
    kind = serializers.ChoiceField(choices=Item.Kind.choices, required=False)
    main_goal = serializers.ChoiceField(choices=[1, 2, 3], required=False, help_text="Hovedmål.")
    confirmed = serializers.BooleanField(required=False, allow_null=True, default=None)


class ReportParams(serializers.Serializer):
    organisation = CodeParam(required=False, help_text="Helseforetakets kode.")
    period = IdField(required=False, help_text="Rapporteringsperiodens id.")
    year = YearField(required=False)
    status = serializers.ChoiceField(choices=ReportStatus.choices, required=False)


class EntryParams(serializers.Serializer):
    report = IdField(required=False, help_text="Rapportens id.")


class DocxParams(serializers.Serializer):
    malform = serializers.ChoiceField(choices=[("nb", "Bokmål"), ("nn", "Nynorsk")], required=False,
                                      help_text="Overstyr helseforetakets målform.")


class MeasureParams(serializers.Serializer):
    organisation = CodeParam(required=False)
    item = IdField(required=False)
    open = serializers.BooleanField(required=False, allow_null=True, default=None, help_text="Bare åpne (true) "
                                    "eller lukkede (false).")


class RiskParams(serializers.Serializer):
    organisation = CodeParam(required=False)


class PeriodParams(serializers.Serializer):
    issuer = CodeParam(required=False)
    year = YearField(required=False)
