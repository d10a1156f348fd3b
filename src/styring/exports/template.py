"""The reporting template (rapporteringsmal) per trust as DOCX and XLSX, and an XLSX filled in by the
trust uploaded back into its report.

    template_items(organisation, *, year=None, report=None) -> list[Item]
    template_docx(organisation, items, *, title_year, language=None) -> bytes
    template_xlsx(organisation, items, *, title_year, language=None, versions=None, answers=None,
                  measures=None) -> bytes
    report_template_xlsx(report, language=None) -> bytes   (the report's template, its answers filled in)
    import_xlsx(report, file, user) -> ImportResult     (nothing is saved if any row fails)

Columns: Krav-ID, Nr., Hovedmål, Type, Krav, Gjelder foretak, Rapporteringsfrekvens, Frist, then the
columns to fill in: Status, Rapport, Forklaring av avvik, Forventet tid til full måloppnåelse (a
report's template carries what is saved), the measures already registered (read only) and a new
measure (Nytt tiltak, Ansvarlig, Frist), and in a report's template the entry's version.
"""
from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import BinaryIO

from django.core.exceptions import PermissionDenied
from django.db import transaction
from docx.shared import Cm
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from styring.accounts.access import Action, can
from styring.accounts.types import AnyUser
from styring.exports.docx_writer import DocxWriter
from styring.exports.labels import STATUS_KEYS, Labels, in_every_language, language_for
from styring.lib.input import excerpt
from styring.lib.sheets import SheetRefused, bounded, check_workbook
from styring.lib.spreadsheets import set_text
from styring.organisations.models import Organisation
from styring.reporting.entries import add_measure, measures_by_entry, save_entry
from styring.reporting.errors import ConflictError, WorkflowError
from styring.reporting.models import Measure, Report, ReportEntry
from styring.requirements.models import Item

SHEET = "Rapporteringsmal"
# (key, width) of each column; the last four are the trust's to fill in.
COLUMNS = [
    ("item_id", 9), ("ref", 8), ("main_goal", 12), ("kind", 12), ("item", 70), ("applies_to", 22),
    ("frequency", 22), ("deadline", 12), ("status", 18), ("text", 60), ("deviation", 40), ("expected", 30),
    ("measures_now", 45), ("new_measure", 40), ("new_measure_owner", 22), ("new_measure_due", 16),
]
FILL_IN = ("status", "text", "deviation", "expected", "new_measure", "new_measure_owner", "new_measure_due")
ANSWER = ("status", "text", "deviation", "expected")
NEW_MEASURE = ("new_measure", "new_measure_owner", "new_measure_due")
VERSION_COLUMN = ("version", 12)  # a report's template: the entry's version the row was made from
ENTRY_FIELD = {"status": "status", "text": "text", "deviation": "deviation", "expected": "expected_completion"}


def template_items(organisation: Organisation, *, year: int | None = None, report: Report | None = None) -> list[Item]:
    """The items of the template: a report's own items, or every confirmed item of ``year`` the trust
    must act on (as recipient), in the order of the steering documents."""
    if report is not None:
        items = Item.objects.filter(report_entries__report=report)
    else:
        items = Item.objects.confirmed().filter(recipients=organisation)
        if year is not None:
            items = items.filter(document__year=year)
    return list(
        items.distinct()
        .select_related("document")
        .prefetch_related("recipients")
        .order_by("main_goal", "document__year", "document_id", "order", "pk")
    )


def _row(L: Labels, item: Item) -> dict[str, str | int]:
    return {
        "item_id": item.pk,
        "ref": item.ref,
        "main_goal": str(item.main_goal) if item.main_goal else L.other,
        "kind": L.get(item.kind, item.get_kind_display()),
        "item": item.text,
        "applies_to": ", ".join(sorted(o.code for o in item.recipients.all())),
        "frequency": L.modes(item.reporting or []),
        "deadline": ", ".join(item.deadlines or []),
    }


def template_title(L: Labels, organisation: Organisation, year: int | None) -> str:
    return f"{L.template} {year or ''} – {organisation.name}".replace("  ", " ")


