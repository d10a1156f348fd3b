"""Indicator values from CSV and XLSX files in the long format, all rows or none.

Columns (the header row names them, in any order, case and spacing ignored): ``indikator`` (the
series' code: the item id, "412", or item and series, "412-3"; or the external code the owner set on
the series, e.g. a national quality indicator's id, taken from the document of the period's year),
``organisasjon`` (an RHF, trust or hospital by its register code, official name or an alias, case
ignored: "UNN", "Universitetssykehuset Nord-Norge HF", "UNN Tromsø", "Breivika"), ``periode`` ("2024", "2024-T1", "2024-05"), ``verdi``, and optionally
``teller``, ``nevner``, ``kilde`` and ``status`` ("foreløpig"/"endelig"; endelig when empty).

What Norwegian Excel writes is read as it is: semicolon or comma separated, decimal comma or
point, spaces as thousands separators, UTF-8 (with or without BOM) or Windows-1252. Every row is
checked; one bad row rejects the file with a list of the rows and what is wrong with each, and
nothing is saved. The same indicator, organisation and period again replace the value (the history
keeps who changed it, when, and the old value); an unchanged row changes nothing.
"""
from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, cast

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.db.models import Field, Model
from django.utils import timezone

from styring.accounts.types import AnyUser, signed_in
from styring.indicators.models import Indicator, IndicatorValue, ValueStatus
from styring.indicators.periods import Period, PeriodError
from styring.indicators.permissions import may_enter_value
from styring.lib.input import excerpt
from styring.lib.sheets import SheetRefused, bounded, check_workbook, csv_rows
from styring.organisations.models import Organisation, spelling_key

COLUMNS = ("indikator", "organisasjon", "periode", "verdi", "teller", "nevner", "kilde", "status")
REQUIRED = ("indikator", "organisasjon", "periode", "verdi")
STATUSES = {"": ValueStatus.FINAL, "endelig": ValueStatus.FINAL, "final": ValueStatus.FINAL,
            "foreløpig": ValueStatus.PRELIMINARY, "forelopig": ValueStatus.PRELIMINARY,
            "foreløpige": ValueStatus.PRELIMINARY, "preliminary": ValueStatus.PRELIMINARY}
MAX_ERRORS = 200
BATCH = 2000
_LIMIT = Decimal("1e14")


@dataclass
class RowError:
    row: int  # the row's number in the file (the header is row 1)
    message: str

    def __str__(self) -> str:
        return f"Rad {self.row}: {self.message}"


class ImportRejected(Exception):
    """The file was not imported; ``errors`` names each bad row (Norwegian)."""

    def __init__(self, message: str, errors: list[RowError] | None = None, more: int = 0) -> None:
        super().__init__(message)
        self.message, self.errors, self.more = message, errors or [], more


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rows: int = 0


@dataclass
class ValueRow:
    line: int
    indicator_id: int
    organisation_id: int
    period: str
    year: int
    value: Decimal
    numerator: Decimal | None
    denominator: Decimal | None
    source: str
    status: str


# -- reading the file ------------------------------------------------------------------------------


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")  # what Norwegian Excel writes as "CSV (semikolondelt)"


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    text = _decode(data)
    first = text.split("\n", 1)[0]
    delimiter = max([";", ",", "\t"], key=first.count)
    yield from csv_rows(text, delimiter)


def _xlsx_rows(data: bytes) -> Iterator[list]:
    from openpyxl import load_workbook

    check_workbook(data)  # the unpacked sizes, before openpyxl loads anything
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise ImportRejected("Filen kunne ikke leses som et Excel-ark (.xlsx). Lagre den på nytt og prøv igjen.") from exc
    try:
        for row in bounded(workbook.worksheets[0].iter_rows(values_only=True)):
            yield ["" if v is None else v for v in row]
    finally:
        workbook.close()


