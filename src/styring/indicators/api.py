"""Indicator values and their evaluations over JSON (mounted under ``/api/`` by ``styring.api.urls``).

- ``POST /api/indicator-values/import/``: a CSV or XLSX file (multipart ``file``), all rows or none.
- ``GET, POST /api/indicator-values/``: values the user may see; one value created or replaced.
- ``GET /api/evaluations/?organisation=&period=&indicator=``: each value with its target and colour.
- ``GET /api/indicators/?q=&code=&year=&organisation=``: the series (code, external code, name, item,
  unit, direction, targets per organisation, latest colour per organisation): what an import names.
"""
from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.parsers import BaseParser, FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from styring.indicators import catalogue, permissions
from styring.indicators.evaluation import Evaluator
from styring.indicators.importing import ImportRejected, import_values, save_value
from styring.indicators.models import Indicator, IndicatorValue, ValueStatus
from styring.indicators.periods import Period, PeriodError
from styring.indicators.targets import KINDS, Colour

STATUS_WORDS = {ValueStatus.FINAL: "endelig", ValueStatus.PRELIMINARY: "foreløpig"}


class IndicatorValueSerializer(serializers.ModelSerializer):
    indicator = serializers.CharField(source="indicator.code", help_text="Seriens kode: kravets id («412») "
                                      "eller kravets id og serien («412-3»).")
    organisation = serializers.CharField(source="organisation.code", help_text="Kode i organisasjonsregisteret.")
    status = serializers.ChoiceField(choices=ValueStatus.choices, default=ValueStatus.FINAL)
    updated_by: serializers.SlugRelatedField = serializers.SlugRelatedField(slug_field="username", read_only=True)

    class Meta:
        model = IndicatorValue
        fields = ["id", "indicator", "organisation", "period", "value", "numerator", "denominator", "status",
                  "source", "updated_at", "updated_by"]
        read_only_fields = ["id", "updated_at", "updated_by"]
        extra_kwargs = {"value": {"coerce_to_string": False}, "numerator": {"coerce_to_string": False},
                        "denominator": {"coerce_to_string": False}}

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        """The same checks as a row of an import file (``importing.check_value``)."""
        cells = {
            "indikator": attrs["indicator"]["code"], "organisasjon": attrs["organisation"]["code"],
            "periode": attrs["period"], "verdi": attrs["value"], "teller": attrs.get("numerator") or "",
            "nevner": attrs.get("denominator") or "", "kilde": attrs.get("source", ""),
            "status": STATUS_WORDS[attrs.get("status", ValueStatus.FINAL)],
        }
        return {"cells": cells}

    def create(self, validated_data: dict[str, Any]) -> IndicatorValue:
        try:
            value, self.created = save_value(validated_data["cells"], self.context["request"].user)
        except ImportRejected as exc:
            raise serializers.ValidationError({"detail": exc.message}) from None
        return value


class ImportUploadSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV (semikolon eller komma) eller XLSX med kolonnene indikator, "
                                 "organisasjon, periode, verdi og eventuelt teller, nevner, kilde, status.")


class ImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    rows = serializers.IntegerField()


class RowErrorSerializer(serializers.Serializer):
    row = serializers.IntegerField(help_text="Radnummeret i filen (overskriftsraden er rad 1).")
    message = serializers.CharField()


class ImportErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    errors = RowErrorSerializer(many=True)  # type: ignore[assignment]  # the response's key, for the schema


class EvaluationSerializer(serializers.Serializer):
    indicator = serializers.CharField()
    organisation = serializers.CharField()
    period = serializers.CharField()
    value = serializers.FloatField()
    status = serializers.CharField()
    target = serializers.CharField(help_text="Målet i ord, f.eks. «≥ 70 %»; tomt uten mål.")
    colour = serializers.ChoiceField(choices=[c.value for c in Colour])
    reason = serializers.CharField(help_text="Begrunnelsen på norsk, f.eks. «82 % mot mål ≥ 70 %».")


FILTERS = [
    OpenApiParameter("organisation", str, description="Kode i organisasjonsregisteret (f.eks. UNN, UNN-TRO)"),
    OpenApiParameter("indicator", str, description="Seriens kode (412 eller 412-3)"),
    OpenApiParameter("period", str, description="2024, 2024-T1 eller 2024-05"),
    OpenApiParameter("year", int),
]


class ValueParams(serializers.Serializer):
    """The lists' query parameters: a bad value is a 400 with a Norwegian message."""

    organisation = serializers.CharField(max_length=16, required=False)
    indicator = serializers.RegexField(r"^\d{1,18}(-\d{1,4})?$", required=False, error_messages={
        "invalid": "Skriv indikatorens kode: kravets nummer, eventuelt med serien etter bindestrek (412-3)."})
    period = serializers.CharField(max_length=10, required=False)
    year = serializers.IntegerField(min_value=1990, max_value=2100, required=False)

    def validate_period(self, value: str) -> str:
        try:
            return str(Period.parse(value))
        except PeriodError as exc:
            raise serializers.ValidationError(str(exc)) from None