def _date(value: dt.date | None) -> str:
    return value.strftime("%d.%m.%Y") if value else ""


def report_template_xlsx(report: Report, language: str | None = None) -> bytes:
    """The template for exactly this report's items, with what the trust has saved: status, report
    text, deviation, expected completion, the measures registered, and each entry's version."""
    entries = list(ReportEntry.objects.filter(report=report).only(
        "id", "item_id", "version", "status", "text", "deviation", "expected_completion"))
    L = Labels(language_for(report.organisation, language))
    answers = {e.item_id: {"status": L[e.status] if e.status in STATUS_KEYS else "", "text": e.text,
                           "deviation": e.deviation, "expected": e.expected_completion} for e in entries}
    by_entry = measures_by_entry(entries, report.organisation_id, report.pk)
    closed = L.closed
    measures = {
        e.item_id: "\n".join(f"{m.description} – {L.measure_owner}: {m.owner}, {L.measure_due} {_date(m.due_date)}"
                             + (f" ({closed})" if m.closed_at else "") for m in by_entry.get(e.pk, ()))
        for e in entries
    }
    return template_xlsx(report.organisation, template_items(report.organisation, report=report),
                         title_year=report.period.year, language=language,
                         versions={e.item_id: e.version for e in entries}, answers=answers, measures=measures)


def template_xlsx(organisation: Organisation, items: list[Item], *, title_year: int | None = None,
                  language: str | None = None, versions: dict[int, int] | None = None,
                  answers: dict[int, dict[str, str]] | None = None, measures: dict[int, str] | None = None) -> bytes:
    """The template as XLSX, written row by row (openpyxl's write-only mode keeps memory flat however
    many items). With ``versions`` ({item id: entry version}, a report's template) each row carries
    the version it was made from, so an upload over a newer save is refused row by row; ``answers``
    ({item id: {status, text, deviation, expected}}) and ``measures`` ({item id: text}) fill in what
    is saved."""
    L = Labels(language_for(organisation, language))
    columns = COLUMNS + ([VERSION_COLUMN] if versions is not None else [])
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    header_row = 4
    last = header_row + max(len(items), 1)
    for col, (_key, width) in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = f"C{header_row + 1}"
    status_col = get_column_letter([k for k, _ in columns].index("status") + 1)
    validation = DataValidation(
        type="list", formula1='"' + ",".join(L[k] for k in STATUS_KEYS) + '"', allow_blank=True,
        showErrorMessage=True, errorTitle=L.status, error=", ".join(L[k] for k in STATUS_KEYS),
    )
    validation.add(f"{status_col}{header_row + 1}:{status_col}{last}")
    ws.data_validations.append(validation)
    ws.auto_filter.ref = f"A{header_row}:{get_column_letter(len(columns))}{last}"

    def cell(value: object, **style: object) -> WriteOnlyCell:
        made = WriteOnlyCell(ws)
        set_text(made, value)
        for name, v in style.items():
            setattr(made, name, v)
        return made

    ws.append([cell(template_title(L, organisation, title_year), font=Font(bold=True, size=14))])
    ws.append([cell(L.template_intro.format(statuses=", ".join(L[k] for k in STATUS_KEYS)))])
    ws.append([])
    fill, bold = PatternFill("solid", fgColor="FFF3CD"), Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.append([cell(L[key], font=bold, alignment=wrap, **({"fill": fill} if key in FILL_IN else {}))
               for key, _ in columns])
    for item in items:
        values = _row(L, item)
        if versions is not None:
            values["version"] = versions.get(item.pk, "")
        if answers and item.pk in answers:
            values.update(answers[item.pk])
        if measures and item.pk in measures:
            values["measures_now"] = measures[item.pk]
        ws.append([cell(values.get(key, ""), alignment=wrap) for key, _ in columns])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def template_docx(organisation: Organisation, items: list[Item], *, title_year: int | None = None,
                  language: str | None = None) -> bytes:
    L = Labels(language_for(organisation, language))
    w = DocxWriter(title=template_title(L, organisation, title_year), language=L.language)
    w.a4(landscape=True, margin=Cm(1.5))
    w.heading(template_title(L, organisation, title_year), 0)
    w.paragraph(L.template_intro.format(statuses=", ".join(L[k] for k in STATUS_KEYS)))
    groups: dict[int | None, list[Item]] = {}
    for item in items:
        groups.setdefault(item.main_goal, []).append(item)
    keys = ["ref", "kind", "item", "applies_to", "frequency", "deadline", "status", "text"]
    for goal in sorted(groups, key=lambda g: (g is None, g or 0)):
        w.heading(L.goal_heading(goal), 1)
        rows = []
        for item in groups[goal]:
            values = _row(L, item)
            rows.append([values.get(k, "") for k in keys])
        w.table([L[k] for k in keys], rows, min_chars=[0, 0, 40, 0, 0, 0, 16, 40])  # room to write by hand
    if not items:
        w.paragraph(L.no_items)
    return w.to_bytes()


