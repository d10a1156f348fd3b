"""Every input of the indicator pages goes through one of these forms."""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db.models import BLANK_CHOICE_DASH

from styring.accounts.types import AnyUser
from styring.indicators import targets as rules
from styring.indicators.importing import STATUSES, ImportRejected, check_value
from styring.indicators.models import Indicator, Target, ValueStatus
from styring.indicators.periods import PERIOD_FORMATS, Period, PeriodError
from styring.indicators.scorecard import LEVELS
from styring.organisations.models import Organisation
from styring.requirements.models import MAIN_GOALS


class StyledForm:
    """Designsystemet's input class on every widget."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # type: ignore[attr-defined]
            field.widget.attrs.setdefault("class", "ds-input")


class UploadForm(StyledForm, forms.Form):
    file = forms.FileField(label="Fil med verdier (CSV eller XLSX)",
                           widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,.xlsx"}))

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        if upload.size > settings.STYRING_MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Filen er for stor.")
        return upload


class ValueForm(StyledForm, forms.Form):
    """One value entered by hand; checked by the same rules as a row of an import file."""

    organisation = forms.ChoiceField(label="Organisasjon")
    period = forms.CharField(label="Periode", max_length=10, help_text=f"Skriv {PERIOD_FORMATS}.")
    value = forms.CharField(label="Verdi", max_length=30)
    numerator = forms.CharField(label="Teller", max_length=30, required=False)
    denominator = forms.CharField(label="Nevner", max_length=30, required=False)
    status = forms.ChoiceField(label="Status", choices=ValueStatus.choices, initial=ValueStatus.FINAL)
    source = forms.CharField(label="Kilde", max_length=200, required=False)

    def __init__(self, *args, indicator: Indicator, organisations: Iterable[Organisation], user: AnyUser, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.indicator, self.user = indicator, user
        cast(forms.ChoiceField, self.fields["organisation"]).choices = [(o.code, o.name) for o in organisations]

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if self.errors:
            return data
        status_word = {v: k for k, v in STATUSES.items() if k}.get(data["status"], "endelig")
        cells = {"indikator": self.indicator.code, "organisasjon": data["organisation"], "periode": data["period"],
                 "verdi": data["value"], "teller": data.get("numerator", ""), "nevner": data.get("denominator", ""),
                 "kilde": data.get("source", ""), "status": status_word}
        try:
            data["row"] = check_value(cells, self.user)
        except ImportRejected as exc:
            raise forms.ValidationError(exc.message) from None
        return data


class ScorecardForm(StyledForm, forms.Form):
    periode = forms.ChoiceField(label="Periode", required=False)
    niva = forms.ChoiceField(label="Nivå", choices=list(LEVELS.items()), required=False)
    hovedmal = forms.ChoiceField(label="Hovedmål", required=False, choices=[
        ("", "Alle"), *[(str(k), f"{k}. {v}") for k, v in MAIN_GOALS.items()], ("0", "Øvrige indikatorer")])
    region = forms.ChoiceField(label="Region", required=False)
    format = forms.ChoiceField(choices=[("", "Nettside"), ("xlsx", "Excel")], required=False,
                               widget=forms.HiddenInput)

    def __init__(self, *args, periods: list[Period], regions: Iterable[Organisation], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["periode"]).choices = [(str(p), p.label) for p in periods]
        regions = list(regions)
        if len(regions) > 1:  # a choice only for those who see several regions (HOD)
            cast(forms.ChoiceField, self.fields["region"]).choices = [("", "Alle"), *[(o.code, o.name) for o in regions]]
        else:
            del self.fields["region"]

    def clean_periode(self) -> Period | None:
        text = self.cleaned_data.get("periode") or ""
        try:
            return Period.parse(text) if text else None
        except PeriodError as exc:
            raise forms.ValidationError(str(exc)) from None


class IndicatorListForm(StyledForm, forms.Form):
    """The list of indicators: words to look for, a year, and the page or its CSV."""

    q = forms.CharField(label="Søk i navn, tekst eller ekstern kode", max_length=200, required=False,
                        error_messages={"max_length": "Søket kan være på høyst 200 tegn."})
    ar = forms.IntegerField(label="År", required=False, min_value=1990, max_value=2100,
                            error_messages={"invalid": "Oppgi et årstall.", "min_value": "Oppgi et årstall fra 1990.",
                                            "max_value": "Oppgi et årstall til og med 2100."})
    format = forms.ChoiceField(choices=[("", "Nettside"), ("csv", "CSV")], required=False, widget=forms.HiddenInput)


class SeriesViewForm(forms.Form):
    """The series page's choices: which kind of period to show, and the report to go back to."""

    vis = forms.ChoiceField(choices=[("year", "År"), ("tertial", "Tertial"), ("month", "Måned")], required=False)
    neste = forms.RegexField(r"^/[\w/-]*$", max_length=200, required=False)  # a path on this site only


class IndicatorSettingsForm(StyledForm, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["name", "external_code", "unit", "aggregation", "tolerance"]


class TargetForm(StyledForm, forms.ModelForm):
    """The target for every organisation the item applies to (``organisation`` empty), set by the reviewer."""

    # a small integer column: a year of 99999 was a 500 on PostgreSQL
    baseline_year = forms.IntegerField(label="Basisår", required=False, min_value=1990, max_value=2100,
                                       help_text="Tom: året før perioden.")

    class Meta:
        model = Target
        fields = ["kind", "better", "value", "inclusive", "yellow", "baseline_year", "change_unit", "goal"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # every registered kind, read now (the model field's choices were read when the class was made)
        cast(forms.ChoiceField, self.fields["kind"]).choices = [*BLANK_CHOICE_DASH, *rules.kind_choices()]
        for name, field in self.fields.items():  # which kinds use a field (``TargetKind.fields``)
            if name not in ("kind", "better"):
                field.widget.attrs["data-kinds"] = " ".join(k.name for k in rules.KINDS.values() if name in k.fields)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        kind = data.get("kind")
        if kind in rules.KINDS:  # each kind checks its own fields
            for name, message in rules.kind(kind).check(data).items():
                self.add_error(name, message)
        return data
