"""Headings and labels of the generated documents in bokmål and nynorsk."""
from __future__ import annotations

from styring.organisations.models import Organisation
from styring.reporting.models import EntryStatus, entry_look

LANGUAGES = ("nb", "nn")

MAIN_GOALS = {
    "nb": {
        1: "Styrke psykisk helsevern og tverrfaglig spesialisert rusbehandling",
        2: "Styrke forskning, innovasjon og kompetanse og forbedre kvalitet og pasientsikkerhet",
        3: "Rask tilgang til helsetjenester og sammenhengende pasientforløp",
    },
    "nn": {
        1: "Styrkje psykisk helsevern og tverrfagleg spesialisert rusbehandling",
        2: "Styrkje forsking, innovasjon og kompetanse og betre kvalitet og pasienttryggleik",
        3: "Rask tilgang til helsetenester og samanhengande pasientforløp",
    },
}

LABELS = {
    "nb": {
        "annual": "Årlig melding",
        "tertial1": "1. tertial",
        "tertial2": "2. tertial",
        "monthly": "Månedlig rapport",
        "risk": "Risikovurdering",
        "tertial_report": "Tertialrapport",
        "report": "Rapport",
        "consolidated": "Samlet for alle foretak",
        "trust": "Foretak",
        "trusts": "Foretak",
        "owner": "Eier",
        "year": "År",
        "period": "Periode",
        "report_status": "Rapportens status",
        "board": "Styrebehandling",
        "board_case": "Styresak",
        "meeting_date": "møte",
        "decision": "Vedtak",
        "minutes": "Protokoll",
        "not_board_approved": "Ikke styrebehandlet ennå",
        "summary": "Sammendrag av måloppnåelse",
        "main_goal": "Hovedmål",
        "other": "Øvrige krav",
        "total": "Sum",
        "status": "Status",
        "text": "Rapport",
        "deviation": "Forklaring av avvik",
        "expected": "Forventet tid til full måloppnåelse",
        "measures": "Tiltak",
        "measure_owner": "ansvarlig",
        "measure_due": "frist",
        "closed": "lukket",
        "not_reported": "Ikke rapportert",
        "no_items": "Rapporten har ingen krav.",
        "no_reports": "Ingen foretak har rapport for denne perioden.",
        "generated": "Laget i Styring",
        "ref": "Nr.",
        "kind": "Type",
        "item": "Krav",
        "applies_to": "Gjelder foretak",
        "frequency": "Rapporteringsfrekvens",
        "deadline": "Frist",
        "item_id": "Krav-ID",
        "version": "Versjon (ikke endre)",
        "template": "Rapporteringsmal",
        "template_intro": "Fyll inn status og rapporttekst for hvert krav. Status er én av: {statuses}. "
        "Ikke endre kolonnene Krav-ID og Nr.",
        "achieved": "Oppnådd",
        "partly": "Delvis oppnådd",
        "not_achieved": "Ikke oppnådd",
        "goal": "Mål",
        "indicator": "Indikator",
        "assignment": "Oppdrag",
        "draft": "Utkast",
        "submitted": "Sendt (administrativt)",
        "board_approved": "Styrebehandlet",
        "approved": "Godkjent",
        "mode_monthly": "Månedlig",
        "mode_tertial": "Tertialvis",
        "mode_annual": "Årlig melding",
        "mode_deviation": "Avviksrapportering",
        "mode_risk": "Risikovurdering",
    },
    "nn": {
        "annual": "Årleg melding",
        "tertial1": "1. tertial",
        "tertial2": "2. tertial",
        "monthly": "Månadleg rapport",
        "risk": "Risikovurdering",
        "tertial_report": "Tertialrapport",
        "report": "Rapport",
        "consolidated": "Samla for alle føretak",
        "trust": "Føretak",
        "trusts": "Føretak",
        "owner": "Eigar",
        "year": "År",
        "period": "Periode",
        "report_status": "Status for rapporten",
        "board": "Styrehandsaming",
        "board_case": "Styresak",
        "meeting_date": "møte",
        "decision": "Vedtak",
        "minutes": "Protokoll",
        "not_board_approved": "Ikkje styrehandsama enno",
        "summary": "Samandrag av måloppnåing",
        "main_goal": "Hovudmål",
        "other": "Andre krav",
        "total": "Sum",
        "status": "Status",
        "text": "Rapport",
        "deviation": "Forklaring av avvik",
        "expected": "Forventa tid til full måloppnåing",
        "measures": "Tiltak",
        "measure_owner": "ansvarleg",
        "measure_due": "frist",
        "closed": "lukka",
        "not_reported": "Ikkje rapportert",
        "no_items": "Rapporten har ingen krav.",
        "no_reports": "Ingen føretak har rapport for denne perioden.",
        "generated": "Laga i Styring",
        "ref": "Nr.",
        "kind": "Type",
        "item": "Krav",
        "applies_to": "Gjeld føretak",
        "frequency": "Rapporteringsfrekvens",
        "deadline": "Frist",
        "item_id": "Krav-ID",
        "version": "Versjon (ikkje endre)",
        "template": "Rapporteringsmal",
        "template_intro": "Fyll inn status og rapporttekst for kvart krav. Status er éin av: {statuses}. "
        "Ikkje endre kolonnane Krav-ID og Nr.",
        "achieved": "Oppnådd",
        "partly": "Delvis oppnådd",
        "not_achieved": "Ikkje oppnådd",
        "goal": "Mål",
        "indicator": "Indikator",
        "assignment": "Oppdrag",
        "draft": "Utkast",
        "submitted": "Sendt (administrativt)",
        "board_approved": "Styrehandsama",
        "approved": "Godkjend",
        "mode_monthly": "Månadleg",
        "mode_tertial": "Tertialvis",
        "mode_annual": "Årleg melding",
        "mode_deviation": "Avviksrapportering",
        "mode_risk": "Risikovurdering",
    },
}

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

    def __init__(self, language: str):
        self.language = language if language in LANGUAGES else "nb"
        self._labels = LABELS[self.language]

    def __getattr__(self, key: str) -> str:
        try:
            return self._labels[key]
        except KeyError as exc:
            raise AttributeError(key) from exc

    def __getitem__(self, key: str) -> str:
        return self._labels[key]

    def get(self, key: str, default: str = "") -> str:
        return self._labels.get(key, default)

    def goal_heading(self, number: int | None) -> str:
        if number in MAIN_GOALS[self.language]:
            return f"{self._labels['main_goal']} {number}: {MAIN_GOALS[self.language][number]}"
        return self.other

    def status_label(self, value: str) -> str:
        return self._labels.get(value, self._labels["not_reported"]) if value else self._labels["not_reported"]

    def period_label(self, period) -> str:
        label = self._labels.get(period.kind, period.get_kind_display())
        if period.kind == "monthly" and period.month:
            label = f"{label} ({period.month:02d})"
        return f"{label} {period.year}"

    def document_title(self, period) -> str:
        if period.kind == "annual":
            return f"{self.annual} {period.year}"
        if period.kind in ("tertial1", "tertial2"):
            return f"{self.tertial_report} – {self._labels[period.kind]} {period.year}"
        return f"{self.report} – {self.period_label(period)}"

    def modes(self, modes: list[str]) -> str:
        return ", ".join(self._labels[f"mode_{m}"] for m in modes if f"mode_{m}" in self._labels)