# --- upload -------------------------------------------------------------------------------------


@dataclass
class RowError:
    row: int | None
    message: str
    # a row refused because the entry changed since the sheet was made: (label, in the sheet, saved now)
    # for each answer that differs, shown on the page so nothing typed is lost from sight
    texts: list[tuple[str, str, str]] = field(default_factory=list)

    def __str__(self) -> str:
        return f"Rad {self.row}: {self.message}" if self.row else self.message


@dataclass
class ImportResult:
    saved: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _status_lookup() -> dict[str, str]:
    """A status as written in a sheet (its key, or its label in bokmål or nynorsk) → its key."""
    lookup = {value: value for value in STATUS_KEYS}
    for key in STATUS_KEYS:
        for label in in_every_language(key):
            lookup[label.lower()] = key
    return lookup


def _header_map(ws: Worksheet) -> tuple[int, dict[str, int]] | None:
    """The header row (within the first 10 rows) and the column of each known header, nb or nn."""
    names = {}
    for key, _ in (*COLUMNS, VERSION_COLUMN):
        for label in in_every_language(key):
            names[label.strip().lower()] = key
    for r, row in enumerate(ws.iter_rows(min_row=1, max_row=10, values_only=True), start=1):
        found: dict[str, int] = {}
        for c, value in enumerate(row):
            known = names.get(str(value).strip().lower()) if value is not None else None
            if known and known not in found:
                found[known] = c
        if "status" in found and "text" in found and ("item_id" in found or "ref" in found):
            return r, found
    return None


def _cell(row: Sequence, cols: dict[str, int], key: str) -> str:
    c = cols.get(key)
    if c is None or c >= len(row) or row[c] is None:
        return ""
    value = row[c]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def import_xlsx(report: Report, file: BinaryIO, user: AnyUser) -> ImportResult:
    """Read a filled-in template into ``report``'s entries, row by row.

    Every row is validated first (unknown number or id, an item that is not in this report, an
    invalid status, the same item twice); if any row fails, nothing is saved and the result lists
    every error with its row number. Empty cells leave the saved value as it is. Raises
    ``PermissionDenied`` if ``user`` may not report for the trust.
    """
    if not can(user, Action.REPORT, report.organisation_id):
        raise PermissionDenied("Bare rapportøren i helseforetaket kan laste opp rapporten.")
    result = ImportResult()
    if report.is_locked:
        result.errors.append(RowError(None, f"Rapporten har status «{report.get_status_display()}» og er låst; "
                                            "den kan ikke endres."))
        return result
    try:
        check_workbook(file)  # the limits of every spreadsheet import, before openpyxl opens it
        planned = _read_rows(report, file, result)
    except SheetRefused as refused:
        result.errors = [RowError(None, refused.message)]
        return result
    except Exception:  # a sheet openpyxl cannot read (defusedxml refuses DTDs and entities)
        result.errors = [RowError(None, "Filen kan ikke leses som et Excel-ark (.xlsx). Bruk malen fra Styring.")]
        return result
    if result.errors:
        return result
    try:
        with transaction.atomic():
            for r, entry, data, expected_version, new_measure in planned:
                try:
                    if data:
                        save_entry(entry, user, data, expected_version=expected_version)
                    if new_measure:
                        add_measure(entry, user, **new_measure)
                except ConflictError as conflict:
                    raise _RowFailed(r, "punktet ble endret av en annen under opplastingen; prøv igjen. "
                                        "Teksten fra arket og den lagrede står under.",
                                     _refused_texts(conflict.current, data)) from None
                except WorkflowError as exc:
                    raise _RowFailed(r, " ".join([exc.message, *exc.errors])) from None
                result.saved += 1
    except _RowFailed as failed:
        result.errors.append(RowError(failed.row, failed.message, failed.texts))
        result.saved = 0
    return result