def rows_of(data: bytes, filename: str = "") -> Iterator[list]:
    """The file's rows as lists of cells: XLSX by its content (a zip file) or name, CSV otherwise."""
    if data[:2] == b"PK" or filename.lower().endswith((".xlsx", ".xlsm")):
        return _xlsx_rows(data)
    if filename.lower().endswith(".xls"):
        raise ImportRejected("Gamle Excel-filer (.xls) kan ikke leses. Lagre som .xlsx eller CSV.")
    return _csv_rows(data)


def to_decimal(cell: object) -> Decimal:
    """A number as Norwegian Excel may write it: "82,5", "1 234,5", "82.5", "82 %", 82.5."""
    if isinstance(cell, (int, float)) and not isinstance(cell, bool):
        return Decimal(str(cell))
    text = re.sub(r"[\s\u00a0\u202f%]", "", str(cell))
    if "," in text and "." in text:  # the later one is the decimal mark
        text = text.replace(".", "").replace(",", ".") if text.rfind(",") > text.rfind(".") else text.replace(",", "")
    else:
        text = text.replace(",", ".")
    text = text.replace("−", "-")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"«{excerpt(cell)}» er ikke et tall") from None
    if not number.is_finite() or abs(number) >= _LIMIT:
        raise ValueError(f"«{excerpt(cell)}» er ikke et gyldig tall")
    return number


# -- checking the rows ---------------------------------------------------------------------------


class _Lookups:
    """Everything a row is checked against, loaded once (a 100 000-row file is checked in memory)."""

    def __init__(self, user: AnyUser) -> None:
        self.indicators: dict[str, tuple[int, set[int]]] = {}
        self.external: dict[str, dict[int, tuple[str, int, set[int]]]] = {}  # external code → pk → (code, year, applies)
        items: dict[int, set[int]] = {}
        recipients = Indicator.objects.filter(item__confirmed=True, item__removed=False).values_list(
            "pk", "item_id", "number", "item__recipients", "item__document__issuers", "external_code",
            "item__document__year")
        for pk, item_id, number, recipient, issuer, external, year in recipients:
            applies = items.setdefault(item_id, set())
            applies.update(o for o in (recipient, issuer) if o)
            code = str(item_id) if number == 0 else f"{item_id}-{number}"
            self.indicators[code] = (pk, applies)
            if external:
                self.external.setdefault(external.strip().casefold(), {})[pk] = (code, year, applies)
        sites: dict[int, set[int]] = {}
        for site, owner in Organisation.owners.through.objects.filter(
                from_organisation__kind=Organisation.Kind.SYKEHUS).values_list("from_organisation_id",
                                                                                "to_organisation_id"):
            sites.setdefault(owner, set()).add(site)
        for applies in items.values():
            applies.update(s for org in list(applies) for s in sites.get(org, ()))
        self.organisations = {code.upper(): pk for code, pk in Organisation.objects.values_list("code", "pk")}
        self.codes = {pk: code for code, pk in self.organisations.items()}
        self.spellings = Organisation.by_spelling()
        allowed = Organisation.objects.filter(pk__in=set(self.organisations.values()))
        self.allowed = {o.pk for o in allowed.prefetch_related("owners") if may_enter_value(user, o)}


def _series(code: str, year: int | None, look: _Lookups) -> tuple[tuple[int, set[int]] | None, str, str]:
    """The series a file names: by its code, or by its external code (the one in the document of the
    period's year when several documents use it). Returns (pk and who it applies to, its code, the
    problem)."""
    found = look.indicators.get(code)
    if found is not None:
        return found, code, ""
    candidates = look.external.get(code.casefold(), {})
    if not candidates:
        return None, code, f"indikator «{excerpt(code)}» finnes ikke blant bekreftede krav (verken som seriens kode eller som ekstern kode)"
    if len(candidates) > 1 and year is not None:
        candidates = {pk: c for pk, c in candidates.items() if c[1] == year} or candidates
    if len(candidates) > 1:
        codes = ", ".join(sorted(c[0] for c in candidates.values()))
        return None, code, f"den eksterne koden «{excerpt(code)}» brukes av flere serier ({codes}); skriv seriens kode i stedet"
    pk, (series_code, _year, applies) = next(iter(candidates.items()))
    return (pk, applies), series_code, ""


