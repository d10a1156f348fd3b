"""The steering cycle over JSON: the same access rules as the UI (each model's
``objects.visible_to``; workflow steps through ``styring.reporting.workflow``, which checks
the roles)."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db.models import Count, QuerySet
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.parsers import BaseParser, FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer

from styring.accounts.access import Action, access_of, can, organisation_or_404
from styring.api import params as q
from styring.api import serializers as s
from styring.documents.models import SteeringDocument
from styring.exports.downloads import report_download_response, report_pdf_response
from styring.lib.history import authored
from styring.lib.input import excerpt
from styring.organisations.models import Organisation
from styring.reporting import risk as risk_mod
from styring.reporting import workflow
from styring.reporting.entries import add_measure, close_measure
from styring.reporting.errors import ConflictError, NothingToReport
from styring.reporting.models import Measure, Report, ReportEntry, ReportingPeriod, Risk
from styring.reporting.scope import start_report
from styring.reporting.transitions import TRANSITIONS, Transition
from styring.requirements.models import Item

ID_REGEX = r"[0-9]{1,18}"  # an id in an address; anything else is a 404 before the database is asked


def validated(serializer_class: type[serializers.Serializer], request: Request) -> dict:
    """The request body parsed by ``serializer_class`` (400 with the reasons otherwise)."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return dict(serializer.validated_data)


class ParamsMixin(viewsets.GenericViewSet):
    """A list's query parameters, parsed by ``params_class`` (a serializer): 400 on bad input."""

    params_class: type[serializers.Serializer]
    lookup_value_regex = ID_REGEX

    def params(self) -> dict:
        if getattr(self, "action", None) != "list":
            return {}
        parsed = self.params_class(data=self.request.query_params)
        parsed.is_valid(raise_exception=True)
        return {k: v for k, v in parsed.validated_data.items() if v not in (None, "")}


ERRORS = {
    400: OpenApiResponse(s.ErrorSerializer, description="Steget er ikke mulig nå (feilmelding på norsk)."),
    403: OpenApiResponse(description="Rollen din kan ikke ta dette steget."),
    404: OpenApiResponse(description="Finnes ikke, eller du har ikke tilgang."),
}


@extend_schema_view(
    list=extend_schema(summary="Organisasjoner", description="Organisasjonsregisteret (åpent for alle innloggede).",
                       parameters=[q.OrganisationParams]),
    retrieve=extend_schema(summary="Én organisasjon, etter kode"),
)
class OrganisationViewSet(ParamsMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.OrganisationSerializer
    params_class = q.OrganisationParams
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z0-9ÆØÅæøå_-]{1,16}"
    queryset = Organisation.objects.prefetch_related("owners").order_by("code")

    def get_queryset(self) -> QuerySet[Any]:
        return super().get_queryset().filter(**self.params())


@extend_schema_view(
    list=extend_schema(
        summary="Styringsdokumenter",
        description="Dokumentene brukeren kan se: utstedt av en synlig organisasjon, eller bekreftet og adressert til en.",
        parameters=[q.DocumentParams],
    ),
    retrieve=extend_schema(summary="Ett styringsdokument"),
    create=extend_schema(
        summary="Last opp (importer) et styringsdokument",
        description="Opplasting som multipart; dokumentet blir lest ut til ubekreftede krav til gjennomgang. "
        "Krever forvaltningsrett hos hver utsteder (utstederens eierstab).",
        request={"multipart/form-data": s.DocumentUploadSerializer},
        responses={201: s.DocumentSerializer, **ERRORS},
    ),
)
class DocumentViewSet(ParamsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      viewsets.GenericViewSet):
    serializer_class = s.DocumentSerializer
    params_class = q.DocumentParams
    queryset = SteeringDocument.objects.none()

    def get_parsers(self) -> list[BaseParser]:
        if getattr(self, "action", None) == "create" or self.request and self.request.method == "POST":
            return [MultiPartParser(), FormParser()]
        return super().get_parsers()

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        return s.DocumentUploadSerializer if self.action == "create" else s.DocumentSerializer

    def get_queryset(self) -> QuerySet[Any]:
        qs = (
            SteeringDocument.objects.visible_to(self.request.user)
            .prefetch_related("issuers", "addressees")
            .annotate(item_count=Count("items"))
            .order_by("-year", "title")
        )
        params = self.params()
        if "year" in params:
            qs = qs.filter(year=params["year"])
        if "issuer" in params:
            qs = qs.filter(issuers__code=params["issuer"].upper())
        return qs

    def create(self, request: Request, *args, **kwargs) -> Response:
        from styring.documents.services import ImportRejected, import_document

        upload = s.DocumentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        issuers = list(Organisation.objects.filter(code__in=data["issuers"]))
        unknown = set(data["issuers"]) - {o.code for o in issuers}
        if unknown:
            return Response({"detail": f"Ukjent utsteder: {excerpt(', '.join(sorted(unknown)))}."}, status=400)
        if not all(can(request.user, Action.MANAGE, org) for org in issuers):
            raise PermissionDenied("Bare eierstaben hos utstederen kan importere dokumentet.")
        try:
            document = import_document(
                data["file"], issuer_codes=data["issuers"], year=data["year"], user=request.user,
                kind=data.get("kind"), title=data.get("title"),
            )
        except ImportRejected as exc:
            return Response({"detail": str(exc)}, status=400)
        document = self.get_queryset().get(pk=document.pk)
        return Response(s.DocumentSerializer(document).data, status=201)


