"""The errors of the reporting cycle (messages in Norwegian, shown as they are)."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from styring.organisations.models import Organisation
    from styring.reporting.models import ReportEntry, ReportingPeriod, RiskAssessment


class WorkflowError(Exception):
    """A step that is not possible now (wrong state, missing fields); ``errors`` lists each problem."""

    def __init__(self, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.errors = errors or []


class NothingToReport(Exception):
    """A report cannot be started: no confirmed item applies to the organisation in the period."""

    def __init__(self, organisation: Organisation, period: ReportingPeriod) -> None:
        self.message = (f"Rapporten for {period} kan ikke startes: ingen bekreftede krav gjelder {organisation.name} "
                        "i perioden. Ta kontakt med eieren hvis det er feil.")
        super().__init__(self.message)


# the fields a conflict compares, with the labels the page shows them under
CONFLICT_FIELDS = (("status", "Måloppnåelse"), ("text", "Rapport"), ("deviation", "Forklaring av avvik"),
                   ("expected_completion", "Forventet tid til full måloppnåelse"), ("risk", "Knyttet risiko"),
                   ("contradiction_reason", "Begrunnelse for status som avviker fra indikatoren"))
TEXT_FIELDS = frozenset({"text", "deviation", "expected_completion", "contradiction_reason"})


@dataclass(frozen=True)
class FieldConflict:
    """One field you sent that differs from what is saved: the value when you opened the entry
    (``base``, None if unknown), the saved one and yours, as shown; ``diff`` the words removed
    (``-``), added (``+``) and kept (`` ``) from the saved text to yours."""

    name: str
    label: str
    base: str | None
    saved: str
    yours: str
    diff: tuple[tuple[str, str], ...]

    @property
    def changed_by_them(self) -> bool:
        return self.base is None or self.base != self.saved

    @property
    def changed_by_you(self) -> bool:
        return self.base is None or self.base != self.yours

    @property
    def is_text(self) -> bool:
        return self.name in TEXT_FIELDS


def word_diff(old: str, new: str) -> tuple[tuple[str, str], ...]:
    """``old`` → ``new`` word by word (whitespace kept): ((op, text), ...) with op ``-``, ``+`` or `` ``."""
    a, b = re.findall(r"\s+|\S+\s*", old), re.findall(r"\s+|\S+\s*", new)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append((" ", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("-", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("+", "".join(b[j1:j2])))
    return tuple(out)


class ConflictError(WorkflowError):
    """Someone else saved the entry after you opened it: ``current`` is the saved entry, ``yours``
    the values you tried to save, ``base`` the entry as you opened it (its history record, or
    None); nothing was overwritten."""

    def __init__(self, current: ReportEntry, yours: dict, base: object = None) -> None:
        user = current.updated_by
        who = (user.get_full_name() or user.username) if user else "en annen"
        super().__init__(
            f"Punktet er endret av {who} etter at du åpnet det (lagret versjon {current.version}). "
            "Ingenting er overskrevet, og det du skrev er ikke lagret ennå: velg hva som skal gjelde."
        )
        self.current = current
        self.yours = yours
        self.base = base
        self.who = who

    def _shown(self, name: str, value: Any) -> str:  # noqa: ANN401 - a posted or saved value of any field
        if name == "status":
            from styring.reporting.models import entry_look

            return str(entry_look(value or "").label)
        if name == "risk":
            if value in (None, ""):
                return "Ingen"
            from styring.reporting.models import Risk

            pk: int | str = getattr(value, "pk", value)
            return Risk.objects.filter(pk=pk).values_list("title", flat=True).first() or "Ingen"
        return (value or "").strip()

    def fields(self) -> list[FieldConflict]:
        """Every field you sent whose value differs from the saved one, in the page's order."""
        found = []
        for name, label in CONFLICT_FIELDS:
            if name not in self.yours:
                continue
            attr = "risk_id" if name == "risk" else name
            saved = self._shown(name, getattr(self.current, attr, ""))
            yours = self._shown(name, self.yours[name])
            if saved == yours:
                continue
            base = self._shown(name, getattr(self.base, attr, "")) if self.base is not None else None
            found.append(FieldConflict(name, label, base, saved, yours,
                                       word_diff(saved, yours) if name in TEXT_FIELDS else ()))
        return found

    @property
    def kept_values(self) -> dict:
        """What you sent, as a form posts it again (no attachment: a file cannot be posted back)."""
        return {k: ("" if v is None else getattr(v, "pk", v)) for k, v in self.yours.items() if k != "attachment"}


class AssessmentConflict(WorkflowError):
    """Someone else saved the risk's assessment for the period after you opened the page:
    ``current`` is the saved assessment, ``yours`` the values you sent; nothing was overwritten."""

    def __init__(self, current: RiskAssessment, yours: dict) -> None:
        user = current.history.order_by("-history_date").values_list("history_user__username", flat=True).first()
        super().__init__(
            f"Vurderingen av «{current.risk.title}» ble lagret av {user or 'en annen'} etter at du åpnet siden. "
            "Ingenting er overskrevet: se begge vurderingene og velg hva som skal gjelde."
        )
        self.current = current
        self.yours = yours

    @property
    def token(self) -> str:
        """What a form posts back to save over ``current`` (it has then been seen)."""
        return assessment_token(self.current)


def assessment_token(assessment: RiskAssessment | None) -> str:
    """The optimistic lock of a risk assessment: when it was last saved ("ny" for none yet)."""
    return assessment.assessed_at.isoformat() if assessment is not None and assessment.assessed_at else "ny"
