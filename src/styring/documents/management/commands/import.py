"""``styring import FILE --issuer HN --year 2024``: import a steering document from the command line."""
from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from styring.documents.models import SteeringDocument
from styring.documents.services import ImportRejected, confirm_document, import_document


class Command(BaseCommand):
    help = "Importerer et styringsdokument (txt, PDF eller DOCX) som krav til gjennomgang."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="dokumentet som skal importeres")
        parser.add_argument("--issuer", required=True, help="utsteder(e), kode fra registeret, f.eks. HN eller HN,HMN")
        parser.add_argument("--year", required=True, type=int, help="året dokumentet gjelder")
        parser.add_argument("--kind", choices=SteeringDocument.Kind.values, help="dokumenttype (ellers gjettes den)")
        parser.add_argument("--title", help="tittel (ellers type, år og utsteder)")
        parser.add_argument("--user", help="brukernavnet som står som importør i historikken")
        parser.add_argument("--supersedes", type=int, metavar="ID", help="dokumentet dette er en ny versjon av")
        parser.add_argument("--supplements", type=int, metavar="ID", help="hoveddokumentet et tilleggsdokument hører til")
        parser.add_argument("--confirm", action="store_true", help="bekreft alle krav straks (uten gjennomgang)")

    def handle(self, *args, **options) -> None:
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Fant ingen bruker «{options['user']}».")
        related = {}
        for key in ("supersedes", "supplements"):
            if options[key]:
                related[key] = SteeringDocument.objects.filter(pk=options[key]).first()
                if related[key] is None:
                    raise CommandError(f"Fant ikke dokument nr. {options[key]} (--{key}).")
        try:
            document = import_document(
                options["file"], issuer_codes=options["issuer"].split(","), year=options["year"], user=user,
                kind=options["kind"], title=options["title"], **related,
            )
        except ImportRejected as exc:
            raise CommandError(str(exc)) from None
        if options["confirm"]:
            confirm_document(document, user)
        self.stdout.write(summary(document))


def summary(document: SteeringDocument) -> str:
    items = document.items.current()
    kinds = ", ".join(
        f"{items.filter(kind=k).count()} {label.lower()}" for k, label in items.model.Kind.choices
    )
    lines = [
        f"Importert: {document.title} (nr. {document.pk}, {document.get_status_display().lower()})",
        f"  {items.count()} krav: {kinds}",
        f"  {document.reporting_deadlines.count()} rapporteringsfrister, {document.allocations.count()} bevilgninger",
    ]
    if document.supersedes is not None:
        lines.append(
            f"  Ny versjon av nr. {document.supersedes_id}: "
            f"{items.filter(revision_status='new').count()} nye, {items.filter(revision_status='altered').count()} endret, "
            f"{document.supersedes.items.filter(removed=True).count()} tatt ut"
        )
    if document.previous_year is not None:
        lines.append(
            f"  Mot {document.previous_year.year}: {items.filter(year_status='new').count()} nye, "
            f"{items.filter(year_status='recurring').count()} videreført"
        )
    if document.supplements_id:
        lines.append(f"  Tillegg til: {document.supplements}")
    return "\n".join(lines)