def _check(cells: dict[str, object], line: int, look: _Lookups) -> tuple[ValueRow | None, list[str]]:
    problems: list[str] = []
    code = str(cells.get("indikator", "")).strip()
    if re.fullmatch(r"\d+\.0", code):  # Excel turned "412" into 412.0
        code = code[:-2]
    org_text = " ".join(str(cells.get("organisasjon", "")).split())
    period = None
    try:
        period = Period.parse(str(cells.get("periode", "")).strip())
    except PeriodError as exc:
        period_problem = str(exc).rstrip(".").replace("Ugyldig periode", "ugyldig periode", 1)
    else:
        period_problem = ""
    found, shown_code = None, code
    org = look.organisations.get(org_text.upper()) or look.spellings.get(spelling_key(org_text))
    org_code = look.codes.get(org, org_text) if org is not None else org_text
    if not code:
        problems.append("indikator mangler")
    else:
        found, shown_code, problem = _series(code, period.year if period else None, look)
        if problem:
            problems.append(problem)
    if not org_text:
        problems.append("organisasjon mangler")
    elif org is None:
        problems.append(f"organisasjon «{excerpt(org_text)}» finnes ikke i organisasjonsregisteret "
                        "(skriv koden, det offisielle navnet eller et alias)")
    elif org not in look.allowed:
        problems.append(f"du kan ikke registrere verdier for {org_code}")
    elif found is not None and org not in found[1]:
        problems.append(f"indikator {shown_code} gjelder ikke {org_code}")
    if period_problem:
        problems.append(period_problem)
    numbers: dict[str, Decimal | None] = {}
    unreadable = False
    for column in ("verdi", "teller", "nevner"):
        raw = cells.get(column, "")
        numbers[column] = None
        if raw is None or not str(raw).strip():
            if column == "verdi":
                problems.append("verdi mangler")
            continue
        try:
            numbers[column] = to_decimal(raw)
        except ValueError as exc:
            problems.append(f"{column}: {exc}")
            unreadable = True
    if not unreadable and (numbers["teller"] is None) != (numbers["nevner"] is None):
        problems.append("oppgi både teller og nevner, eller ingen av dem")
    denominator = numbers["nevner"]
    if denominator is not None and denominator <= 0:
        problems.append("nevner må være større enn 0")
    status_text = str(cells.get("status", "")).strip().lower()
    if status_text not in STATUSES:
        problems.append(f"status «{excerpt(cells.get('status'))}» er ukjent: skriv «foreløpig» eller «endelig»")
    source = str(cells.get("kilde", "")).strip()
    if len(source) > 200:
        problems.append("kilde er lengre enn 200 tegn")
    if problems or found is None or org is None or period is None or numbers["verdi"] is None:
        return None, problems
    return ValueRow(line, found[0], org, str(period), period.year, numbers["verdi"], numbers.get("teller"),
                numbers.get("nevner"), source, STATUSES[status_text]), []


def read_values(data: bytes, filename: str, user: AnyUser) -> list[ValueRow]:
    """Every row of the file checked; raises ``ImportRejected`` listing the bad rows (or saying which
    limit of ``styring.lib.sheets`` the file passes)."""
    try:
        return _read_values(data, filename, user)
    except SheetRefused as refused:
        raise ImportRejected(refused.message) from None


