"""Importing a steering document: file → text → extraction → unconfirmed items, in one transaction.

Also what happens around an import: a revised version replacing its predecessor (keeping
confirmed work and anything reported on), a supplementary document joining the year's main
document, and the comparison with last year's document from the same issuer.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from styring.accounts.types import AnyUser, signed_in
from styring.documents.models import Allocation, ReportingDeadline, SteeringDocument
from styring.lib.history import authored
from styring.lib.input import excerpt
from styring.organisations.models import Organisation
from styring.requirements.links import suggest_links
from styring.requirements.matching import Entry, match
from styring.requirements.models import Item, ReportingMode

__all__ = ["ImportRejected", "import_document", "confirm_document", "carry_over", "guess_kind"]


class ImportRejected(Exception):
    """The document cannot be imported; the message says why and what to do, in Norwegian."""


ExtractionError = ImportRejected  # what callers catch: every import failure, the extractor's included


def read_and_extract(path: Path, filename: str) -> tuple[str, dict]:
    """The file's text and the extractor's result (extraction-contract.md); the extractor's
    ``ExtractionError`` becomes ``ImportRejected`` with its Norwegian message."""
    from styring.extraction import extract
    from styring.extraction.errors import ExtractionError as ExtractorError
    from styring.extraction.readers import read_document

    try:
        document = read_document(path)
        return document.text, extract(document.text, filename=filename, hints=document.hints)
    except ExtractorError as exc:
        raise ImportRejected(str(exc)) from exc
    except Exception as exc:  # the extractor promises ExtractionError; anything else is still the file's fault
        raise ImportRejected(
            "Dokumentet kunne ikke leses. Kontroller at filen er en tekst-PDF, DOCX eller ren tekst og ikke er skadet."
        ) from exc

MAIN_KINDS = [
    SteeringDocument.Kind.OPPDRAGSDOKUMENT,
    SteeringDocument.Kind.STYRINGSKRAV,
    SteeringDocument.Kind.BESTILLING_FELLESEID,
]
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def max_upload_bytes() -> int:
    return int(getattr(settings, "STYRING_MAX_UPLOAD_BYTES", 50 * 1024 * 1024))


def _megabytes(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",").replace(",0", "")


def guess_kind(text: str) -> str:
    """The document type from the words of its first pages (the extractor leaves this to us)."""
    head = text[:6000].lower()
    if "annen oppgave" in head or "tilleggsdokument" in head or "informasjon til øvrige" in head:
        return SteeringDocument.Kind.TILLEGGSDOKUMENT
    if "felleseid" in head:
        return SteeringDocument.Kind.BESTILLING_FELLESEID
    if "målbilde" in head or re.search(r"\bmål for [a-zæøå]", head) and "vil at" in head:
        return SteeringDocument.Kind.MALBILDE
    if "oppdragsdokument" in head and "styringskrav" not in head:
        return SteeringDocument.Kind.OPPDRAGSDOKUMENT
    if "protokoll" in head and "foretaksmøte" in head and "styringskrav" not in head:
        return SteeringDocument.Kind.FORETAKSPROTOKOLL
    return SteeringDocument.Kind.STYRINGSKRAV


def _safe_name(name: str) -> str:
    """The upload's own file name, without any path or characters a file system may refuse."""
    stem, suffix = Path(name).stem, Path(name).suffix.lower()
    stem = re.sub(r"[^\w\-. ]", "_", stem).strip(" .")[:120] or "dokument"
    return stem + re.sub(r"[^\w.]", "", suffix)[:10]


