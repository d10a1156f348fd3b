"""Input of the cascade pages."""
from __future__ import annotations

from django import forms

from styring.lib.input import MAX_INTEGER


class DecisionForm(forms.Form):
    valg = forms.ChoiceField(choices=[("bekreft", "Bekreft"), ("avvis", "Avvis")],
                             error_messages={"required": "Velg bekreft eller avvis.",
                                             "invalid_choice": "Velg bekreft eller avvis."})


class RollupForm(forms.Form):
    ar = forms.IntegerField(required=False, min_value=2000, max_value=2100,
                            error_messages={"invalid": "Oppgi et årstall.", "min_value": "Oppgi et årstall fra 2000 til 2100.",
                                            "max_value": "Oppgi et årstall fra 2000 til 2100."})
    mangler = forms.BooleanField(required=False)


class SuggestionFilterForm(forms.Form):
    dokument = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1, error_messages={"invalid": "Ugyldig dokument."})
    status = forms.ChoiceField(required=False, choices=[("", "Alle"), ("suggested", "Foreslått"),
                                                        ("confirmed", "Bekreftet"), ("rejected", "Avvist")])


class UseDraftForm(forms.Form):
    """Put the roll-up's draft into the organisation's own answer; ``versjon`` is the answer's
    version when the page was read, so nobody's newer text is overwritten unseen."""
    versjon = forms.IntegerField(min_value=0, max_value=MAX_INTEGER, error_messages={"required": "Siden er utdatert. Last den inn på nytt.",
                                                              "invalid": "Siden er utdatert. Last den inn på nytt."})
