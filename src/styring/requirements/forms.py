"""Editing one item on the review screen."""
from __future__ import annotations

import datetime as dt
import re

from django import forms
from django.db import models

from styring.organisations.models import Organisation, descendants_of
from styring.requirements.models import Item, ReportingMode

_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})|(\d{1,2})\.(\d{1,2})\.(\d{4})")


def parse_dates(value: str) -> list[str]:
    """"15.09.2024, 2024-12-31" → ISO dates; anything else is an error in Norwegian."""
    dates = []
    rest = value
    for m in _DATE.finditer(value):
        y, mo, d = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(6), m.group(5), m.group(4))
        try:
            dates.append(dt.date(int(y), int(mo), int(d)).isoformat())
        except ValueError:
            raise forms.ValidationError(f"«{m.group(0)}» er ikke en gyldig dato.") from None
        rest = rest.replace(m.group(0), " ", 1)
    if re.sub(r"[\s,;]+", "", rest):
        raise forms.ValidationError("Skriv fristene som datoer, f.eks. 15.09.2024, skilt med komma.")
    return sorted(set(dates))


class OrganisationChoice(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Organisation) -> str:
        return f"{obj.name} ({obj.code})"


def register_for(item: Item):
    """The organisations a reviewer chooses among: the issuers, everything they own, and whoever
    is already named on the item."""
    issuer_ids = set(item.document.issuers.values_list("pk", flat=True))
    ids = issuer_ids | descendants_of(issuer_ids)
    if item.pk:
        ids |= set(item.recipients.values_list("pk", flat=True)) | set(item.informed.values_list("pk", flat=True))
    if item.lead_id:
        ids.add(item.lead_id)
    return Organisation.objects.filter(pk__in=ids).order_by("kind", "name")


class ItemForm(forms.ModelForm):
    deadlines_text = forms.CharField(
        label="Frister", required=False, help_text="Datoer som 15.09.2024, skilt med komma.",
        widget=forms.TextInput(attrs={"class": "ds-input"}),
    )
    reporting = forms.MultipleChoiceField(
        label="Rapportering", required=False, choices=ReportingMode.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Item
        fields = ["kind", "ref", "main_goal", "text", "recipients", "informed", "lead", "reporting"]
        labels = {"ref": "Nummer", "main_goal": "Hovedmål", "lead": "Leder arbeidet"}
        widgets = {
            "kind": forms.Select(attrs={"class": "ds-input"}),
            "ref": forms.TextInput(attrs={"class": "ds-input"}),
            "main_goal": forms.Select(attrs={"class": "ds-input"}),
            "text": forms.Textarea(attrs={"class": "ds-input", "rows": 8, "data-split-source": ""}),
            "lead": forms.Select(attrs={"class": "ds-input"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        register = register_for(self.instance)
        for name, label in (("recipients", "Mottakere"), ("informed", "Til informasjon")):
            self.fields[name] = OrganisationChoice(queryset=register, required=False, label=label)
        self.fields["lead"].queryset = register
        self.fields["lead"].empty_label = "(ingen)"
        self.fields["main_goal"].choices = [("", "(utenfor hovedmålene)"), *self.fields["main_goal"].choices[1:]]
        self.fields["deadlines_text"].initial = ", ".join(
            dt.date.fromisoformat(d).strftime("%d.%m.%Y") for d in self.instance.deadlines or []
        )
        self.fields["reporting"].initial = list(self.instance.reporting or [])
        self.order_fields(["kind", "ref", "main_goal", "text", "recipients", "informed", "lead", "deadlines_text", "reporting"])

    def clean_deadlines_text(self):
        return parse_dates(self.cleaned_data.get("deadlines_text") or "")

    def clean_text(self):
        text = (self.cleaned_data.get("text") or "").replace("\r\n", "\n").strip()
        if not text:
            raise forms.ValidationError("Kravet må ha en tekst.")
        return text

    def save(self, commit=True):
        self.instance.deadlines = self.cleaned_data["deadlines_text"]
        self.instance.reporting = list(self.cleaned_data["reporting"])
        return super().save(commit)


class NewItemForm(forms.Form):
    kind = forms.ChoiceField(label="Type", choices=Item.Kind.choices, widget=forms.Select(attrs={"class": "ds-input"}))
    text = forms.CharField(label="Tekst", widget=forms.Textarea(attrs={"class": "ds-input", "rows": 3}))


class SplitForm(forms.Form):
    """Split at a character position in the text, or into two texts written out."""

    position = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    text = forms.CharField(required=False, widget=forms.HiddenInput)  # the edited text, when split from the edit form
    first = forms.CharField(label="Første del", required=False, widget=forms.Textarea(attrs={"class": "ds-input", "rows": 6}))
    second = forms.CharField(label="Andre del", required=False, widget=forms.Textarea(attrs={"class": "ds-input", "rows": 6}))

    def __init__(self, *args, item: Item, **kwargs):
        self.item = item
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        position = data.get("position")
        text = (data.get("text") or self.item.text).replace("\r\n", "\n")
        if position and not (data.get("second") or "").strip():
            first, second = text[:position].strip(), text[position:].strip()
        else:
            first, second = (data.get("first") or "").strip(), (data.get("second") or "").strip()
        if not first or not second:
            raise forms.ValidationError(
                "Begge delene må ha tekst. Sett markøren der kravet skal deles, eller skriv de to delene."
            )
        data["parts"] = (first, second)
        return data


class ItemFilterForm(forms.Form):
    """The register's filters (``/krav/?dokument=&mottaker=&type=&hovedmal=``)."""

    dokument = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1,
                                  error_messages={"invalid": "Ukjent dokument."})
    mottaker = forms.CharField(required=False, max_length=16)
    type = forms.ChoiceField(required=False, choices=[("", "Alle"), *Item.Kind.choices])
    hovedmal = forms.ChoiceField(required=False, choices=[("", "Alle"), ("ingen", "Uten hovedmål"),
                                                          *[(str(k), str(k)) for k in (1, 2, 3)]])

    def filter(self, items):
        """``items`` narrowed by the chosen filters (the form must be valid)."""
        data = self.cleaned_data
        if data["dokument"]:
            items = items.filter(models.Q(document_id=data["dokument"]) | models.Q(document__supplements_id=data["dokument"]))
        if data["mottaker"]:
            items = items.filter(models.Q(recipients__code=data["mottaker"]) | models.Q(informed__code=data["mottaker"]))
        if data["type"]:
            items = items.filter(kind=data["type"])
        if data["hovedmal"] == "ingen":
            items = items.filter(main_goal__isnull=True)
        elif data["hovedmal"]:
            items = items.filter(main_goal=int(data["hovedmal"]))
        return items
