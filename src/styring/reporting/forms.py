"""The input of the report page's workflow steps, periods and risks: every value a user sends is
parsed and checked here (Norwegian messages) before ``workflow``, ``periods`` or ``risk`` see it."""
from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils.datastructures import MultiValueDict

from styring.reporting.models import BoardDecision, EntryStatus, Report, ReportingPeriod, Risk
from styring.requirements.models import Item


class BoardDecisionForm(forms.ModelForm):
    class Meta:
        model = BoardDecision
        fields = ["case_number", "meeting_date", "decision_text", "minutes_reference", "changes_requested"]
        error_messages = {
            "case_number": {"required": "Oppgi styresaksnummer."},
            "meeting_date": {"required": "Oppgi møtedato.", "invalid": "Møtedatoen må være en gyldig dato."},
            "decision_text": {"required": "Skriv inn styrets vedtak."},
        }


class CommentForm(forms.Form):
    comment = forms.CharField(max_length=5000, error_messages={
        "required": "Skriv en kommentar som forklarer hvorfor."})


class ReturnForm(CommentForm):
    """Returning a report: the comment to the trust, and a comment on single entries from the
    fields ``punkt-<entry id>`` (empty ones are left out; ``workflow`` checks they are the report's)."""

    PREFIX = "punkt-"

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        comments: dict[int, str] = {}
        for name, value in self.data.items():
            if not name.startswith(self.PREFIX):
                continue
            try:
                pk = int(name.removeprefix(self.PREFIX))
            except ValueError:
                raise forms.ValidationError("Ugyldig punkt i kommentarene.") from None
            text = str(value).strip()
            if len(text) > 5000:
                raise forms.ValidationError("En kommentar til et punkt kan være høyst 5000 tegn.")
            if text:
                comments[pk] = text
        data["item_comments"] = comments
        return data


def set_choices(form: forms.BaseForm, name: str, queryset: QuerySet[Any]) -> None:
    """Limit a model choice field to ``queryset`` (what this user and organisation may pick)."""
    field = form.fields[name]
    if not isinstance(field, forms.ModelChoiceField):
        raise TypeError(f"{name} is not a model choice field")
    field.queryset = queryset


def form_errors(form: forms.BaseForm) -> list[str]:
    """Every error of ``form`` as one Norwegian sentence each (for messages and the API)."""
    return [str(error) for errors in form.errors.values() for error in errors]


MAX_NUMBER = 2**31 - 1  # versions and ids posted back by the page; anything larger is refused


class EntryForm(forms.Form):
    """An entry's save (autosave or the form): only the fields sent are changed."""

    expected_version = forms.IntegerField(min_value=1, max_value=MAX_NUMBER, error_messages={
        "required": "Siden mangler versjonsnummeret; last siden på nytt.",
        "invalid": "Ugyldig versjonsnummer; last siden på nytt.",
        "min_value": "Ugyldig versjonsnummer; last siden på nytt.",
        "max_value": "Ugyldig versjonsnummer; last siden på nytt."})
    status = forms.ChoiceField(choices=[("", "Ikke vurdert"), *EntryStatus.choices], required=False,
                               error_messages={"invalid_choice": "Ugyldig måloppnåelse."})
    text = forms.CharField(required=False)
    deviation = forms.CharField(required=False)
    expected_completion = forms.CharField(required=False, max_length=200)
    contradiction_reason = forms.CharField(required=False, max_length=5000, error_messages={
        "max_length": "Begrunnelsen kan være høyst 5000 tegn."})
    risk = forms.ModelChoiceField(queryset=Risk.objects.none(), required=False, error_messages={
        "invalid_choice": "Risikoen hører ikke til helseforetaket."})
    attachment = forms.FileField(required=False)

    def __init__(self, data: QueryDict | None, files: MultiValueDict[str, UploadedFile] | None, *, report: Report) -> None:
        super().__init__(data, files)
        set_choices(self, "risk", Risk.objects.filter(organisation_id=report.organisation_id))

    def changes(self) -> dict:
        """The fields that were sent, as ``entries.save_entry`` takes them."""
        sent = {name: value for name, value in self.cleaned_data.items()
                if name in self.data or name in self.files}
        sent.pop("expected_version", None)
        if "risk" in sent:
            sent["risk"] = sent["risk"].pk if sent["risk"] else ""
        if not sent.get("attachment"):
            sent.pop("attachment", None)
        return sent