@extend_schema_view(
    list=extend_schema(
        summary="Krav (mål, indikatorer, oppdrag)",
        description="Kravene i dokumentene brukeren kan se.",
        parameters=[q.ItemParams],
    ),
    retrieve=extend_schema(summary="Ett krav"),
)
class ItemViewSet(ParamsMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ItemSerializer
    params_class = q.ItemParams
    queryset = Item.objects.none()

    def get_queryset(self) -> QuerySet[Any]:
        qs = (
            Item.objects.visible_to(self.request.user)
            .select_related("lead")
            .prefetch_related("recipients", "informed")
            .order_by("document_id", "order", "pk")
        )
        p = self.params()
        if "document" in p:
            qs = qs.filter(document_id=p["document"])
        if "recipient" in p:
            qs = qs.filter(recipients__code=p["recipient"].upper()).distinct()
        for field in ("kind", "main_goal", "confirmed"):
            if field in p:
                qs = qs.filter(**{field: p[field]})
        return qs

    @extend_schema(
        summary="Kravets kjede opp og ned i kaskaden",
        description="Bare bekreftede koblinger: `up` lister hver kjede av krav det følger opp (nærmeste først); "
        "`down` er treet av krav som følger det opp, hvert med hver mottakers siste status (`reports`) i en "
        "rapport brukeren kan lese.",
        responses={200: s.TraceSerializer, 404: ERRORS[404]},
    )
    @action(detail=True, methods=["get"], url_path="trace", url_name="trace")
    def trace(self, request: Request, pk: str | None = None) -> Response:
        from styring.cascade.trace import trace

        return Response(s.trace_data(trace(self.get_object(), request.user)))


@extend_schema_view(
    list=extend_schema(
        summary="Rapporter",
        description="Rapportene brukeren kan lese: helseforetakets egne (også utkast) og, for eierstaben, "
        "de innsendte rapportene til foretakene de eier.",
        parameters=[q.ReportParams],
    ),
    retrieve=extend_schema(summary="Én rapport med rapportpunkter og styrevedtak",
                           responses=s.ReportDetailSerializer),
)
class ReportViewSet(ParamsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ReportSerializer
    params_class = q.ReportParams
    queryset = Report.objects.none()

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        classes: dict[str, type[BaseSerializer[Any]]] = {
            "retrieve": s.ReportDetailSerializer, "create": s.ReportStartSerializer}
        return classes.get(self.action, s.ReportSerializer)

    @extend_schema(summary="Start (eller åpne) helseforetakets rapport for en periode",
                   description="Helseforetakets rapportør; rapporten lages med et punkt for hvert krav som gjelder i perioden.",
                   request=s.ReportStartSerializer, responses={201: s.ReportDetailSerializer, **ERRORS})
    def create(self, request: Request, *args, **kwargs) -> Response:
        data = s.ReportStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        period = ReportingPeriod.objects.visible_or_404(request.user, data.validated_data["period"])
        try:
            report = start_report(request.user, period)
        except NothingToReport as e:
            raise serializers.ValidationError({"period": [e.message]}) from None
        report = self.get_queryset().prefetch_related("board_decisions", "steps", "entries__item").get(pk=report.pk)
        return Response(s.ReportDetailSerializer(report).data, status=status.HTTP_201_CREATED)

    def get_queryset(self) -> QuerySet[Any]:
        qs = Report.objects.visible_to(self.request.user).select_related("organisation", "period", "period__issuer")
        if self.action == "retrieve":
            qs = qs.prefetch_related("board_decisions", "steps", "entries__item", "entries__updated_by")
        p = self.params()
        if "organisation" in p:
            qs = qs.filter(organisation__code=p["organisation"].upper())
        if "period" in p:
            qs = qs.filter(period_id=p["period"])
        if "year" in p:
            qs = qs.filter(period__year=p["year"])
        if "status" in p:
            qs = qs.filter(status=p["status"])
        return qs.order_by("-period__year", "period__admin_deadline", "organisation__code")

    @extend_schema(
        summary="Last ned rapporten som DOCX (årlig melding / tertialrapport)",
        parameters=[q.DocxParams],
        responses={(200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): OpenApiTypes.BINARY,
                   404: ERRORS[404]},
    )
    @action(detail=True, methods=["get"], url_path="docx", url_name="docx")
    def docx(self, request: Request, pk: str | None = None) -> HttpResponse:
        params = q.DocxParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        return report_download_response(self.get_object(), params.validated_data.get("malform"))

    @extend_schema(
        summary="Download the report as PDF (årlig melding / tertial report)",
        description="The same content as the DOCX: A4, header with the trust and period, page numbers, fonts "
                    "embedded. The same access as the report: a trust's own members and its owners' staff (drafts: "
                    "the trust's own members only); otherwise 404.",
        parameters=[q.DocxParams],
        responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: ERRORS[404]},
    )
    @action(detail=True, methods=["get"], url_path="pdf", url_name="pdf")
    def pdf(self, request: Request, pk: str | None = None) -> HttpResponse:
        params = q.DocxParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        return report_pdf_response(self.get_object(), params.validated_data.get("malform"))


def _step_action(transition: Transition):
    """The API action of one row of the transition table: POST /api/reports/{id}/<api_path>/, its
    input the row's serializer."""
    serializer_class = transition.serializer_class()

    def step(self: ReportViewSet, request: Request, pk: str | None = None) -> Response:
        report = self.get_object()  # a report the user may read; the step checks the role
        data = {}
        if serializer_class is not None:
            serializer = serializer_class(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
        workflow.take(transition.name, report, request.user, **data)
        report.refresh_from_db()
        return Response(s.ReportSerializer(report).data)

    step.__name__ = step.__qualname__ = transition.name
    step.__doc__ = f"{transition.label}. {transition.refused}"
    schema = extend_schema(summary=transition.label, request=serializer_class,
                           responses={200: s.ReportSerializer, **ERRORS})
    return schema(action(detail=True, methods=["post"], url_path=transition.api_path,
                         url_name=transition.api_path)(step))


_STEP_ACTIONS: set[str] = set()


def install_step_actions() -> None:
    """``ReportViewSet``'s workflow actions, one per row of ``TRANSITIONS`` as it is now (``api.urls``
    calls this when it builds the routes; a row that is gone loses its action)."""
    for name in _STEP_ACTIONS - set(TRANSITIONS):
        delattr(ReportViewSet, name)
    for transition in TRANSITIONS.values():
        if transition.name not in _STEP_ACTIONS and hasattr(ReportViewSet, transition.name):
            raise ImproperlyConfigured(f"The step {transition.name!r} would hide the report API's own action.")
        setattr(ReportViewSet, transition.name, _step_action(transition))
    _STEP_ACTIONS.clear()
    _STEP_ACTIONS.update(TRANSITIONS)


@extend_schema_view(
    list=extend_schema(summary="Rapportpunkter", parameters=[q.EntryParams]),
    retrieve=extend_schema(summary="Ett rapportpunkt"),
    update=extend_schema(
        summary="Oppdater et rapportpunkt (optimistisk låsing)",
        request=s.EntryUpdateSerializer,
        responses={200: s.EntrySerializer, 409: OpenApiResponse(s.ConflictSerializer, description="Lagret av noen "
                   "andre etter versjonen du sendte; ingenting ble skrevet."), **ERRORS},
    ),
    partial_update=extend_schema(
        summary="Oppdater noen felt i et rapportpunkt (optimistisk låsing)",
        request=s.EntryUpdateSerializer,
        responses={200: s.EntrySerializer, 409: s.ConflictSerializer, **ERRORS},
    ),
)
class EntryViewSet(ParamsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                   viewsets.GenericViewSet):
    serializer_class = s.EntrySerializer
    params_class = q.EntryParams
    queryset = ReportEntry.objects.none()

    def get_queryset(self) -> QuerySet[Any]:
        qs = (
            ReportEntry.objects.visible_to(self.request.user)
            .select_related("item", "updated_by")
            .order_by("report_id", "item__main_goal", "item__document_id", "item__order", "pk")
        )
        p = self.params()
        if "report" in p:
            qs = qs.filter(report_id=p["report"])
        return qs

    def update(self, request: Request, *args, **kwargs) -> Response:
        from styring.reporting.entries import save_entry

        entry = self.get_object()
        data = s.EntryUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        version = values.pop("version")
        try:
            saved = save_entry(entry, request.user, values, expected_version=version)
        except ConflictError as exc:
            return Response(
                {"detail": exc.message, "current": s.EntrySerializer(exc.current).data, "yours": exc.yours},
                status=status.HTTP_409_CONFLICT,
            )
        return Response(s.EntrySerializer(saved).data)

    def partial_update(self, request: Request, *args, **kwargs) -> Response:
        return self.update(request, *args, **kwargs)


@extend_schema_view(
    list=extend_schema(summary="Tiltak", parameters=[q.MeasureParams]),
    retrieve=extend_schema(summary="Ett tiltak"),
    create=extend_schema(summary="Legg til et tiltak på et punkt i et utkast (helseforetakets rapportør)",
                         request=s.MeasureCreateSerializer, responses={201: s.MeasureDetailSerializer, **ERRORS}),
)
class MeasureViewSet(ParamsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.MeasureDetailSerializer
    params_class = q.MeasureParams
    queryset = Measure.objects.none()

    def get_queryset(self) -> QuerySet[Any]:
        qs = Measure.objects.visible_to(self.request.user).select_related("organisation").order_by("due_date", "pk")
        p = self.params()
        if "organisation" in p:
            qs = qs.filter(organisation__code=p["organisation"].upper())
        if "item" in p:
            qs = qs.filter(item_id=p["item"])
        if "open" in p:
            qs = qs.filter(closed_at__isnull=p["open"])
        return qs

    def create(self, request: Request, *args, **kwargs) -> Response:
        v = validated(s.MeasureCreateSerializer, request)
        entry = ReportEntry.objects.visible_or_404(request.user, v.pop("entry"))
        risk_id = v.pop("risk", None)
        risk = Risk.objects.visible_to(request.user).filter(pk=risk_id, organisation_id=entry.report.organisation_id).first() \
            if risk_id else None
        if risk_id and risk is None:
            return Response({"risk": ["Risikoen hører ikke til helseforetaket."]}, status=status.HTTP_400_BAD_REQUEST)
        measure = add_measure(entry, request.user, risk=risk, **v)
        return Response(s.MeasureDetailSerializer(measure).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Avslutt (lukk) et tiltak i et punkt i et utkast", request=s.MeasureCloseSerializer,
                   responses={200: s.MeasureDetailSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        measure = self.get_object()
        data = s.MeasureCloseSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entry = ReportEntry.objects.visible_or_404(request.user, data.validated_data["entry"])
        close_measure(measure, entry, request.user)
        measure.refresh_from_db()
        return Response(s.MeasureDetailSerializer(measure).data)


@extend_schema_view(
    list=extend_schema(summary="Risikoer med vurderinger", parameters=[q.RiskParams]),
    retrieve=extend_schema(summary="Én risiko"),
    create=extend_schema(summary="Registrer en risiko (helseforetakets rapportør)", request=s.RiskCreateSerializer,
                         responses={201: s.RiskSerializer, **ERRORS}),
)
class RiskViewSet(ParamsMixin, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.RiskSerializer
    params_class = q.RiskParams
    queryset = Risk.objects.none()

    def get_queryset(self) -> QuerySet[Any]:
        qs = Risk.objects.visible_to(self.request.user).select_related("organisation").prefetch_related("assessments")
        p = self.params()
        if "organisation" in p:
            qs = qs.filter(organisation__code=p["organisation"].upper())
        return qs.order_by("organisation__code", "title", "pk")

    def create(self, request: Request, *args, **kwargs) -> Response:
        v = validated(s.RiskCreateSerializer, request)
        org = organisation_or_404(request.user, v.pop("organisation").upper())
        item_id = v.pop("item", None)
        item = Item.objects.visible_to(request.user).filter(pk=item_id, recipients=org).first() if item_id else None
        if item_id and item is None:
            return Response({"item": ["Kravet gjelder ikke helseforetaket."]}, status=status.HTTP_400_BAD_REQUEST)
        risk = risk_mod.create_risk(org, request.user, item=item, **v)
        return Response(s.RiskSerializer(risk).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Vurder risikoen i en periode (sannsynlighet × konsekvens)", request=s.AssessSerializer,
                   responses={200: s.RiskSerializer, **ERRORS})
    @action(detail=True, methods=["post"])
    def assess(self, request: Request, pk: str | None = None) -> Response:
        risk = self.get_object()
        v = validated(s.AssessSerializer, request)
        period = ReportingPeriod.objects.visible_or_404(request.user, v.pop("period"))
        risk_mod.assess(risk, period, request.user, **v)
        return Response(s.RiskSerializer(self.get_queryset().get(pk=risk.pk)).data)


@extend_schema_view(
    list=extend_schema(summary="Rapporteringsperioder", parameters=[q.PeriodParams]),
    retrieve=extend_schema(summary="Én rapporteringsperiode"),
    create=extend_schema(summary="Opprett en rapporteringsperiode (utstederens eierstab)",
                         request=s.PeriodWriteSerializer, responses={201: s.PeriodSerializer, **ERRORS}),
    partial_update=extend_schema(summary="Endre fristene for en periode (utstederens eierstab)",
                                 request=s.PeriodWriteSerializer, responses={200: s.PeriodSerializer, **ERRORS}),
)
class PeriodViewSet(ParamsMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.PeriodSerializer
    params_class = q.PeriodParams
    queryset = ReportingPeriod.objects.none()
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self) -> QuerySet[Any]:
        periods = ReportingPeriod.objects
        qs = (periods.managed_by if self.action == "partial_update" else periods.visible_to)(self.request.user)
        p = self.params()
        if "issuer" in p:
            qs = qs.filter(issuer__code=p["issuer"].upper())
        if "year" in p:
            qs = qs.filter(year=p["year"])
        return qs.order_by("-year", "admin_deadline", "kind", "month")

    def get_serializer_class(self) -> type[BaseSerializer[Any]]:
        return s.PeriodWriteSerializer if self.action in ("create", "partial_update") else s.PeriodSerializer

    def perform_create(self, serializer: BaseSerializer[Any]) -> None:
        if not access_of(self.request.user).issuer_organisations().filter(pk=serializer.validated_data["issuer"].pk).exists():
            raise PermissionDenied("Bare eierstaben hos utstederen kan opprette perioder.")
        if ReportingPeriod.objects.filter(**{k: serializer.validated_data.get(k) for k in
                                             ("issuer", "year", "kind", "month")}).exists():
            raise serializers.ValidationError("Perioden finnes allerede.")
        authored(serializer.save(), self.request.user).save()

    def perform_update(self, serializer: BaseSerializer[Any]) -> None:
        if set(serializer.validated_data) - {"admin_deadline", "board_deadline"}:
            raise serializers.ValidationError("Bare fristene kan endres.")
        authored(serializer.instance, self.request.user)
        serializer.save()

    def create(self, request: Request, *args, **kwargs) -> Response:
        response = super().create(request, *args, **kwargs)
        response.data = s.PeriodSerializer(ReportingPeriod.objects.get(pk=response.data["id"])).data
        return response

    def update(self, request: Request, *args, **kwargs) -> Response:
        response = super().update(request, *args, **kwargs)
        response.data = s.PeriodSerializer(self.get_object()).data
        return response
class SearchResultSerializer(serializers.Serializer):
    type = serializers.CharField(help_text="document, item, entry or measure")
    id = serializers.IntegerField()
    title = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML: the matching words in <mark>, the rest escaped")
    url = serializers.CharField(help_text="where the hit stands (a document at the place the words are)")


class SearchResponseSerializer(serializers.Serializer):
    results = SearchResultSerializer(many=True)


@extend_schema(
    summary="Søk i dokumenter, krav, rapportpunkter og tiltak",
    description="Forstår norsk: bokmåls- og nynorskformer av et ord finner hverandre, og bøyningsformer regnes som "
    "samme ord. Bare det brukeren kan lese, blir funnet (et helseforetaks utkast bare av egne medlemmer). Filtre: "
    "`ar`, `utsteder`, `mottaker` (koder), `hovedmal`, `type` (document, item, entry, measure), `status`.",
    parameters=[OpenApiParameter(name, str, required=name == "q") for name in
                ("q", "ar", "utsteder", "mottaker", "hovedmal", "type", "status")],
    responses={200: SearchResponseSerializer, 400: ERRORS[400]},
)
@api_view(["GET"])
def search(request: Request) -> Response:
    from styring.search.forms import SearchForm
    from styring.search.query import search as run

    form = SearchForm(request.query_params)
    if not form.is_valid() or not form.cleaned_data["q"].strip():
        errors = {k: [str(e) for e in v] for k, v in form.errors.items()} or {"q": ["Skriv hva du vil søke etter."]}
        return Response({"detail": "Ugyldig søk.", "errors": errors}, status=400)
    hits = run(request.user, form.cleaned_data["q"], **form.filters())
    return Response({"results": [{"type": h.type, "id": h.id, "title": h.title, "snippet": str(h.snippet),
                                  "url": h.url} for h in hits]})


class CalendarFeedSerializer(serializers.Serializer):
    url = serializers.CharField(help_text="the secret iCalendar address of the user's deadlines")


@extend_schema(
    summary="Kalenderadressen til den innloggede brukeren",
    description="En iCalendar-strøm (heldagshendelser, Europe/Oslo, stabile UID-er) med fristene brukeren ser for "
    "sin egen del. Adressen er hemmelig; «Lag ny adresse» på årshjulsiden trekker den tilbake og lager en ny.",
    responses={200: CalendarFeedSerializer},
)
@api_view(["GET"])
def calendar_feed(request: Request) -> Response:
    from styring.yearwheel.models import CalendarFeed
    from styring.yearwheel.views import feed_url

    return Response({"url": feed_url(request, CalendarFeed.current(request.user))})


class AllocationSerializer(serializers.Serializer):
    from_ = serializers.CharField(source="payer.code", label="from")
    to = serializers.CharField(source="receiver.code")
    amount_nok = serializers.IntegerField()
    year = serializers.IntegerField()
    purpose = serializers.CharField()
    document = serializers.IntegerField(source="document_id")

    def to_representation(self, instance: Any) -> dict[str, Any]:  # noqa: ANN401 - the base serializer takes any instance
        data = super().to_representation(instance)
        data["from"] = data.pop("from_")
        return data


class AllocationParams(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    from_ = serializers.CharField(required=False, max_length=16)
    to = serializers.CharField(required=False, max_length=16)

    def to_internal_value(self, data: Mapping[str, Any]) -> dict[str, Any]:
        data = {**{k: v for k, v in data.items() if v != ""}}
        if "from" in data:
            data["from_"] = data.pop("from")
        return super().to_internal_value(data)


@extend_schema(
    summary="Bevilgninger: hvem gir hva til hvem",
    description="Bevilgningene i dokumentene brukeren kan lese (et revidert dokuments bevilgninger erstatter "
    "forgjengerens), hver med `from`, `to` (koder), `amount_nok` (hele kroner), `year`, `purpose` og `document` (id).",
    parameters=[OpenApiParameter("year", int), OpenApiParameter("from", str), OpenApiParameter("to", str)],
    responses={200: AllocationSerializer(many=True), 400: ERRORS[400]},
)
@api_view(["GET"])
def allocations(request: Request) -> Response:
    from styring.allocations.money import allocations as find

    params = AllocationParams(data=request.query_params)
    params.is_valid(raise_exception=True)
    p = params.validated_data
    rows = find(request.user, year=p.get("year"), payer=p.get("from_", ""), receiver=p.get("to", ""))
    return Response(AllocationSerializer(rows, many=True).data)
