"""Risk assessment of the prioritised goals: probability × consequence (1–5), the trust's topp 5,
the 5×5 matrix and the changes since the previous assessment."""
from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from styring.accounts.access import Action, can
from styring.accounts.types import AnyUser
from styring.lib.history import authored
from styring.organisations.models import Organisation
from styring.reporting.errors import AssessmentConflict, WorkflowError, assessment_token
from styring.reporting.models import LEVEL_COLOURS, ReportingPeriod, Risk, RiskAssessment, risk_level
from styring.requirements.models import Item


def _scale(value: str | int | None, name: str, errors: list[str]) -> int | None:
    try:
        number = int(value) if value is not None else 0
    except (TypeError, ValueError):
        number = 0
    if not 1 <= number <= 5:
        errors.append(f"{name} må være et tall fra 1 til 5.")
        return None
    return number


def create_risk(organisation: Organisation, user: AnyUser, *, title: str, description: str = "", owner: str = "",
                item: Item | None = None, top5: bool = False) -> Risk:
    if not can(user, Action.REPORT, organisation):
        raise PermissionDenied("Bare rapportøren i helseforetaket kan registrere risikoer.")
    if not (title or "").strip():
        raise WorkflowError("Risikoen ble ikke lagret.", ["Gi risikoen en tittel."])
    risk = Risk(organisation=organisation, item=item, title=title.strip(), description=(description or "").strip(),
                owner=(owner or "").strip(), top5=bool(top5))
    authored(risk, user)
    risk.save()
    return risk


def assess(risk: Risk, period: ReportingPeriod, user: AnyUser, *, probability: str | int | None, consequence: str | int | None, measures: str = "",
           seen: str | None = None) -> RiskAssessment:
    """Record (or update) the risk's assessment in ``period``. With ``seen`` (``assessment_token``
    of the assessment the user had in front of them), raise ``AssessmentConflict`` if it has been
    saved since (nothing is written)."""
    if not can(user, Action.REPORT, risk.organisation_id):
        raise PermissionDenied("Bare rapportøren i helseforetaket kan vurdere risikoer.")
    errors: list[str] = []
    p = _scale(probability, "Sannsynlighet", errors)
    c = _scale(consequence, "Konsekvens", errors)
    if errors or p is None or c is None:
        raise WorkflowError("Risikovurderingen ble ikke lagret.", errors)
    with transaction.atomic():
        saved = RiskAssessment.objects.select_for_update().filter(risk=risk, period=period).first()
        if seen is not None and assessment_token(saved) != seen:
            if saved is None:  # it was there when the page was made, and has been removed since
                raise WorkflowError("Vurderingen er slettet etter at du åpnet siden; last siden på nytt.")
            raise AssessmentConflict(saved, {"probability": p, "consequence": c, "score": (p or 0) * (c or 0),
                                             "measures": (measures or "").strip()})
        assessment = saved or RiskAssessment(risk=risk, period=period)
        assessment.probability, assessment.consequence = p, c
        assessment.measures = (measures or "").strip()
        authored(assessment, user)
        assessment.save()
    return assessment


@dataclass
class RiskRow:
    risk: Risk
    current: RiskAssessment | None
    previous: RiskAssessment | None

    @property
    def token(self) -> str:
        """What the page's form posts back as ``seen``."""
        return assessment_token(self.current)

    @property
    def change(self) -> str:
        """"ny", "økt", "redusert", "uendret" or "" (not assessed in this period)."""
        if self.current is None:
            return ""
        if self.previous is None:
            return "ny"
        delta = self.current.score - self.previous.score
        return "økt" if delta > 0 else "redusert" if delta < 0 else "uendret"


def _order(period: ReportingPeriod) -> tuple:
    import datetime as dt

    return (period.year, period.admin_deadline or period.board_deadline or dt.date.max, period.pk)


def risk_rows(organisation: Organisation, period: ReportingPeriod, risks: QuerySet[Risk] | None = None) -> list[RiskRow]:
    """Every risk of the trust (of ``risks``, what the reader may see, when given) with its
    assessment in ``period`` and the one before it, highest current score first."""
    assessments: dict[int, list[RiskAssessment]] = {}
    for a in RiskAssessment.objects.filter(risk__organisation=organisation).select_related("period").order_by(
        "period__year", "period__admin_deadline", "pk"
    ):
        assessments.setdefault(a.risk_id, []).append(a)
    rows = []
    key = _order(period)
    for risk in (Risk.objects.all() if risks is None else risks).filter(organisation=organisation).select_related("item"):
        current = previous = None
        for a in assessments.get(risk.pk, []):
            if a.period_id == period.pk:
                current = a
            elif _order(a.period) < key and (previous is None or _order(previous.period) <= _order(a.period)):
                previous = a
        rows.append(RiskRow(risk, current, previous))
    rows.sort(key=lambda r: (-(r.current.score if r.current else 0), r.risk.title))
    return rows


def top5(rows: list[RiskRow]) -> list[RiskRow]:
    """The trust's "topp 5": the risks marked topp 5, else the five highest scores of the period."""
    marked = [r for r in rows if r.risk.top5]
    chosen = marked or [r for r in rows if r.current]
    return chosen[:5]


def matrix(rows: list[RiskRow]) -> list[dict]:
    """The 5×5 matrix, probability 5 at the top: ``[{"probability", "cells": [{"consequence",
    "level", "risks"}]}]``."""
    grid = []
    for p in range(5, 0, -1):
        cells = []
        for c in range(1, 6):
            risks = [r.risk for r in rows if r.current and r.current.probability == p and r.current.consequence == c]
            cells.append({"consequence": c, "level": risk_level(p, c), "colour": LEVEL_COLOURS[risk_level(p, c)],
                          "risks": risks})
        grid.append({"probability": p, "cells": cells})
    return grid
