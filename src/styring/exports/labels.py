"""Headings and labels of the generated documents, in bokmål with nynorsk from Django's translation
machinery (``src/styring/locale/nn/LC_MESSAGES/django.po``).

The statuses, kinds and hovedmål are the models' own labels; the texts only documents use are
here, once, in bokmål. ``Labels("nn")`` gives each of them in the document's language.
"""
from __future__ import annotations

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from styring.organisations.models import Organisation
from styring.reporting.models import EntryStatus, PeriodKind, ReportingPeriod, ReportStatus, entry_look
from styring.requirements.models import MAIN_GOALS, Item, ReportingMode

LANGUAGES = ("nb", "nn")

TEXTS = {
    "annual": _("Årlig melding"),
    "monthly": _("Månedlig rapport"),
    "tertial_report": _("Tertialrapport"),
    "report": _("Rapport"),
    "consolidated": _("Samlet for alle foretak"),
    "trust": _("Foretak"),
    "trusts": _("Foretak"),
    "owner": _("Eier"),
    "year": _("År"),
    "period": _("Periode"),
    "report_status": _("Rapportens status"),
    "board": _("Styrebehandling"),
    "board_case": _("Styresak"),
    "meeting_date": _("møte"),
    "decision": _("Vedtak"),
    "minutes": _("Protokoll"),
    "not_board_approved": _("Ikke styrebehandlet ennå"),
    "sent": _("Sendt"),
    "earlier_rounds": _("Tidligere behandling"),
    "summary": _("Sammendrag av måloppnåelse"),
    "main_goal": _("Hovedmål"),
    "other": _("Øvrige krav"),
    "total": _("Sum"),
    "status": _("Status"),
    "text": _("Rapport"),
    "deviation": _("Forklaring av avvik"),
    "expected": _("Forventet tid til full måloppnåelse"),
    "measures": _("Tiltak"),
    "measure_owner": _("ansvarlig"),
    "measure_due": _("frist"),
    "closed": _("lukket"),
    "not_reported": _("Ikke rapportert"),
    "indicator": _("Indikator"),
    "target": _("mål"),
    "colour_green": _("grønn"),
    "colour_yellow": _("gul"),
    "colour_red": _("rød"),
    "contradiction_reason": _("Begrunnelse for status som avviker fra indikatoren"),
    "not_delivered": _("Ikke levert"),
    "no_requirements": _("Ingen krav i perioden"),
    "expected_trusts": _("Foretak med krav i perioden"),
    "delivered_of": _("{delivered} av {total} levert"),
    "page": _("Side"),
    "of": _("av"),
    "no_items": _("Rapporten har ingen krav."),
    "no_reports": _("Ingen foretak har rapport for denne perioden."),
    "generated": _("Laget i Styring"),
    "ref": _("Nr."),
    "kind": _("Type"),
    "item": _("Krav"),
    "applies_to": _("Gjelder foretak"),
    "frequency": _("Rapporteringsfrekvens"),
    "deadline": _("Frist"),
    "item_id": _("Krav-ID"),
    "version": _("Versjon (ikke endre)"),
    "measures_now": _("Tiltak (registrert)"),
    "new_measure": _("Nytt tiltak"),
    "new_measure_owner": _("Ansvarlig for nytt tiltak"),
    "new_measure_due": _("Frist for nytt tiltak (dato)"),
    "template": _("Rapporteringsmal"),
    "template_intro": _("Fyll inn status og rapporttekst for hvert krav. Status er én av: {statuses}. "
                        "Ikke endre kolonnene Krav-ID og Nr."),
}
# the models' own labels: statuses, kinds and the kinds of period, each once
CHOICES = {**dict(EntryStatus.choices), **dict(ReportStatus.choices), **dict(Item.Kind.choices),
           PeriodKind.TERTIAL_1: PeriodKind.TERTIAL_1.label, PeriodKind.TERTIAL_2: PeriodKind.TERTIAL_2.label,
           PeriodKind.RISK: PeriodKind.RISK.label}
STATUS_KEYS = tuple(EntryStatus.values)
STATUS_COLOURS = {key: entry_look(key).colour for key in STATUS_KEYS}


def language_for(organisation: Organisation | None, override: str | None = None) -> str:
    """The override if it is bokmål or nynorsk, else the organisation's choice, else bokmål."""
    if override in LANGUAGES:
        return override
    lang = getattr(organisation, "preferred_language", "nb")
    return lang if lang in LANGUAGES else "nb"


class Labels:
    """``L = Labels("nn"); L.not_achieved`` → "Ikkje oppnådd"; ``L["status"]`` also works."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "nb"
        self._cache: dict[str, str] = {}

    def _text(self, lazy: str | Promise) -> str:
        with translation.override(self.language):
            return str(lazy)

    def translate(self, lazy: Promise | str) -> str:
        """A model's lazy label (e.g. ``transitions.history_label(step)``) in the document's language."""
        return self._text(lazy)

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self[key]
        except KeyError as exc:
            raise AttributeError(key) from exc

    def __getitem__(self, key: str) -> str:
        if key not in self._cache:  # a document asks for the same few labels thousands of times
            self._cache[key] = self._text(TEXTS[key] if key in TEXTS else CHOICES[key])
        return self._cache[key]

    def get(self, key: str, default: str = "") -> str:
        return self[key] if key in TEXTS or key in CHOICES else default

    def goal_heading(self, number: int | None) -> str:
        if number in MAIN_GOALS:
            return f"{self.main_goal} {number}: {self._text(MAIN_GOALS[number])}"
        return self.other

    def status_label(self, value: str) -> str:
        return self[value] if value in STATUS_KEYS else self.not_reported

    def period_label(self, period: ReportingPeriod) -> str:
        label = self.get(period.kind, period.get_kind_display())
        if period.kind == PeriodKind.MONTHLY and period.month:
            label = f"{label} ({period.month:02d})"
        return f"{label} {period.year}"

    def document_title(self, period: ReportingPeriod) -> str:
        if period.kind == PeriodKind.ANNUAL:
            return f"{self.annual} {period.year}"
        if period.kind in (PeriodKind.TERTIAL_1, PeriodKind.TERTIAL_2):
            return f"{self.tertial_report} – {self[period.kind]} {period.year}"
        return f"{self.report} – {self.period_label(period)}"

    def modes(self, modes: list[str]) -> str:
        return ", ".join(self._text(ReportingMode(m).label) for m in modes if m in ReportingMode.values)


def in_every_language(key: str) -> set[str]:
    """The label ``key`` in bokmål and nynorsk (what an uploaded sheet may use)."""
    return {Labels(language)[key] for language in LANGUAGES}