def _filtered(request: Request, qs: QuerySet[IndicatorValue]) -> QuerySet[IndicatorValue]:
    params = ValueParams(data=request.query_params)
    params.is_valid(raise_exception=True)
    p = params.validated_data
    if p.get("organisation"):
        qs = qs.filter(organisation__code=p["organisation"].upper())
    if p.get("indicator"):
        item, _, number = p["indicator"].partition("-")
        qs = qs.filter(indicator__item_id=int(item), indicator__number=int(number or 0))
    if p.get("period"):
        qs = qs.filter(period=p["period"])
    if p.get("year"):
        qs = qs.filter(year=p["year"])
    return qs


@extend_schema_view(
    list=extend_schema(summary="Indikatorverdier", parameters=FILTERS,
                       description="Verdiene til organisasjonene brukeren kan se (et helseforetaks medlemmer ser "
                       "også foretakets sykehus)."),
    create=extend_schema(
        summary="Registrer eller erstatt én indikatorverdi",
        description="Samme indikator, organisasjon og periode igjen erstatter verdien (historikken beholdes). "
        "Eierstaben for organisasjonene de forvalter; helseforetakets rapportør for foretaket og sykehusene.",
        responses={201: IndicatorValueSerializer, 200: IndicatorValueSerializer,
                   400: OpenApiResponse(description="Feil i verdien (norsk melding)")},
    ),
)
class IndicatorValueViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    serializer_class = IndicatorValueSerializer
    queryset = IndicatorValue.objects.none()

    def get_queryset(self) -> QuerySet[Any]:
        qs = IndicatorValue.objects.visible_to(self.request.user).select_related("indicator", "organisation", "updated_by")
        return _filtered(self.request, qs).order_by("indicator__item_id", "indicator__number", "organisation__code",
                                                    "year", "period")

    def get_parsers(self) -> list[BaseParser]:
        if self.request is not None and self.request.path.rstrip("/").endswith("/import"):
            return [MultiPartParser(), FormParser()]
        return [JSONParser(), MultiPartParser(), FormParser()]

    def create(self, request: Request, *args, **kwargs) -> Response:
        serializer = cast(IndicatorValueSerializer, self.get_serializer(data=request.data))
        serializer.is_valid(raise_exception=True)
        value = serializer.save()
        code = status.HTTP_201_CREATED if serializer.created else status.HTTP_200_OK
        return Response(IndicatorValueSerializer(value).data, status=code)

    @extend_schema(
        summary="Importer indikatorverdier fra en CSV- eller XLSX-fil",
        request={"multipart/form-data": ImportUploadSerializer},
        responses={200: ImportResultSerializer, 400: ImportErrorSerializer,
                   403: OpenApiResponse(description="Bare eierstab kan importere filer.")},
    )
    @action(detail=False, methods=["post"], url_path="import", url_name="import")
    def import_file(self, request: Request) -> Response:
        if not permissions.may_import_values(request.user):
            raise PermissionDenied("Bare eierstaben kan importere indikatorverdier fra fil.")
        upload = ImportUploadSerializer(data=request.data)
        if not upload.is_valid():
            return Response({"detail": "Legg ved filen som «file» (multipart).", "errors": []}, status=400)
        try:
            result = import_values(upload.validated_data["file"], request.user)
        except ImportRejected as exc:
            errors = [{"row": e.row, "message": e.message} for e in exc.errors]
            return Response({"detail": exc.message, "errors": errors}, status=status.HTTP_400_BAD_REQUEST)
        return Response(ImportResultSerializer(result).data)


@extend_schema_view(list=extend_schema(
    summary="Vurder indikatorverdier",
    description="For hver verdi brukeren kan se: målet i ord, fargen (green, yellow, red, none) "
    "og begrunnelsen.",
    parameters=FILTERS, responses=EvaluationSerializer(many=True),
))
class EvaluationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = EvaluationSerializer
    queryset = IndicatorValue.objects.none()

    def get_queryset(self) -> QuerySet[Any]:
        qs = IndicatorValue.objects.visible_to(self.request.user).select_related("indicator__item", "organisation")
        return _filtered(self.request, qs).order_by("indicator__item_id", "indicator__number", "organisation__code",
                                                    "year", "period")

    def list(self, request: Request, *args, **kwargs) -> Response:
        queryset = self.get_queryset()
        page = self.paginate_queryset(queryset)
        values = list(page if page is not None else queryset)
        rows = evaluations(values)
        return self.get_paginated_response(rows) if page is not None else Response(rows)


def evaluations(values: list[IndicatorValue]) -> list[dict]:
    """Each value as the evaluations endpoint shows it."""
    if not values:
        return []
    evaluator = Evaluator({v.indicator for v in values}, {v.organisation_id for v in values}, {v.year for v in values})
    rows = []
    for v in values:
        result = evaluator.result(v.indicator_id, v.organisation_id, Period.parse(v.period), trend=False)
        rows.append({"indicator": v.indicator.code, "organisation": v.organisation.code, "period": v.period,
                     "value": float(v.value), "status": v.status, "target": result.target,
                     "colour": result.colour, "reason": result.evaluation.reason})
    return rows


