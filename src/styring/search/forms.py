"""The search box and its filters (the page and the API read the same fields)."""
from __future__ import annotations

from django import forms

from styring.lib.input import MAX_INTEGER
from styring.requirements.models import MAIN_GOALS
from styring.search.models import Kind

YEAR_ERRORS = {"invalid": "Oppgi et årstall.", "min_value": "Oppgi et årstall fra 2000 til 2100.",
               "max_value": "Oppgi et årstall fra 2000 til 2100."}
STATUSES = [("", "Alle"), ("confirmed", "Bekreftet krav"), ("in_review", "Krav til gjennomgang"),
            ("achieved", "Oppnådd"), ("partly", "Delvis oppnådd"), ("not_achieved", "Ikke oppnådd"),
            ("open", "Åpent tiltak"), ("closed", "Lukket tiltak")]


class SearchForm(forms.Form):
    q = forms.CharField(label="Søk", max_length=200, required=False,
                        error_messages={"max_length": "Søket kan være på høyst 200 tegn."})
    ar = forms.IntegerField(label="År", required=False, min_value=2000, max_value=2100, error_messages=YEAR_ERRORS)
    utsteder = forms.CharField(label="Utsteder (kode)", max_length=16, required=False)
    mottaker = forms.CharField(label="Mottaker (kode)", max_length=16, required=False)
    hovedmal = forms.TypedChoiceField(label="Hovedmål", required=False, coerce=int, empty_value=None,
                                      choices=[("", "Alle"), *((k, f"{k}. {v}") for k, v in MAIN_GOALS.items())],
                                      error_messages={"invalid_choice": "Velg hovedmål 1, 2 eller 3."})
    type = forms.ChoiceField(label="Type", required=False, choices=[("", "Alle"), *Kind.choices],
                             error_messages={"invalid_choice": "Ukjent type."})
    status = forms.ChoiceField(label="Status", required=False, choices=STATUSES,
                               error_messages={"invalid_choice": "Ukjent status."})

    def filters(self) -> dict:
        d = self.cleaned_data
        return {"year": d.get("ar"), "issuer": d.get("utsteder") or "", "recipient": d.get("mottaker") or "",
                "main_goal": d.get("hovedmal"), "kind": d.get("type") or "", "status": d.get("status") or ""}


class SourceForm(forms.Form):
    fra = forms.IntegerField(min_value=0, max_value=MAX_INTEGER, error_messages={"required": "Mangler posisjon.", "invalid": "Ugyldig posisjon."})
    til = forms.IntegerField(min_value=0, max_value=MAX_INTEGER, error_messages={"required": "Mangler posisjon.", "invalid": "Ugyldig posisjon."})
