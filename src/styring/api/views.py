"""The steering cycle over JSON: the same access rules as the UI (querysets from
``styring.selectors``; workflow steps through ``styring.reporting.workflow``, which checks
the roles)."""
from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from styring.accounts.access import Action, can
from styring.api import params as q
from styring.api import serializers as s
from styring.documents.models import SteeringDocument
from styring.exports.downloads import report_download_response
from styring.organisations.models import Organisation
from styring.reporting import workflow
from styring.reporting.errors import ConflictError, WorkflowError
from styring.reporting.models import Report, ReportEntry
from styring.reporting.transitions import TRANSITIONS, Transition
from styring.requirements.models import Item
from styring.selectors import (
    visible_documents,
    visible_entries,
    visible_items,
    visible_reports,
)

ID_REGEX = r"[0-9]{1,18}"  # an id in an address; anything else is a 404 before the database is asked


class ParamsMixin(viewsets.GenericViewSet):
    """A list's query parameters, parsed by ``params_class`` (a serializer): 400 on bad input."""

    params_class: type[serializers.Serializer]

    def params(self) -> dict:
        if getattr(self, "action", None) != "list":
            return {}
        parsed = self.params_class(data=self.request.query_params)
        parsed.is_valid(raise_exception=True)
        return {k: v for k, v in parsed.validated_data.items() if v not in (None, "")}


def workflow_error(exc: WorkflowError) -> Response:
    return Response({"detail": exc.message, "errors": exc.errors}, status=status.HTTP_400_BAD_REQUEST)


ERRORS = {
    400: OpenApiResponse(s.ErrorSerializer, description="Steget er ikke mulig nå (feilmelding på norsk)."),
    403: OpenApiResponse(description="Rollen din kan ikke ta dette steget."),
    404: OpenApiResponse(description="Finnes ikke, eller du har ikke tilgang."),
}