class _Source:
    """The file to import as a path on disk (uploads are spooled to a temporary file)."""

    def __init__(self, source: str | os.PathLike[str] | File) -> None:
        self._tmp: str | None = None
        if isinstance(source, (str, os.PathLike)):
            self.path = Path(source)
            self.name = self.path.name
            if not self.path.is_file():
                raise ImportRejected(f"Fant ikke filen «{self.path}». Sjekk filnavnet og prøv igjen.")
            self.size = self.path.stat().st_size
        else:
            self.name = Path(getattr(source, "name", "") or "dokument").name
            declared: int | None = getattr(source, "size", None)
            if declared is not None and declared > max_upload_bytes():
                self.size = declared  # the message names it
                self._too_large()
            # The file keeps its own name in a private folder: the extractor's messages name it.
            self._tmp = tempfile.mkdtemp(prefix="styring-import-")
            self.path = Path(self._tmp) / _safe_name(self.name)
            written = 0
            with open(self.path, "wb") as out:
                chunks = source.chunks() if hasattr(source, "chunks") else iter(lambda: source.read(1 << 20), b"")
                for chunk in chunks:
                    written += len(chunk)
                    if written > max_upload_bytes():
                        break
                    out.write(chunk)
            self.size = written
        if self.size > max_upload_bytes():
            self._too_large()
        if self.size == 0:
            raise ImportRejected("Filen er tom. Velg dokumentet på nytt og last det opp igjen.")

    def _too_large(self):
        self.close()
        raise ImportRejected(
            f"Filen er for stor ({_megabytes(self.size)} MB). Største tillatte størrelse er "
            f"{_megabytes(max_upload_bytes())} MB. Del dokumentet opp eller last opp en versjon uten bilder."
        )

    def sha256(self) -> str:
        digest = hashlib.sha256()
        with open(self.path, "rb") as f:
            for chunk in iter(lambda: f.read(1 << 20), b""):
                digest.update(chunk)
        return digest.hexdigest()

    def close(self) -> None:
        if self._tmp:
            shutil.rmtree(self._tmp, ignore_errors=True)
            self._tmp = None


