from __future__ import annotations

from django import forms

YEAR_ERRORS = {"invalid": "Oppgi et årstall.", "min_value": "Oppgi et årstall fra 2000 til 2100.",
               "max_value": "Oppgi et årstall fra 2000 til 2100."}


class WheelForm(forms.Form):
    ar = forms.IntegerField(required=False, min_value=2000, max_value=2100, error_messages=YEAR_ERRORS)
    org = forms.CharField(required=False, max_length=16)
    mine = forms.BooleanField(required=False)


class RenewForm(forms.Form):
    org = forms.CharField(required=False, max_length=16)