def _read_values(data: bytes, filename: str, user: AnyUser) -> list[ValueRow]:
    rows = rows_of(data, filename)
    header = next(rows, None)
    if not header or not any(str(h).strip() for h in header):
        raise ImportRejected("Filen er tom. Første rad må være overskriftene: " + ", ".join(COLUMNS) + ".")
    names = [re.sub(r"\s+", "", str(h)).lower() for h in header]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise ImportRejected(
            f"Mangler kolonne{'r' if len(missing) > 1 else ''}: {', '.join(missing)}. Første rad må være "
            f"overskriftene ({', '.join(COLUMNS)}); fant: {excerpt(', '.join(str(h) for h in header if str(h).strip()), 200)}.")
    index = {name: i for i, name in enumerate(names) if name in COLUMNS}
    look = _Lookups(user)
    good: list[ValueRow] = []
    errors: list[RowError] = []
    more = 0
    seen: dict[tuple[int, int, str], int] = {}
    for line, cells in enumerate(rows, start=2):
        if not any(str(c).strip() for c in cells):
            continue  # blank lines (Excel leaves some at the end)
        values = {name: (cells[i] if i < len(cells) else "") for name, i in index.items()}
        row, problems = _check(values, line, look)
        if row is not None:
            key = (row.indicator_id, row.organisation_id, row.period)
            if key in seen:
                problems = [f"samme indikator, organisasjon og periode som rad {seen[key]}"]
            else:
                seen[key] = line
                good.append(row)
        if problems:
            if len(errors) < MAX_ERRORS:
                errors.append(RowError(line, "; ".join(problems)))
            else:
                more += 1
    if errors:
        count = len(errors) + more
        raise ImportRejected(f"Filen ble ikke importert: {count} rad{'er' if count > 1 else ''} har feil. "
                             "Rett radene og last opp hele filen på nytt.", errors, more)
    if not good:
        raise ImportRejected("Filen har ingen verdier under overskriftsraden.")
    return good


# -- saving -------------------------------------------------------------------------------------


def _same(existing: tuple, row: ValueRow) -> bool:
    _, value, numerator, denominator, status, source = existing
    return (value == row.value and numerator == row.numerator and denominator == row.denominator
            and status == row.status and source == row.source)


def save_rows(rows: list[ValueRow], user: AnyUser | None) -> ImportResult:
    """Create or replace the values of checked rows in one transaction, each with its history row
    (who, when, what: the same rows django-simple-history writes)."""
    result = ImportResult(rows=len(rows))
    who = signed_in(user)
    existing: dict[tuple[int, int, str], tuple] = {}
    query = IndicatorValue.objects.filter(
        indicator_id__in={r.indicator_id for r in rows}, organisation_id__in={r.organisation_id for r in rows},
        year__in={r.year for r in rows},
    ).order_by().values_list("indicator_id", "organisation_id", "period", "pk", "value", "numerator", "denominator",
                             "status", "source")
    for ind, org, period, *rest in query.iterator(chunk_size=5000):
        existing[(ind, org, period)] = tuple(rest)
    new, changed = [], []
    for r in rows:
        old = existing.get((r.indicator_id, r.organisation_id, r.period))
        if old is None:
            new.append(r)
        elif _same(old, r):
            result.unchanged += 1
        else:
            changed.append((old[0], r))
    with transaction.atomic():
        _BulkWriter(who).write(new, changed)
    result.created, result.updated = len(new), len(changed)
    return result


def _column(model: type[Model], attname: str) -> str:
    """The database column of a field named by its attribute ("organisation_id" → its column)."""
    field = model._meta.get_field(attname if attname == "id" else attname.removesuffix("_id"))
    return str(cast("Field[Any, Any]", field).column)  # a concrete field: a relation has no column


