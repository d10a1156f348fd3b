"""The upload form: a file and what the extractor cannot know (issuer, year, type, version)."""
from __future__ import annotations

from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils import timezone

from styring.accounts.access import access_of
from styring.accounts.types import AnyUser
from styring.documents.models import SteeringDocument
from styring.documents.services import max_upload_bytes
from styring.extraction.readers import UNREADABLE_FORMAT_MESSAGE, document_format
from styring.organisations.models import Organisation

ACCEPT = ".txt,.pdf,.docx,text/plain,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"



def check_document_file(upload: UploadedFile) -> None:
    """The one check of an uploaded document, for the page and the API: a format the extractor
    reads (PDF, DOCX, text), told by its content, not its name (an .exe is refused)."""
    if document_format(upload) is None:
        raise forms.ValidationError(UNREADABLE_FORMAT_MESSAGE)

class DocumentChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: SteeringDocument) -> str:
        return f"{obj.title} (nr. {obj.pk}, importert {obj.created_at:%d.%m.%Y})"


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Dokument", help_text="Tekst-PDF, DOCX eller ren tekst (.txt).",
        error_messages={
            "required": "Velg dokumentet som skal lastes opp.",
            "empty": "Filen er tom. Velg dokumentet på nytt og last det opp igjen.",
            "invalid": "Det som ble sendt, var ikke en fil. Velg dokumentet på nytt.",
        },
        widget=forms.ClearableFileInput(attrs={"class": "ds-input", "accept": ACCEPT}),
    )
    issuer = forms.ModelChoiceField(
        label="Utsteder", queryset=Organisation.objects.none(), empty_label=None,
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    year = forms.IntegerField(
        label="År", min_value=2000, max_value=2100, widget=forms.NumberInput(attrs={"class": "ds-input"})
    )
    kind = forms.ChoiceField(
        label="Type", required=False, choices=[("", "Finn automatisk"), *SteeringDocument.Kind.choices],
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    title = forms.CharField(
        label="Tittel", required=False, max_length=300, help_text="Tom: type, år og utsteder.",
        widget=forms.TextInput(attrs={"class": "ds-input"}),
    )
    supersedes = DocumentChoice(
        label="Ny versjon av", required=False, queryset=SteeringDocument.objects.none(), empty_label="(nytt dokument)",
        help_text="Velg dokumentet dette erstatter. Bekreftede krav og alt det er rapportert på, beholdes.",
        widget=forms.Select(attrs={"class": "ds-input"}),
    )
    supplements = DocumentChoice(
        label="Tillegg til", required=False, queryset=SteeringDocument.objects.none(), empty_label="(ikke et tillegg)",
        help_text="For tilleggsdokumenter: årets hoveddokument kravene skal høre til.",
        widget=forms.Select(attrs={"class": "ds-input"}),
    )

    def __init__(self, *args, user: AnyUser, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["issuer"]).queryset = access_of(user).issuer_organisations()
        self.fields["year"].initial = timezone.localdate().year
        current = SteeringDocument.objects.managed_by(user).filter(superseded_by__isnull=True).order_by("-year", "title")
        cast(forms.ModelChoiceField, self.fields["supersedes"]).queryset = current
        cast(forms.ModelChoiceField, self.fields["supplements"]).queryset = current.exclude(kind=SteeringDocument.Kind.TILLEGGSDOKUMENT)

    def clean_file(self) -> UploadedFile:
        upload = self.cleaned_data["file"]
        check_document_file(upload)
        if upload.size > max_upload_bytes():
            limit = max_upload_bytes() // (1024 * 1024)
            raise forms.ValidationError(
                f"Filen er for stor. Største tillatte størrelse er {limit} MB. Del dokumentet opp eller last opp en versjon uten bilder."
            )
        return upload

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        issuer, year = data.get("issuer"), data.get("year")
        for key in ("supersedes", "supplements"):
            other = data.get(key)
            if other and issuer and not other.issuers.filter(pk=issuer.pk).exists():
                self.add_error(key, "Dokumentet må ha samme utsteder.")
            if other and year and other.year != year:
                self.add_error(key, f"Dokumentet gjelder {other.year}, ikke {year}.")
        return data


class ConfirmDocumentForm(forms.Form):
    """"Bekreft hele dokumentet": with items the extractor was unsure of, the second step says what
    to do with them (``usikre``) and names the ones the user was shown (``vist``), so a list that
    changed in between is shown again instead of confirmed blind."""

    usikre = forms.ChoiceField(required=False, choices=[("", ""), ("ta-med", "Bekreft også de usikre"),
                                                        ("utelat", "La de usikre stå til kontroll")],
                               error_messages={"invalid_choice": "Velg om de usikre kravene skal bekreftes."})
    vist = forms.TypedMultipleChoiceField(required=False, coerce=int, choices=[],
                                          error_messages={"invalid_choice": "Listen over usikre krav er endret."})

    def __init__(self, *args, doubtful_ids: list[int], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.doubtful_ids = doubtful_ids
        field = cast(forms.TypedMultipleChoiceField, self.fields["vist"])
        field.choices = [(pk, pk) for pk in doubtful_ids]

    def decided(self) -> str | None:
        """``Doubtful.INCLUDE``/``LEAVE`` once the user chose for exactly the items now doubtful
        (or there are none); None while the user must still see the list."""
        from styring.documents.services import Doubtful

        if not self.doubtful_ids:
            return Doubtful.INCLUDE
        if not self.is_valid() or not self.cleaned_data["usikre"]:
            return None
        if sorted(self.cleaned_data["vist"]) != sorted(self.doubtful_ids):
            return None
        return Doubtful.INCLUDE if self.cleaned_data["usikre"] == "ta-med" else Doubtful.LEAVE