DATE_FORMATS = ("%d.%m.%Y", "%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%d.%m.%y", "%d/%m/%Y")


def _parse_date(value: str) -> dt.date | None:
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(value.strip(), fmt).date()  # noqa: DTZ007 - a calendar date: no time, no zone
        except ValueError:
            continue
    return None


def _as_downloaded(entry: ReportEntry, version: int, data: dict) -> bool:
    """Whether ``data`` (from a row made at ``version``) is what the entry held at that version."""
    then = entry.history.filter(version=version).order_by("-history_date").first()
    return then is not None and all((getattr(then, k) or "").strip() == (v or "").strip() for k, v in data.items())


def _new_measure(values: dict[str, str], row: int, result: ImportResult) -> dict | None:
    """The new measure of a row (description, owner, due date), or errors in ``result``."""
    description, owner, due = (values[k] for k in NEW_MEASURE)
    problems = []
    if not description:
        problems.append("nytt tiltak mangler beskrivelse")
    if not owner:
        problems.append("nytt tiltak mangler ansvarlig")
    due_date = _parse_date(due) if due else None
    if not due:
        problems.append("nytt tiltak mangler frist")
    elif due_date is None:
        problems.append(f"fristen «{excerpt(due)}» for nytt tiltak er ikke en dato (skriv f.eks. 30.06.2025)")
    if problems:
        result.errors.append(RowError(row, "; ".join(problems) + "."))
        return None
    return {"description": description, "owner": owner, "due_date": due_date}