def _organisations(codes: Iterable[str]) -> list[Organisation]:
    codes = [c.strip().upper() for c in codes if c and c.strip()]
    found = {o.code.upper(): o for o in Organisation.objects.filter(code__in=codes)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        raise ImportRejected(f"Ukjent utsteder: {excerpt(', '.join(unknown))}. Bruk koden fra organisasjonsregisteret (f.eks. HN).")
    return [found[c] for c in codes]


def _saved(obj: M, user: AnyUser | None) -> M:
    authored(obj, user).save()
    return obj


M = TypeVar("M", bound=Model)


def _iso_dates(values: Iterable[Any] | None) -> list[str]:
    return sorted({v for v in values or [] if isinstance(v, str) and _ISO.match(v)})


def _reporting(values: Iterable[Any] | None) -> list[str]:
    return [v for v in dict.fromkeys(values or []) if v in ReportingMode.values]


def import_document(
    uploaded_file_or_path: str | os.PathLike[str] | File,
    *,
    issuer_codes: Iterable[str],
    year: int,
    user: AnyUser | None = None,
    kind: str | None = None,
    title: str | None = None,
    supplements: SteeringDocument | None = None,
    supersedes: SteeringDocument | None = None,
) -> SteeringDocument:
    """Import one document as unconfirmed items; raises ``ImportRejected`` (Norwegian message)
    for every bad input, leaving neither rows nor a stored file behind."""
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise ImportRejected("Året må være et tall, for eksempel 2024.") from None
    if not 2000 <= year <= 2100:
        raise ImportRejected("Året må være mellom 2000 og 2100.")
    issuers = _organisations(issuer_codes if not isinstance(issuer_codes, str) else issuer_codes.split(","))
    if not issuers:
        raise ImportRejected("Velg hvem som har utstedt dokumentet.")
    if kind and kind not in SteeringDocument.Kind.values:
        raise ImportRejected(f"Ukjent dokumenttype «{kind}».")

    source = _Source(uploaded_file_or_path)
    try:
        text, result = read_and_extract(source.path, source.name)
        if not result.get("items"):
            raise ImportRejected(
                "Fant ingen krav i dokumentet (mål, indikatorer eller oppdrag). Kontroller at det er et styringsdokument."
            )
        digest = source.sha256()
        duplicate = SteeringDocument.objects.filter(sha256=digest, issuers__in=issuers, year=year).first()
        if duplicate and supersedes is None:
            raise ImportRejected(
                f"Dette dokumentet er allerede importert som «{duplicate.title}». Åpne det fra dokumentlisten."
            )
        stored: list[str] = []
        try:
            with transaction.atomic():
                document = _create(
                    result, text, source, digest, issuers=issuers, year=year, user=user, kind=kind, title=title,
                    supplements=supplements, supersedes=supersedes, stored=stored,
                )
        except Exception:
            for name in stored:
                default_storage.delete(name)
            raise
        return document
    finally:
        source.close()


def _item_review(review: object) -> dict:
    """The extractor's confidence in an item and its reasons, as the item's fields."""
    if not isinstance(review, dict):
        return {}
    try:
        confidence = min(1.0, max(0.0, float(review.get("confidence", 1.0))))
    except (TypeError, ValueError):
        confidence = 1.0
    reasons = [str(r)[:300] for r in review.get("reasons") or [] if r][:10]
    return {"confidence": confidence, "review_notes": reasons}


def _document_review(review: object) -> dict:
    """The extractor's notes on the document's issuer and addressees, kept as they came."""
    if not isinstance(review, dict):
        return {}
    out = {}
    for name in ("issuer", "addressees"):
        note = review.get(name)
        if isinstance(note, dict):
            try:
                out[name] = {"confidence": float(note.get("confidence", 1.0)), "reason": str(note.get("reason", ""))[:300]}
            except (TypeError, ValueError):
                continue
    return out


def _create(result: dict[str, Any], text: str, source: _Source, digest: str, *, issuers: list[Organisation], year: int,
            user: AnyUser | None, kind: str | None, title: str | None, supplements: SteeringDocument | None,
            supersedes: SteeringDocument | None, stored: list[str]) -> SteeringDocument:
    kind = kind or (supersedes.kind if supersedes is not None else guess_kind(text))
    language = (result.get("document") or {}).get("language") or "nb"
    if supplements is None and kind == SteeringDocument.Kind.TILLEGGSDOKUMENT:
        supplements = main_document(issuers, year)
    document = SteeringDocument(
        title=(title or "").strip() or default_title(kind, year, issuers),
        kind=kind,
        year=year,
        language=language if language in SteeringDocument.Language.values else "nb",
        original_filename=source.name[:300],
        file_format=Path(source.name).suffix.lower().lstrip(".")[:10],
        sha256=digest,
        text=text,
        supersedes=supersedes,
        supplements=supplements,
        created_by=signed_in(user),
        review=_document_review((result.get("document") or {}).get("review")),
    )
    _saved(document, user)
    document.issuers.set(issuers)

    codes = {o.code: o for o in Organisation.objects.all()}
    addressees: set[Organisation] = set()
    items: list[Item] = []
    for order, data in enumerate(result["items"], start=1):
        recipients = [codes[c] for c in data.get("recipients") or [] if c in codes]
        informed = [codes[c] for c in data.get("informed") or [] if c in codes]
        addressees.update(recipients + informed)
        item = Item(
            document=document,
            order=order * 10,
            kind=data.get("kind") if data.get("kind") in Item.Kind.values else Item.Kind.ASSIGNMENT,
            ref=(data.get("ref") or "")[:20],
            main_goal=data.get("main_goal") if data.get("main_goal") in (1, 2, 3) else None,
            text=(data.get("shown_text") or data.get("text") or "").strip(),  # without footnote marks
            lead=codes.get(data.get("lead") or ""),
            deadlines=_iso_dates(data.get("deadlines")),
            reporting=_reporting(data.get("reporting")),
            source_spans=[
                {"start": int(s["start"]), "end": int(s["end"])}
                for s in data.get("source") or []
                if isinstance(s, dict) and 0 <= int(s.get("start", -1)) <= int(s.get("end", -1)) <= len(text)
            ],
            **_item_review(data.get("review")),
        )
        _saved(item, user)
        item.recipients.set(recipients)
        item.informed.set(informed)
        items.append(item)
    document.addressees.set(addressees - set(issuers))

    for row in result.get("reporting_deadlines") or []:
        try:
            date = dt.date.fromisoformat(row["date"])
        except (KeyError, TypeError, ValueError):
            continue
        _saved(ReportingDeadline(document=document, date=date, label=(row.get("what") or "")[:300]), user)
    for row in result.get("allocations") or []:
        payer, receiver = codes.get(row.get("from") or ""), codes.get(row.get("to") or "")
        if payer is None or receiver is None or not isinstance(row.get("amount_nok"), int):
            continue
        _saved(
            Allocation(
                document=document, payer=payer, receiver=receiver, amount_nok=row["amount_nok"],
                year=row.get("year") or year, purpose=(row.get("purpose") or "")[:300],
            ),
            user,
        )

    if supersedes is not None:
        apply_revision(document, supersedes, items, user)
    compare_with_previous_year(document, user)
    suggest_links(document, user)  # the cascade: what each item carries out, for owner staff to confirm

    with open(source.path, "rb") as f:
        document.file.save(f"{digest[:16]}.{document.file_format or 'bin'}", File(f), save=False)
    stored.append(document.file.name or "")
    _saved(document, user)
    return document


def default_title(kind: str, year: int, issuers: list[Organisation]) -> str:
    label = SteeringDocument.Kind(kind).label.split(" / ")[0]
    return f"{label} {year} – {', '.join(o.name for o in issuers)}"


def main_document(issuers: Iterable[Organisation], year: int) -> SteeringDocument | None:
    """The year's current main document from these issuers (what a tilleggsdokument supplements)."""
    return (
        SteeringDocument.objects.filter(issuers__in=issuers, year=year, kind__in=MAIN_KINDS, superseded_by__isnull=True)
        .distinct()
        .order_by("-created_at")
        .first()
    )


def apply_revision(new: SteeringDocument, old: SteeringDocument, new_items: list[Item], user: AnyUser | None) -> None:
    """Carry the old version's work into the new one.

    A matched old item moves to the new document (same row, so confirmations, report entries
    and history stay with it) and takes the new text and sources; the new row is dropped. When
    the text changed it is marked altered and needs confirming again, but the reviewer's
    corrections (kind, number, hovedmål, recipients, informed, lead) of a confirmed item are kept.
    Old items without a counterpart are marked removed, never deleted.
    """
    old_items = list(old.items.current().prefetch_related("recipients", "informed"))
    pairs = match(
        [Entry(i, o.ref, o.text) for i, o in enumerate(old_items)],
        [Entry(i, n.ref, n.text) for i, n in enumerate(new_items)],
    )
    matched_old: set[int] = set()
    for new_index, (old_index, _score) in pairs.items():
        fresh, kept = new_items[new_index], old_items[old_index]
        matched_old.add(old_index)
        altered = kept.text.strip() != fresh.text.strip()
        reviewed = kept.confirmed
        kept.document = new
        kept.order = fresh.order
        kept.source_spans = fresh.source_spans
        kept.revision_status = Item.RevisionStatus.ALTERED if altered else Item.RevisionStatus.UNCHANGED
        if altered:
            kept.previous_text = kept.text
            kept.text = fresh.text
            kept.deadlines = fresh.deadlines
            kept.reporting = fresh.reporting
            kept.confirmed = False
            kept.confirmed_at = None
            kept.confirmed_by = None
            if not reviewed:
                kept.kind, kept.ref, kept.main_goal, kept.lead = fresh.kind, fresh.ref, fresh.main_goal, fresh.lead
                _saved(kept, user)
                kept.recipients.set(fresh.recipients.all())
                kept.informed.set(fresh.informed.all())
            else:
                _saved(kept, user)
        else:
            _saved(kept, user)
        authored(fresh, user)
        fresh.delete()
    for index, n in enumerate(new_items):
        if index not in pairs:
            n.revision_status = Item.RevisionStatus.NEW
            _saved(n, user)
    for index, o in enumerate(old_items):
        if index not in matched_old:
            o.removed = True
            _saved(o, user)


def previous_year_document(document: SteeringDocument) -> SteeringDocument | None:
    """Last year's current document from the same issuer (same kind preferred, else a main kind)."""
    issuers = list(document.issuers.all())
    candidates = (
        SteeringDocument.objects.filter(issuers__in=issuers, year=document.year - 1, superseded_by__isnull=True)
        .exclude(pk=document.pk)
        .distinct()
    )
    return (
        candidates.filter(kind=document.kind).order_by("-created_at").first()
        or (candidates.filter(kind__in=MAIN_KINDS).order_by("-created_at").first() if document.kind in MAIN_KINDS else None)
    )


def compare_with_previous_year(document: SteeringDocument, user: AnyUser | None = None) -> SteeringDocument | None:
    """Mark each item new or recurring (also when reworded) against last year's document."""
    previous = previous_year_document(document)
    if previous is None:
        return None
    document.previous_year = previous
    _saved(document, user)
    old_items = list(previous.items.current())
    new_items = list(document.items.current())
    pairs = match(
        [Entry(i, o.ref, o.text) for i, o in enumerate(old_items)],
        [Entry(i, n.ref, n.text) for i, n in enumerate(new_items)],
    )
    for index, item in enumerate(new_items):
        if item.previous_year_item_id and item.year_status:
            continue  # carried over by hand, or kept from an earlier version
        if index in pairs:
            item.previous_year_item = old_items[pairs[index][0]]
            item.year_status = Item.YearStatus.RECURRING
        else:
            item.previous_year_item = None
            item.year_status = Item.YearStatus.NEW
        _saved(item, user)
    return previous


def dropped_items(document: SteeringDocument):
    """Last year's items that have no counterpart in this document."""
    if document.previous_year is None:
        return Item.objects.none()
    followed = document.items.current().exclude(previous_year_item=None).values("previous_year_item")
    return document.previous_year.items.current().exclude(pk__in=followed).prefetch_related("recipients")


def is_open(item: Item) -> bool:
    """Not reported as achieved in the latest report entry (an item nobody reported on is open)."""
    latest = item.report_entries.order_by("-updated_at").first() if hasattr(item, "report_entries") else None
    return latest is None or latest.status != "achieved"


def carry_over(document: SteeringDocument, items: Iterable[Item], user: AnyUser | None = None) -> list[Item]:
    """Copy last year's open items into ``document`` as unconfirmed, recurring items."""
    created = []
    with transaction.atomic():
        last = document.items.order_by("-order").values_list("order", flat=True).first() or 0
        for offset, old in enumerate(items, start=1):
            copy = Item(
                document=document, order=last + offset * 10, kind=old.kind, ref=old.ref, main_goal=old.main_goal,
                text=old.text, lead=old.lead, deadlines=[], reporting=list(old.reporting), source_spans=[],
                previous_year_item=old, year_status=Item.YearStatus.RECURRING,
            )
            _saved(copy, user)
            copy.recipients.set(old.recipients.all())
            copy.informed.set(old.informed.all())
            created.append(copy)
    return created


class Doubtful:
    """What ``confirm_document`` does with the items the extractor flagged "Bør kontrolleres"."""

    INCLUDE = "include"  # confirm them too (the user saw the list and chose so, or a command was told to)
    LEAVE = "leave"  # confirm the others; they stay in review, and so does the document


def confirm_document(document: SteeringDocument, user: AnyUser | None = None, *, doubtful: str = Doubtful.INCLUDE) -> int:
    """Confirm every item still in review and the document itself; returns how many items were
    confirmed. The items the extractor was unsure of (``Item.needs_a_look``) are confirmed only with
    ``doubtful=INCLUDE`` (the review page asks first, naming them) and the history says so on each
    item and on the document; with ``LEAVE`` they stay in review and the document is not confirmed."""
    with transaction.atomic():
        pending = list(document.items.current().filter(confirmed=False))
        unsure = [i for i in pending if i.needs_a_look]
        if doubtful == Doubtful.LEAVE:
            pending = [i for i in pending if not i.needs_a_look]
        for item in pending:
            if item.needs_a_look:
                why = "; ".join(item.review_notes or []) or "uttrekket var usikkert"
                authored(item, user, f"Bekreftet med hele dokumentet uten kontroll (bør kontrolleres: {why})")
            item.confirm(user)
        if doubtful == Doubtful.LEAVE and unsure:
            return len(pending)
        document.status = SteeringDocument.Status.CONFIRMED
        document.confirmed_at = timezone.now()
        reason = "Dokumentet bekreftet"
        if unsure:
            refs = ", ".join(i.ref or f"nr. {i.pk}" for i in unsure)
            reason += f", med {len(unsure)} krav som burde vært kontrollert, bekreftet uten kontroll ({refs})"
        authored(document, user, reason).save()
    return len(pending)