@extend_schema_view(
    list=extend_schema(summary="List organisations", description="The organisation register (public to every user).",
                       parameters=[q.OrganisationParams]),
    retrieve=extend_schema(summary="One organisation by its code"),
)
class OrganisationViewSet(ParamsMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.OrganisationSerializer
    params_class = q.OrganisationParams
    lookup_field = "code"
    lookup_value_regex = r"[A-Za-z0-9ÆØÅæøå_-]{1,16}"
    queryset = Organisation.objects.prefetch_related("owners").order_by("code")

    def get_queryset(self):
        return super().get_queryset().filter(**self.params())


@extend_schema_view(
    list=extend_schema(
        summary="List steering documents",
        description="Documents the user may see: issued by a visible organisation, or confirmed and addressed to one.",
        parameters=[q.DocumentParams],
    ),
    retrieve=extend_schema(summary="One steering document"),
    create=extend_schema(
        summary="Upload (import) a steering document",
        description="Multipart upload; the document is extracted into unconfirmed items for review. Needs "
        "MANAGE on every issuer (the issuer's owner staff).",
        request={"multipart/form-data": s.DocumentUploadSerializer},
        responses={201: s.DocumentSerializer, **ERRORS},
    ),
)
class DocumentViewSet(ParamsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                      viewsets.GenericViewSet):
    serializer_class = s.DocumentSerializer
    params_class = q.DocumentParams
    lookup_value_regex = ID_REGEX
    queryset = SteeringDocument.objects.none()

    def get_parsers(self):
        if getattr(self, "action", None) == "create" or self.request and self.request.method == "POST":
            return [MultiPartParser(), FormParser()]
        return super().get_parsers()

    def get_serializer_class(self):
        return s.DocumentUploadSerializer if self.action == "create" else s.DocumentSerializer

    def get_queryset(self):
        qs = (
            visible_documents(self.request.user)
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

    def create(self, request, *args, **kwargs):
        from styring.documents.services import ImportRejected, import_document

        upload = s.DocumentUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        data = upload.validated_data
        issuers = list(Organisation.objects.filter(code__in=data["issuers"]))
        unknown = set(data["issuers"]) - {o.code for o in issuers}
        if unknown:
            return Response({"detail": f"Ukjent utsteder: {', '.join(sorted(unknown))}."}, status=400)
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
        summary="List items (goals, indicators, assignments)",
        description="Items of the documents the user may see.",
        parameters=[q.ItemParams],
    ),
    retrieve=extend_schema(summary="One item"),
)
class ItemViewSet(ParamsMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ItemSerializer
    params_class = q.ItemParams
    lookup_value_regex = ID_REGEX
    queryset = Item.objects.none()

    def get_queryset(self):
        qs = (
            visible_items(self.request.user)
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


@extend_schema_view(
    list=extend_schema(
        summary="List reports",
        description="Reports the user may read: the trust's own (drafts included) and, for owner staff, the "
        "sent reports of the trusts they own.",
        parameters=[q.ReportParams],
    ),
    retrieve=extend_schema(summary="One report with its entries and board decisions",
                           responses=s.ReportDetailSerializer),
)
class ReportViewSet(ParamsMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = s.ReportSerializer
    params_class = q.ReportParams
    lookup_value_regex = ID_REGEX
    queryset = Report.objects.none()

    def get_serializer_class(self):
        return s.ReportDetailSerializer if self.action == "retrieve" else s.ReportSerializer

    def get_queryset(self):
        qs = visible_reports(self.request.user).select_related("organisation", "period", "period__issuer")
        if self.action == "retrieve":
            qs = qs.prefetch_related("board_decisions", "entries__item", "entries__updated_by")
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
        summary="Download the report as DOCX (årlig melding / tertial report)",
        parameters=[q.DocxParams],
        responses={(200, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"): OpenApiTypes.BINARY,
                   404: ERRORS[404]},
    )
    @action(detail=True, methods=["get"], url_path="docx", url_name="docx")
    def docx(self, request, pk=None):
        params = q.DocxParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        return report_download_response(self.get_object(), params.validated_data.get("malform"))


STEP_SERIALIZERS = {"board_approve": s.BoardDecisionSerializer, "return": s.CommentSerializer,
                    "reopen": s.CommentSerializer}


def _step_action(transition: Transition):
    """The API action of one row of the transition table: POST /api/reports/{id}/<api_path>/."""
    serializer_class = STEP_SERIALIZERS.get(transition.name)

    def step(self, request, pk=None):
        report = self.get_object()  # a report the user may read; the step checks the role
        data = {}
        if serializer_class is not None:
            serializer = serializer_class(data=request.data)
            serializer.is_valid(raise_exception=True)
            data = dict(serializer.validated_data)
        try:
            workflow.take(transition.name, report, request.user, **data)
        except WorkflowError as exc:
            return workflow_error(exc)
        report.refresh_from_db()
        return Response(s.ReportSerializer(report).data)

    step.__name__ = step.__qualname__ = transition.name
    step.__doc__ = f"{transition.label}. {transition.refused}"
    schema = extend_schema(summary=transition.label, request=serializer_class,
                           responses={200: s.ReportSerializer, **ERRORS})
    return schema(action(detail=True, methods=["post"], url_path=transition.api_path,
                         url_name=transition.api_path)(step))


for _transition in TRANSITIONS.values():
    setattr(ReportViewSet, _transition.name, _step_action(_transition))


@extend_schema_view(
    list=extend_schema(summary="List entries", parameters=[q.EntryParams]),
    retrieve=extend_schema(summary="One entry"),
    update=extend_schema(
        summary="Update an entry (optimistic locking)",
        request=s.EntryUpdateSerializer,
        responses={200: s.EntrySerializer, 409: OpenApiResponse(s.ConflictSerializer, description="Saved by someone "
                   "else since the version you sent; nothing was written."), **ERRORS},
    ),
    partial_update=extend_schema(
        summary="Update some fields of an entry (optimistic locking)",
        request=s.EntryUpdateSerializer,
        responses={200: s.EntrySerializer, 409: s.ConflictSerializer, **ERRORS},
    ),
)
class EntryViewSet(ParamsMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.UpdateModelMixin,
                   viewsets.GenericViewSet):
    serializer_class = s.EntrySerializer
    params_class = q.EntryParams
    lookup_value_regex = ID_REGEX
    queryset = ReportEntry.objects.none()

    def get_queryset(self):
        qs = (
            visible_entries(self.request.user)
            .select_related("item", "updated_by")
            .order_by("report_id", "item__main_goal", "item__document_id", "item__order", "pk")
        )
        p = self.params()
        if "report" in p:
            qs = qs.filter(report_id=p["report"])
        return qs

    def update(self, request, *args, **kwargs):
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
        except WorkflowError as exc:
            return workflow_error(exc)
        return Response(s.EntrySerializer(saved).data)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, **kwargs)