def _read_rows(report: Report, file: BinaryIO, result: ImportResult) -> list[tuple[int, ReportEntry, dict, int, dict | None]]:
    """Every filled-in row as (row number, entry, values to save, the version it was made from);
    problems go to ``result.errors``. A row without a version (a year's template) is checked
    against the entry's version now."""
    wb = load_workbook(file, read_only=True, data_only=True)
    ws = wb[SHEET] if SHEET in wb.sheetnames else wb.worksheets[0]
    found = _header_map(ws)
    if found is None:
        result.errors.append(RowError(None, "Fant ikke overskriftsraden (Krav-ID/Nr., Status, Rapport). "
                                            "Bruk malen fra Styring og ikke endre overskriftene."))
        return []
    header_row, cols = found
    entries = {e.item_id: e for e in ReportEntry.objects.filter(report=report).select_related("item")}
    by_ref: dict[str, list[ReportEntry]] = {}
    for e in entries.values():
        if e.item.ref:
            by_ref.setdefault(e.item.ref.strip().lower(), []).append(e)
    statuses = _status_lookup()
    valid_statuses = ", ".join(Labels("nb")[k] for k in STATUS_KEYS)
    planned: list[tuple[int, ReportEntry, dict, int, dict | None]] = []
    seen: dict[int, int] = {}
    for r, row in enumerate(bounded(ws.iter_rows(min_row=header_row + 1, values_only=True), header_row + 1),
                            start=header_row + 1):
        values = {key: _cell(row, cols, key) for key, _ in (*COLUMNS, VERSION_COLUMN)}
        if not any(values[k] for k in FILL_IN):
            continue  # nothing filled in on this row
        errors_before = len(result.errors)
        entry: ReportEntry | None = None
        raw_id, ref = values["item_id"], values["ref"]
        if raw_id:
            # an id is at most 18 digits (a longer number would overflow the database's integer)
            item_id = int(raw_id) if raw_id.isdigit() and len(raw_id) <= 18 else None
            item = Item.objects.filter(pk=item_id).first() if item_id else None
            if item is None:
                result.errors.append(RowError(r, f"ukjent krav-ID «{excerpt(raw_id)}»."))
            elif ref and item.ref.strip().lower() != ref.lower():
                result.errors.append(RowError(r, f"nummer «{excerpt(ref)}» passer ikke med krav-ID {raw_id} (nr. «{item.ref}»)."))
            elif item.pk not in entries:
                result.errors.append(RowError(r, f"krav {item.ref or item.pk} er ikke med i denne rapporten."))
            else:
                entry = entries[item.pk]
        elif ref:
            matches = by_ref.get(ref.lower(), [])
            if len(matches) == 1:
                entry = matches[0]
            elif len(matches) > 1:
                result.errors.append(RowError(r, f"nummer «{excerpt(ref)}» finnes flere ganger i rapporten; fyll inn krav-ID."))
            elif Item.objects.confirmed().applying_to(report.organisation).filter(ref__iexact=ref).exists():
                result.errors.append(RowError(r, f"krav {ref} er ikke med i denne rapporten."))
            else:
                result.errors.append(RowError(r, f"ukjent nummer «{excerpt(ref)}»."))
        else:
            result.errors.append(RowError(r, "mangler krav-ID og nummer."))
        status = ""
        if values["status"]:
            status = statuses.get(values["status"].lower(), "")
            if not status:
                result.errors.append(RowError(r, f"ugyldig status «{excerpt(values['status'])}» (bruk {valid_statuses})."))
        if entry is not None:
            if entry.item_id in seen:
                result.errors.append(RowError(r, f"krav {entry.item.ref or entry.item_id} står også på rad {seen[entry.item_id]}."))
            seen.setdefault(entry.item_id, r)
        new_measure = _new_measure(values, r, result) if any(values[k] for k in NEW_MEASURE) else None
        if entry is None or len(result.errors) != errors_before:
            continue
        # only what differs from what is saved (a report's template carries the saved answers)
        data = {ENTRY_FIELD[k]: values[k] for k in ("text", "deviation", "expected")
                if values[k] and values[k] != (getattr(entry, ENTRY_FIELD[k]) or "").strip()}
        if status and status != entry.status:
            data["status"] = status
        if new_measure and Measure.objects.filter(
            organisation_id=report.organisation_id, item_id=entry.item_id, closed_at__isnull=True,
            description=new_measure["description"],
        ).exists():
            new_measure = None  # the same sheet uploaded again: the measure is there already
        if not data and not new_measure:
            continue
        expected_version = entry.version
        if data and values["version"]:
            sheet_version = int(values["version"]) if values["version"].isdigit() else None
            if sheet_version != entry.version and sheet_version and _as_downloaded(entry, sheet_version, data):
                data = {}  # the row holds what was saved when the sheet was made: the user did not change it
                if not new_measure:
                    continue
            elif sheet_version != entry.version:
                result.errors.append(RowError(r, f"krav {entry.item.ref or entry.item_id} er endret i Styring etter at "
                                                 f"arket ble lastet ned (versjon {values['version']} i arket, "
                                                 f"{entry.version} nå). Last ned malen på nytt og fyll inn igjen; "
                                                 "teksten fra arket og den lagrede står under.",
                                              _refused_texts(entry, data)))
                continue
            else:
                expected_version = entry.version
        planned.append((r, entry, data, expected_version, new_measure))
    wb.close()
    return planned


class _RowFailed(Exception):
    def __init__(self, row: int, message: str, texts: list[tuple[str, str, str]] | None = None) -> None:
        super().__init__(message)
        self.row = row
        self.message = message
        self.texts = texts or []


def _refused_texts(entry: ReportEntry, data: dict) -> list[tuple[str, str, str]]:
    """What a refused row held against what is saved: (label, the sheet's, the saved), for each
    answer of the row that differs (a status as its label)."""
    L = Labels("nb")
    shown = []
    for key, name in ENTRY_FIELD.items():
        if name not in data:
            continue
        sheet, saved = data[name] or "", getattr(entry, name) or ""
        if key == "status":
            sheet, saved = (L[v] if v else "–" for v in (sheet, saved))
        if sheet.strip() != saved.strip():
            shown.append((L[key], sheet, saved))
    return shown
