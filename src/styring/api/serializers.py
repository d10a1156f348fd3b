"""JSON shapes of the API. Organisations are referred to by their register code (e.g. ``UNN``)."""
from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from rest_framework import serializers

from styring.cascade.trace import Node, Trace
from styring.documents.forms import check_document_file
from styring.documents.models import SteeringDocument
from styring.lib.input import MAX_INTEGER
from styring.organisations.models import Organisation
from styring.reporting.models import (
    BoardDecision,
    EntryStatus,
    Measure,
    PeriodKind,
    Report,
    ReportEntry,
    ReportingPeriod,
    ReportStep,
    Risk,
    RiskAssessment,
)
from styring.requirements.models import Item


class CodeField(serializers.SlugRelatedField):
    def __init__(self, **kwargs) -> None:
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

    def validate_file(self, upload: UploadedFile) -> UploadedFile:
        check_document_file(upload)  # the page's check: a format the extractor reads, by content
        return upload

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
            "id", "report", "item", "status", "text", "deviation", "expected_completion", "contradiction_reason",
            "return_comment", "version", "updated_at", "updated_by",
        ]
        read_only_fields = fields


class EntryUpdateSerializer(serializers.Serializer):
    """Send the ``version`` you read; if someone saved since, the answer is 409 and nothing is written."""

    version = serializers.IntegerField(min_value=1, max_value=MAX_INTEGER)
    status = serializers.ChoiceField(choices=[("", "Ikke valgt"), *EntryStatus.choices], required=False, allow_blank=True)
    text = serializers.CharField(required=False, allow_blank=True)
    deviation = serializers.CharField(required=False, allow_blank=True)
    expected_completion = serializers.CharField(required=False, allow_blank=True, max_length=200)
    # required to send an entry whose status contradicts its indicator (reporting.models.contradicts)
    contradiction_reason = serializers.CharField(required=False, allow_blank=True, max_length=5000)


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


class ReportStepSerializer(serializers.ModelSerializer):
    """One step of the report's workflow as it happened; each sending starts a new round."""

    class Meta:
        model = ReportStep
        fields = ["round", "step", "at", "decision", "comment"]
        read_only_fields = fields


class ReportDetailSerializer(ReportSerializer):
    entries = EntrySerializer(many=True, read_only=True)
    board_decisions = BoardDecisionSerializer(many=True, read_only=True)
    steps = ReportStepSerializer(many=True, read_only=True)

    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "entries", "board_decisions", "steps"]
        read_only_fields = fields


class CommentSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=5000, help_text="Hva som må endres, eller hvorfor rapporten gjenåpnes.")


class ReturnSerializer(CommentSerializer):
    item_comments = serializers.DictField(
        child=serializers.CharField(max_length=5000, allow_blank=True), required=False,
        help_text="Kommentarer til enkeltpunkter: rapportpunktets id → kommentar (vises på punktet hos helseforetaket).")

    def validate_item_comments(self, value: dict) -> dict[int, str]:
        try:
            return {int(key): text for key, text in value.items()}
        except (TypeError, ValueError):
            raise serializers.ValidationError("Nøklene må være rapportpunktenes id (heltall).") from None


# --- the rest of the cycle: starting a report, measures, risks, periods -------------------------

class ReportStartSerializer(serializers.Serializer):
    period = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="Rapporteringsperiodens id.")


class MeasureDetailSerializer(serializers.ModelSerializer):
    organisation = CodeField()
    open = serializers.BooleanField(source="is_open", read_only=True)

    class Meta:
        model = Measure
        fields = ["id", "organisation", "item", "risk", "description", "owner", "due_date", "open", "closed_at",
                  "created_in", "closed_in"]
        read_only_fields = fields


class MeasureCreateSerializer(serializers.Serializer):
    """A tiltak on an entry of a draft report (the trust's reporter)."""

    entry = serializers.IntegerField(min_value=1, max_value=2**63 - 1, help_text="Rapportpunktets id.")
    description = serializers.CharField(max_length=5000)
    owner = serializers.CharField(max_length=200, help_text="Hvem som er ansvarlig.")
    due_date = serializers.DateField()
    risk = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False, allow_null=True)


class MeasureCloseSerializer(serializers.Serializer):
    entry = serializers.IntegerField(min_value=1, max_value=2**63 - 1,
                                     help_text="Rapportpunktet (i et utkast) tiltaket lukkes i.")


