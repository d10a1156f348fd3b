"""The input of the report page's workflow steps, periods and risks: every value a user sends is
parsed and checked here (Norwegian messages) before ``workflow``, ``periods`` or ``risk`` see it."""
from __future__ import annotations

from django import forms

from styring.reporting.models import BoardDecision


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


# the input each workflow step takes (by its name in ``transitions.TRANSITIONS``)
STEP_FORMS: dict[str, type[forms.BaseForm]] = {
    "board_approve": BoardDecisionForm, "return": CommentForm, "reopen": CommentForm,
}


def form_errors(form: forms.BaseForm) -> list[str]:
    """Every error of ``form`` as one Norwegian sentence each (for messages and the API)."""
    return [str(error) for errors in form.errors.values() for error in errors]
