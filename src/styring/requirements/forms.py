"""Editing one item on the review screen."""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

from django import forms
from django.db import models
from django.db.models import QuerySet

from styring.lib.input import MAX_INTEGER
from styring.organisations.models import Organisation, descendants_of
from styring.requirements.models import MAIN_GOALS, Item, ItemQuerySet, ReportingMode

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


def register_for(item: Item) -> QuerySet[Organisation]:
    """The organisations a reviewer chooses among: the issuers, everything they own, and whoever
    is already named on the item."""
    extra: set[int] = set()
    if item.pk:
        extra |= set(item.recipients.values_list("pk", flat=True)) | set(item.informed.values_list("pk", flat=True))
    if item.lead_id:
        extra.add(item.lead_id)
    return register_for_document(item.document, extra)


def register_for_document(document: Any, extra: set[int] | None = None) -> QuerySet[Organisation]:  # noqa: ANN401 - a SteeringDocument: requirements may not import documents (import-linter layers)
    """The organisations a reviewer of ``document`` chooses among: its issuers, everything they
    own, its addressees (the RHF an oppdragsdokument is for), and ``extra``."""
    issuer_ids = set(document.issuers.values_list("pk", flat=True))
    ids = issuer_ids | descendants_of(issuer_ids) | set(document.addressees.values_list("pk", flat=True)) | (extra or set())
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

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        register = register_for(self.instance)
        for name, label in (("recipients", "Mottakere"), ("informed", "Til informasjon")):
            self.fields[name] = OrganisationChoice(queryset=register, required=False, label=label)
        lead = cast(forms.ModelChoiceField, self.fields["lead"])
        lead.queryset, lead.empty_label = register, "(ingen)"
        main_goal = cast(forms.ChoiceField, self.fields["main_goal"])
        main_goal.choices = [("", "(utenfor hovedmålene)"), *cast(list[tuple[Any, str]], main_goal.choices)[1:]]
        self.fields["deadlines_text"].initial = ", ".join(
            dt.date.fromisoformat(d).strftime("%d.%m.%Y") for d in self.instance.deadlines or []
        )
        self.fields["reporting"].initial = list(self.instance.reporting or [])
        self.order_fields(["kind", "ref", "main_goal", "text", "recipients", "informed", "lead", "deadlines_text", "reporting"])

    def clean_deadlines_text(self) -> list[str]:
        return parse_dates(self.cleaned_data.get("deadlines_text") or "")

    def clean_text(self) -> str:
        text = (self.cleaned_data.get("text") or "").replace("\r\n", "\n").strip()
        if not text:
            raise forms.ValidationError("Kravet må ha en tekst.")
        return text

    def save(self, commit: bool = True) -> Item:
        self.instance.deadlines = self.cleaned_data["deadlines_text"]
        self.instance.reporting = list(self.cleaned_data["reporting"])
        return super().save(commit)


class NewItemForm(forms.Form):
    kind = forms.ChoiceField(label="Type", choices=Item.Kind.choices, widget=forms.Select(attrs={"class": "ds-input"}))
    text = forms.CharField(label="Tekst", widget=forms.Textarea(attrs={"class": "ds-input", "rows": 3}))


class SplitForm(forms.Form):
    """Split at a character position in the text, or into two texts written out."""

    position = forms.IntegerField(required=False, min_value=1, max_value=MAX_INTEGER, widget=forms.HiddenInput)
    text = forms.CharField(required=False, widget=forms.HiddenInput)  # the edited text, when split from the edit form
    first = forms.CharField(label="Første del", required=False, widget=forms.Textarea(attrs={"class": "ds-input", "rows": 6}))
    second = forms.CharField(label="Andre del", required=False, widget=forms.Textarea(attrs={"class": "ds-input", "rows": 6}))

    def __init__(self, *args, item: Item, **kwargs) -> None:
        self.item = item
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
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

    def filter(self, items: ItemQuerySet) -> ItemQuerySet:
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


class BulkEditForm(forms.Form):
    """One correction for many items of a document at once (review screen): set recipients,
    informed, lead, reporting or hovedmål for the chosen items or for all of them."""

    FIELDS = [
        ("recipients", "Mottakere"), ("informed", "Til informasjon"), ("lead", "Leder arbeidet"),
        ("reporting", "Rapportering"), ("main_goal", "Hovedmål"),
    ]
    scope = forms.ChoiceField(
        label="Hvilke krav", choices=[("selected", "De valgte kravene"), ("all", "Alle krav i dokumentet")],
        initial="selected", widget=forms.RadioSelect,
    )
    field = forms.ChoiceField(label="Hva skal endres", choices=FIELDS, widget=forms.Select(attrs={"class": "ds-input"}))
    reporting = forms.MultipleChoiceField(
        label="Rapportering", required=False, choices=ReportingMode.choices, widget=forms.CheckboxSelectMultiple
    )
    main_goal = forms.TypedChoiceField(
        label="Hovedmål", required=False, coerce=int, empty_value=None,
        choices=[("", "(utenfor hovedmålene)"), *[(k, f"{k}. {v}") for k, v in MAIN_GOALS.items()]],
        widget=forms.Select(attrs={"class": "ds-input"}),
    )

    def __init__(self, *args, document: Any, **kwargs) -> None:  # noqa: ANN401 - a SteeringDocument: requirements may not import documents (import-linter layers)
        super().__init__(*args, **kwargs)
        self.document = document
        register = register_for_document(document)
        self.fields["items"] = forms.ModelMultipleChoiceField(
            queryset=Item.objects.filter(document=document).current(), required=False,
            widget=forms.MultipleHiddenInput, error_messages={"invalid_choice": "Et valgt krav finnes ikke i dokumentet."},
        )
        self.fields["recipients"] = OrganisationChoice(queryset=register, required=False, label="Mottakere")
        self.fields["informed"] = OrganisationChoice(queryset=register, required=False, label="Til informasjon")
        self.fields["lead"] = forms.ModelChoiceField(
            queryset=register, required=False, label="Leder arbeidet", empty_label="(ingen)",
            widget=forms.Select(attrs={"class": "ds-input"}),
        )
        self.order_fields(["scope", "items", "field", "recipients", "informed", "lead", "reporting", "main_goal"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if data.get("scope") == "selected" and not data.get("items"):
            raise forms.ValidationError("Velg minst ett krav (hak av på kravene), eller velg «Alle krav i dokumentet».")
        if data.get("field") == "recipients" and not data.get("recipients"):
            self.add_error("recipients", "Velg minst én mottaker.")
        return data

    def targets(self) -> QuerySet[Item]:
        if self.cleaned_data["scope"] == "all":
            return Item.objects.filter(document=self.document).current()
        return self.cleaned_data["items"]

    def change(self) -> dict:
        """The one fact to set, by name, as ``Item.set_facts`` takes it."""
        name = self.cleaned_data["field"]
        value = self.cleaned_data.get(name)
        if name in ("recipients", "informed", "reporting"):
            value = list(value or [])
        return {name: value}

    def describe(self) -> str:
        return dict(self.FIELDS)[self.cleaned_data["field"]].lower()