class TargetOutSerializer(serializers.Serializer):
    organisation = serializers.CharField(allow_null=True, help_text="Kode; null: alle kravet gjelder for.")
    organisation_name = serializers.CharField(allow_null=True)
    target = serializers.CharField(help_text="Målet i ord, f.eks. «≥ 70 %» eller «grønn ≥ 85 %, gul ≥ 70 %».")
    kind = serializers.CharField(help_text=" eller ".join(", ".join(KINDS).rsplit(", ", 1)) + ".")
    better = serializers.CharField(help_text="higher eller lower.")
    value = serializers.FloatField(allow_null=True)
    yellow = serializers.FloatField(allow_null=True)
    baseline_year = serializers.IntegerField(allow_null=True)
    source = serializers.CharField(help_text="text, attachment eller reviewer.")  # type: ignore[assignment]  # the key


class LatestSerializer(serializers.Serializer):
    organisation = serializers.CharField()
    period = serializers.CharField()
    value = serializers.FloatField()
    colour = serializers.ChoiceField(choices=[c.value for c in Colour])
    reason = serializers.CharField()


class IndicatorItemSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    ref = serializers.CharField(help_text="Kravets nummer i dokumentet (tomt om det ikke har noe).")
    text = serializers.CharField()
    document = serializers.CharField()
    year = serializers.IntegerField()


class IndicatorSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Seriens kode, det importen og /api/indicator-values/ bruker: kravets id "
                                 "(«412») eller kravets id og serien («412-3»).")
    external_code = serializers.CharField(help_text="Koden eieren har satt for et annet system (f.eks. id-en til en "
                                          "nasjonal kvalitetsindikator); importen godtar den også.")
    name = serializers.CharField()
    item = IndicatorItemSerializer()
    unit = serializers.CharField()
    direction = serializers.CharField(help_text="higher, lower eller tomt (uten mål).")
    targets = TargetOutSerializer(many=True)
    latest = LatestSerializer(many=True, help_text="Siste verdi med farge per organisasjon brukeren kan se.")


def indicator_rows(entries: list[catalogue.Entry]) -> list[dict]:
    rows = []
    for e in entries:
        ind = e.indicator
        rows.append({
            "code": ind.code, "external_code": ind.external_code, "name": ind.title, "unit": ind.unit,
            "item": {"id": ind.item_id, "ref": ind.item.ref, "text": ind.item.text, "document": ind.item.document.title,
                     "year": ind.item.document.year},
            "direction": e.direction,
            "targets": [{"organisation": t.organisation.code if t.organisation else None,
                         "organisation_name": t.organisation.name if t.organisation else None,
                         "target": str(t), "kind": t.kind, "better": t.better, "value": t.value, "yellow": t.yellow,
                         "baseline_year": t.baseline_year, "source": t.source} for t in e.targets],
            "latest": [{"organisation": x.code, "period": str(x.result.period),
                        "value": x.result.value.value if x.result.value else None, "colour": x.result.colour,
                        "reason": x.result.evaluation.reason} for x in e.latest],
        })
    return rows


class IndicatorParams(serializers.Serializer):
    q = serializers.CharField(max_length=200, required=False, help_text="Ord i seriens navn eller kravets tekst.")
    code = serializers.CharField(max_length=40, required=False)
    year = serializers.IntegerField(min_value=1990, max_value=2100, required=False)
    organisation = serializers.CharField(max_length=16, required=False)


@extend_schema_view(list=extend_schema(
    summary="Indikatorserier",
    description="Seriene brukeren kan se, med koden en import bruker (og eierens eksterne kode), navn, krav, enhet, "
    "retning, målene for alle og per organisasjon eller sykehus, og siste verdi med farge per organisasjon.",
    parameters=[
        OpenApiParameter("q", str, description="Ord som alle skal stå i seriens navn eller kravets tekst"),
        OpenApiParameter("code", str, description="Seriens kode (412, 412-3) eller ekstern kode"),
        OpenApiParameter("year", int, description="Dokumentets år"),
        OpenApiParameter("organisation", str, description="Serier med mål, verdier eller krav for denne koden"),
    ],
    responses=IndicatorSerializer(many=True),
))
class IndicatorViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = IndicatorSerializer
    queryset = Indicator.objects.none()

    def get_queryset(self) -> QuerySet[Any]:
        params = IndicatorParams(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        p = params.validated_data
        return catalogue.series(self.request.user, q=p.get("q", ""), code=p.get("code", ""), year=p.get("year"),
                                organisation=p.get("organisation", ""))

    def list(self, request: Request, *args, **kwargs) -> Response:
        queryset = self.get_queryset()
        page = self.paginate_queryset(queryset)
        shown = list(page if page is not None else queryset)
        rows = indicator_rows(catalogue.entries(request.user, shown))
        return self.get_paginated_response(rows) if page is not None else Response(rows)