class RiskAssessmentSerializer(serializers.ModelSerializer):
    level = serializers.CharField(read_only=True)

    class Meta:
        model = RiskAssessment
        fields = ["id", "period", "probability", "consequence", "level", "measures", "assessed_at"]
        read_only_fields = ["id", "level", "assessed_at"]


class RiskSerializer(serializers.ModelSerializer):
    organisation = CodeField()
    assessments = RiskAssessmentSerializer(many=True, read_only=True)

    class Meta:
        model = Risk
        fields = ["id", "organisation", "item", "title", "description", "owner", "top5", "created_at", "assessments"]
        read_only_fields = fields


class RiskCreateSerializer(serializers.Serializer):
    organisation = serializers.CharField(max_length=16, help_text="Helseforetakets kode, f.eks. UNN.")
    title = serializers.CharField(max_length=300)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    owner = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    item = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False, allow_null=True)
    top5 = serializers.BooleanField(required=False, default=False)


class AssessSerializer(serializers.Serializer):
    period = serializers.IntegerField(min_value=1, max_value=2**63 - 1)
    probability = serializers.IntegerField(min_value=1, max_value=5, help_text="Sannsynlighet 1–5.")
    consequence = serializers.IntegerField(min_value=1, max_value=5, help_text="Konsekvens 1–5.")
    measures = serializers.CharField(required=False, allow_blank=True, default="")


class PeriodWriteSerializer(serializers.ModelSerializer):
    """An owner's period: its issuer (by code), kind, year and deadlines; PATCH changes the deadlines."""

    issuer = serializers.SlugRelatedField(slug_field="code", queryset=Organisation.objects.all())

    class Meta:
        model = ReportingPeriod
        fields = ["id", "issuer", "year", "kind", "month", "admin_deadline", "board_deadline"]
        read_only_fields = ["id"]

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        admin = data.get("admin_deadline", getattr(self.instance, "admin_deadline", None))
        board = data.get("board_deadline", getattr(self.instance, "board_deadline", None))
        if admin and board and board < admin:
            raise serializers.ValidationError(
                "Fristen for styrebehandlet versjon kan ikke være før den administrative fristen.")
        kind = data.get("kind", getattr(self.instance, "kind", None))
        month = data.get("month", getattr(self.instance, "month", None))
        if kind == PeriodKind.MONTHLY and not (month and 1 <= month <= 12):
            raise serializers.ValidationError({"month": "En månedlig periode trenger måned 1–12."})
        return data
# --- the cascade ------------------------------------------------------------------------------

class TraceStatusSerializer(serializers.Serializer):
    organisation = serializers.CharField(help_text="Organisasjonens kode.")
    status = serializers.CharField(help_text='achieved, partly, not_achieved, eller "" når ikke rapportert.')
    status_label = serializers.CharField()
    period = serializers.CharField(allow_null=True)
    report = serializers.IntegerField(allow_null=True)


class TraceItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    ref = serializers.CharField()
    kind = serializers.CharField()
    text = serializers.CharField()
    document = serializers.IntegerField()
    document_title = serializers.CharField()
    issuers = serializers.ListField(child=serializers.CharField())


class TraceNodeSerializer(TraceItemSerializer):
    reports = TraceStatusSerializer(many=True)
    children = serializers.ListField(child=serializers.DictField(), help_text="Noder med samme form.")


class TraceSerializer(serializers.Serializer):
    item = TraceNodeSerializer()
    up = serializers.ListField(child=TraceItemSerializer(many=True))


def _trace_item(item: Item) -> dict:
    return {"id": item.pk, "ref": item.ref, "kind": item.kind, "text": item.text, "document": item.document_id,
            "document_title": item.document.title, "issuers": sorted(o.code for o in item.document.issuers.all())}


def _trace_node(node: Node) -> dict:
    return {
        **_trace_item(node.item),
        "reports": [{
            "organisation": st.organisation.code,
            "status": st.entry.status if st.entry else "",
            "status_label": st.entry.look.label if st.entry else "Ikke rapportert",
            "period": str(st.entry.report.period) if st.entry else None,
            "report": st.entry.report_id if st.entry else None,
        } for st in node.statuses],
        "children": [_trace_node(child) for child in node.children],
    }


def trace_data(trace: Trace) -> dict:
    """A ``cascade.trace.Trace`` as the API gives it."""
    return {"item": _trace_node(trace.root), "up": [[_trace_item(i) for i in chain] for chain in trace.up]}
