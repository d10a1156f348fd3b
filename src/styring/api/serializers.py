"""JSON shapes of the API. Organisations are referred to by their register code (e.g. ``UNN``)."""
from __future__ import annotations

from rest_framework import serializers

from styring.documents.models import SteeringDocument
from styring.organisations.models import Organisation
from styring.reporting.models import (
    BoardDecision,
    EntryStatus,
    Measure,
    Report,
    ReportEntry,
    ReportingPeriod,
)
from styring.requirements.models import Item


class CodeField(serializers.SlugRelatedField):
    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        kwargs.setdefault("read_only", True)
        super().__init__(**kwargs)


class OrganisationSerializer(serializers.ModelSerializer):
    owners = CodeField(many=True)

    class Meta:
        model = Organisation
        fields = ["code", "name", "kind", "owners", "preferred_language", "active"]


class DocumentSerializer(serializers.ModelSerializer):
    issuers = CodeField(many=True)
    addressees = CodeField(many=True)
    item_count = serializers.IntegerField(read_only=True, help_text="Antall krav i dokumentet.")

    class Meta:
        model = SteeringDocument
        fields = [
            "id", "title", "kind", "year", "language", "status", "issuers", "addressees", "original_filename",
            "file_format", "created_at", "confirmed_at", "item_count",
        ]


class DocumentUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="Styringsdokumentet (PDF, DOCX eller tekst).")
    issuers = serializers.CharField(help_text="Utsteders kode(r), kommaseparert, f.eks. «HN».")
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    kind = serializers.ChoiceField(choices=SteeringDocument.Kind.choices, required=False)
    title = serializers.CharField(required=False, max_length=300)

    def validate_issuers(self, value: str) -> list[str]:
        codes = [c.strip().upper() for c in value.split(",") if c.strip()]
        if not codes:
            raise serializers.ValidationError("Oppgi minst én utsteder.")
        return codes


class ItemSerializer(serializers.ModelSerializer):
    recipients = CodeField(many=True)
    informed = CodeField(many=True)
    lead = CodeField()
    main_goal_title = serializers.CharField(read_only=True)

    class Meta:
        model = Item
        fields = [
            "id", "document", "order", "kind", "ref", "main_goal", "main_goal_title", "text", "recipients",
            "informed", "lead", "deadlines", "reporting", "confirmed",
        ]


class PeriodSerializer(serializers.ModelSerializer):
    issuer = CodeField()

    class Meta:
        model = ReportingPeriod
        fields = ["id", "issuer", "year", "kind", "month", "admin_deadline", "board_deadline"]


class ItemBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Item
        fields = ["id", "ref", "kind", "main_goal", "text"]


class MeasureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Measure
        fields = ["id", "description", "owner", "due_date", "closed_at"]


class EntrySerializer(serializers.ModelSerializer):
    item = ItemBriefSerializer(read_only=True)
    updated_by: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = ReportEntry
        fields = [
            "id", "report", "item", "status", "text", "deviation", "expected_completion", "version",
            "updated_at", "updated_by",
        ]
        read_only_fields = fields


class EntryUpdateSerializer(serializers.Serializer):
    """Send the ``version`` you read; if someone saved since, the answer is 409 and nothing is written."""

    version = serializers.IntegerField(min_value=1)
    status = serializers.ChoiceField(choices=[("", "Ikke valgt"), *EntryStatus.choices], required=False, allow_blank=True)
    text = serializers.CharField(required=False, allow_blank=True)
    deviation = serializers.CharField(required=False, allow_blank=True)
    expected_completion = serializers.CharField(required=False, allow_blank=True, max_length=200)


class ConflictSerializer(serializers.Serializer):
    detail = serializers.CharField()
    current = EntrySerializer()
    yours = serializers.DictField()


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    # the response's list of problems is named "errors" (this serializer only describes it in the schema)
    errors = serializers.ListField(child=serializers.CharField(), required=False)  # type: ignore[assignment]


class BoardDecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = BoardDecision
        fields = ["id", "case_number", "meeting_date", "decision_text", "minutes_reference", "changes_requested",
                  "recorded_at"]
        read_only_fields = ["id", "recorded_at"]


class ReportSerializer(serializers.ModelSerializer):
    organisation = CodeField()
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    period = PeriodSerializer(read_only=True)

    class Meta:
        model = Report
        fields = [
            "id", "organisation", "organisation_name", "period", "status", "version", "return_comment",
            "submitted_at", "approved_at", "updated_at",
        ]
        read_only_fields = fields


class ReportDetailSerializer(ReportSerializer):
    entries = EntrySerializer(many=True, read_only=True)
    board_decisions = BoardDecisionSerializer(many=True, read_only=True)

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "entries", "board_decisions"]
        read_only_fields = fields


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=5000, help_text="Hva som må endres, eller hvorfor rapporten gjenåpnes.")