class MeasureForm(forms.Form):
    description = forms.CharField(max_length=5000, error_messages={"required": "Beskriv tiltaket."})
    owner = forms.CharField(max_length=200, error_messages={"required": "Oppgi hvem som er ansvarlig for tiltaket."})
    due_date = forms.DateField(error_messages={"required": "Oppgi en frist for tiltaket (dato).",
                                               "invalid": "Fristen for tiltaket må være en gyldig dato."})
    risk = forms.ModelChoiceField(queryset=Risk.objects.none(), required=False, error_messages={
        "invalid_choice": "Risikoen hører ikke til helseforetaket."})

    def __init__(self, data: QueryDict | None, *, organisation_id: int) -> None:
        super().__init__(data)
        set_choices(self, "risk", Risk.objects.filter(organisation_id=organisation_id))


class RiskForm(forms.Form):
    title = forms.CharField(max_length=300, error_messages={"required": "Gi risikoen en tittel."})
    description = forms.CharField(required=False)
    owner = forms.CharField(required=False, max_length=200)
    item = forms.ModelChoiceField(queryset=Item.objects.none(), required=False, error_messages={
        "invalid_choice": "Kravet gjelder ikke helseforetaket."})
    top5 = forms.BooleanField(required=False)

    def __init__(self, data: QueryDict | None, *, items: QuerySet[Item]) -> None:
        super().__init__(data)
        set_choices(self, "item", items)


class AssessmentForm(forms.Form):
    risk = forms.ModelChoiceField(queryset=Risk.objects.none(), error_messages={
        "required": "Velg risikoen som vurderes.", "invalid_choice": "Risikoen hører ikke til helseforetaket."})
    probability = forms.TypedChoiceField(choices=[(n, n) for n in range(1, 6)], coerce=int, error_messages={
        "required": "Sannsynlighet må være et tall fra 1 til 5.", "invalid_choice": "Sannsynlighet må være et tall fra 1 til 5."})
    consequence = forms.TypedChoiceField(choices=[(n, n) for n in range(1, 6)], coerce=int, error_messages={
        "required": "Konsekvens må være et tall fra 1 til 5.", "invalid_choice": "Konsekvens må være et tall fra 1 til 5."})
    measures = forms.CharField(required=False)
    # the assessment the page showed (``errors.assessment_token``): a later save by someone else is a conflict
    seen = forms.CharField(required=False, max_length=64, empty_value=None)

    def __init__(self, data: QueryDict | None, *, organisation_id: int) -> None:
        super().__init__(data)
        set_choices(self, "risk", Risk.objects.filter(organisation_id=organisation_id))


class PeriodYearForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, error_messages={
        "required": "Oppgi et årstall.", "invalid": "Oppgi et årstall.",
        "min_value": "Oppgi et årstall fra 2000 til 2100.", "max_value": "Oppgi et årstall fra 2000 til 2100."})
    monthly = forms.BooleanField(required=False)


class PeriodDeadlinesForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["admin_deadline", "board_deadline"]
        error_messages = {
            "admin_deadline": {"invalid": "Ugyldig dato."},
            "board_deadline": {"invalid": "Ugyldig dato."},
        }

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        admin, board = data.get("admin_deadline"), data.get("board_deadline")
        if admin and board and board < admin:
            raise forms.ValidationError(
                "Fristen for styrebehandlet versjon kan ikke være før den administrative fristen.")
        return data