class _BulkWriter:
    """Inserts and updates values, and their history rows, with ``executemany``.

    A file of 100 000 rows through ``bulk_create_with_history`` spends most of its time in
    Django's per-field preparation (about 20 s); the same rows written as plain parameter tuples
    take a few seconds. The columns come from the models' own field lists, so the rows are exactly
    what the ORM and django-simple-history write."""

    FIELDS = ("indicator_id", "organisation_id", "period", "year", "value", "numerator", "denominator", "status",
              "source", "updated_at", "updated_by_id")

    def __init__(self, user: User | None) -> None:
        self.user_id = user.pk if user is not None else None
        self.now = timezone.now()
        ops = connection.ops
        self.stamp = ops.adapt_datetimefield_value(self.now)
        self.table = connection.ops.quote_name(IndicatorValue._meta.db_table)
        self.history = IndicatorValue.history.model

    def _params(self, r: ValueRow) -> tuple:
        return (r.indicator_id, r.organisation_id, r.period, r.year, r.value, r.numerator, r.denominator, r.status,
                r.source, self.stamp, self.user_id)

    def write(self, new: list[ValueRow], changed: list[tuple[int, ValueRow]]) -> None:
        q = connection.ops.quote_name
        with connection.cursor() as cursor:
            if new:
                columns = ", ".join(q(_column(IndicatorValue, f)) for f in self.FIELDS)
                marks = ", ".join(["%s"] * len(self.FIELDS))
                for start in range(0, len(new), BATCH):
                    cursor.executemany(f"INSERT INTO {self.table} ({columns}) VALUES ({marks})",  # noqa: S608 - quoted model names, values as parameters
                                       [self._params(r) for r in new[start:start + BATCH]])
            if changed:
                sets = ", ".join(f"{q(_column(IndicatorValue, f))} = %s" for f in self.FIELDS[4:])
                for start in range(0, len(changed), BATCH):
                    cursor.executemany(f"UPDATE {self.table} SET {sets} WHERE {q('id')} = %s",  # noqa: S608 - quoted model names, values as parameters
                                       [self._params(r)[4:] + (pk,) for pk, r in changed[start:start + BATCH]])
        ids = {}
        if new:
            keys = {(r.indicator_id, r.organisation_id, r.period) for r in new}
            for pk, ind, org, period in IndicatorValue.objects.filter(
                    indicator_id__in={k[0] for k in keys}, organisation_id__in={k[1] for k in keys},
                    year__in={r.year for r in new}).order_by().values_list("pk", "indicator_id", "organisation_id",
                                                                          "period").iterator(chunk_size=5000):
                if (ind, org, period) in keys:
                    ids[(ind, org, period)] = pk
        self._history([(ids[(r.indicator_id, r.organisation_id, r.period)], r, "+") for r in new]
                      + [(pk, r, "~") for pk, r in changed])

    def _history(self, entries: list[tuple[int, ValueRow, str]]) -> None:
        if not entries:
            return
        q = connection.ops.quote_name
        names = [*self.FIELDS, "id", "history_date", "history_change_reason", "history_type", "history_user_id"]
        columns = ", ".join(q(_column(self.history, n)) for n in names)
        marks = ", ".join(["%s"] * len(names))
        table = q(self.history._meta.db_table)
        with connection.cursor() as cursor:
            for start in range(0, len(entries), BATCH):
                cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", [  # noqa: S608 - quoted model names, values as parameters
                    self._params(r) + (pk, self.stamp, None, kind, self.user_id)
                    for pk, r, kind in entries[start:start + BATCH]])


def import_values(upload: UploadedFile | bytes | str | Path, user: AnyUser, filename: str | None = None) -> ImportResult:
    """Read, check and save a file of values (an uploaded file, bytes or a path)."""
    if isinstance(upload, bytes):
        data, name = upload, filename or ""
    elif hasattr(upload, "read"):
        data, name = upload.read(), filename or getattr(upload, "name", "") or ""
    else:
        with open(upload, "rb") as f:
            data, name = f.read(), filename or str(upload)
    if not data.strip():
        raise ImportRejected("Filen er tom. Første rad må være overskriftene: " + ", ".join(COLUMNS) + ".")
    return save_rows(read_values(data, name, user), user)


def check_value(cells: dict[str, object], user: AnyUser) -> ValueRow:
    """One value entered by hand or over the API, checked by the same rules as a file's rows."""
    row, problems = _check(cells, 1, _Lookups(user))
    if problems:
        message = "; ".join(problems)
        raise ImportRejected(message[:1].upper() + message[1:] + ".", [RowError(1, message)])
    if row is None:  # never: a row without problems is read
        raise ImportRejected("Verdien kunne ikke leses.", [RowError(1, "verdien kunne ikke leses")])
    return row


def save_value(cells: dict[str, object], user: AnyUser) -> tuple[IndicatorValue, bool]:
    """Check and save one value; returns it and whether it was new."""
    row = check_value(cells, user)
    result = save_rows([row], user)
    value = IndicatorValue.objects.get(indicator_id=row.indicator_id, organisation_id=row.organisation_id,
                                       period=row.period)
    return value, result.created == 1
