"""``{{ step|step_label }}``: a round's step named by its row of ``transitions.TRANSITIONS``."""
from __future__ import annotations

from django import template

from styring.reporting.models import ReportStep
from styring.reporting.transitions import history_label

register = template.Library()


@register.filter
def step_label(step: ReportStep) -> str:
    return str(history_label(step))
