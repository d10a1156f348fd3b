"""Every text a form or serializer accepts fits the column it lands in, on both databases.

The test walks every form and serializer class of the project. A model-bound field is compared with
its model field; any other text field must be named below with the column(s) it is stored in (or
as looked up / answered only), so a new field cannot slip past unclassified. A form that accepts
more characters than the column holds is a 500 on PostgreSQL (``value too long for type character
varying``) and a SQLite backup that cannot be restored into PostgreSQL."""
from __future__ import annotations

import importlib
import pkgutil

from django import forms
from django.apps import apps
from django.db import models
from rest_framework import serializers

import styring

# "module.Class" → the model whose same-named fields a form's text fields are stored in
STORED_BY_NAME = {
    "styring.reporting.forms.EntryForm": "reporting.ReportEntry",
    "styring.reporting.forms.MeasureForm": "reporting.Measure",
    "styring.reporting.forms.RiskForm": "reporting.Risk",
    "styring.reporting.forms.AssessmentForm": "reporting.RiskAssessment",
    "styring.indicators.forms.ValueForm": "indicators.IndicatorValue",
    "styring.documents.forms.UploadForm": "documents.SteeringDocument",
    "styring.requirements.forms.NewItemForm": "requirements.Item",
    "styring.requirements.forms.SplitForm": "requirements.Item",
    "styring.api.serializers.DocumentUploadSerializer": "documents.SteeringDocument",
    "styring.api.serializers.EntryUpdateSerializer": "reporting.ReportEntry",
    "styring.api.serializers.MeasureCreateSerializer": "reporting.Measure",
    "styring.api.serializers.RiskCreateSerializer": "reporting.Risk",
    "styring.api.serializers.AssessSerializer": "reporting.RiskAssessment",
}
# "module.Class.field" → the columns ("app.Model.field") it is stored in
STORED_IN = {
    # a return's and a reopening's comment: the report's comment and the reason in its history
    "styring.reporting.forms.CommentForm.comment": ["reporting.Report.return_comment",
                                                    "reporting.HistoricalReport.history_change_reason"],
    "styring.reporting.forms.ReturnForm.comment": ["reporting.Report.return_comment",
                                                   "reporting.HistoricalReport.history_change_reason"],
    "styring.api.serializers.CommentSerializer.comment": ["reporting.Report.return_comment",
                                                          "reporting.HistoricalReport.history_change_reason"],
    "styring.api.serializers.ReturnSerializer.comment": ["reporting.Report.return_comment",
                                                         "reporting.HistoricalReport.history_change_reason"],
    "styring.requirements.forms.SplitForm.first": ["requirements.Item.text"],
    "styring.requirements.forms.SplitForm.second": ["requirements.Item.text"],
    "styring.api.serializers.DocumentUploadSerializer.issuers": [],  # codes, each looked up
    "styring.api.serializers.RiskCreateSerializer.organisation": [],  # a code, looked up
}
# text parsed into something else (a number, a period, dates): what is stored is the parser's result
PARSED = {
    "styring.indicators.forms.ValueForm.value", "styring.indicators.forms.ValueForm.numerator",
    "styring.indicators.forms.ValueForm.denominator", "styring.indicators.forms.ValueForm.period",
    "styring.requirements.forms.ItemForm.deadlines_text",
    "styring.reporting.forms.AssessmentForm.seen",  # the time the form showed, compared (a conflict check)
}
# forms and serializers whose text is only looked up or filtered on, never stored, and answers
NOT_STORED = {
    "styring.api.params", "styring.api.tokens.LoginSerializer", "styring.api.tokens.TokenSerializer",
    "styring.search.forms", "styring.requirements.forms.ItemFilterForm", "styring.requirements.forms.BulkEditForm",
    "styring.yearwheel.forms", "styring.allocations.views.MoneyForm", "styring.indicators.forms.SeriesViewForm",
    "styring.indicators.forms.ScorecardForm", "styring.cascade.forms", "styring.exports.background.ExportForm",
    "styring.indicators.api.ValueParams", "styring.api.views.AllocationParams",
    "styring.indicators.forms.IndicatorListForm", "styring.indicators.api.IndicatorParams",
}
# answers (OpenAPI descriptions of what the API sends), never read from a request
ANSWERS = {
    "styring.api.serializers.ConflictSerializer", "styring.api.serializers.ErrorSerializer",
    "styring.api.serializers.TraceStatusSerializer", "styring.api.serializers.TraceItemSerializer",
    "styring.api.serializers.TraceNodeSerializer", "styring.api.serializers.TraceSerializer",
    "styring.api.views.AllocationSerializer", "styring.api.views.CalendarFeedSerializer",
    "styring.api.views.SearchResponseSerializer", "styring.api.views.SearchResultSerializer",
    "styring.indicators.api.EvaluationSerializer", "styring.indicators.api.ImportErrorSerializer",
    "styring.indicators.api.RowErrorSerializer", "styring.indicators.api.ImportResultSerializer",
    "styring.indicators.api.TargetOutSerializer", "styring.indicators.api.LatestSerializer",
    "styring.indicators.api.IndicatorItemSerializer", "styring.indicators.api.IndicatorSerializer",
}


def _load_everything() -> None:
    importlib.import_module("styring.urls")  # registers the URL converters the apps' urls use
    for module in pkgutil.walk_packages(styring.__path__, "styring."):
        name = module.name
        if ".tests" in name or ".migrations" in name or ".management" in name or name.endswith(
                ("gunicorn_conf", "settings_test", "wsgi", "asgi", "conftest")):
            continue
        importlib.import_module(name)


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _limit(column: models.Field) -> int | None:
    """How many characters ``column`` holds (None: any number)."""
    return column.max_length if isinstance(column, models.CharField) else None


def _column(label: str) -> models.Field:
    app_model, field = label.rsplit(".", 1)
    return apps.get_model(app_model)._meta.get_field(field)


def _text_fields():
    """(qualified name, max_length, the model the class is bound to) of every text input."""
    _load_everything()
    for cls in set(_subclasses(forms.BaseForm)):
        if not cls.__module__.startswith("styring.") or ".tests" in cls.__module__:
            continue
        meta = getattr(cls, "_meta", None)
        model = getattr(meta, "model", None)
        for name, field in cls.base_fields.items():
            if isinstance(field, forms.CharField):
                yield f"{cls.__module__}.{cls.__qualname__}", name, field.max_length, model, name
    for cls in set(_subclasses(serializers.Serializer)):
        if not cls.__module__.startswith("styring.") or ".tests" in cls.__module__:
            continue
        model = getattr(getattr(cls, "Meta", None), "model", None)
        for name, field in cls().fields.items():
            if isinstance(field, serializers.CharField) and not field.read_only:
                yield f"{cls.__module__}.{cls.__qualname__}", name, field.max_length, model, field.source


def _among(qualified: str, names: set[str]) -> bool:
    return qualified in names or qualified.rsplit(".", 1)[0] in names


def _columns_of(qualified: str, name: str, model, source: str) -> list[models.Field] | None:
    """The columns a field lands in; None when it is never stored."""
    if f"{qualified}.{name}" in STORED_IN:
        return [_column(label) for label in STORED_IN[f"{qualified}.{name}"]]
    if f"{qualified}.{name}" in PARSED or _among(qualified, NOT_STORED | ANSWERS):
        return None
    if qualified in STORED_BY_NAME:
        model = apps.get_model(STORED_BY_NAME[qualified])
    if model is None:
        raise AssertionError(f"{qualified}.{name}: say where it is stored (STORED_IN) or that it is not (NOT_STORED)")
    return [model._meta.get_field(source.split(".")[0])]


def test_every_form_and_serializer_text_fits_its_column():
    too_long, checked = [], 0
    for qualified, name, limit, model, source in _text_fields():
        columns = _columns_of(qualified, name, model, source)
        for column in columns or []:
            if isinstance(column, models.ForeignKey):
                column = column.target_field
            holds = _limit(column)
            checked += 1
            if holds is not None and (limit is None or limit > holds):
                too_long.append(f"{qualified}.{name}: accepts {limit or 'any number of'} characters, "
                                f"{column.model.__name__}.{column.name} holds {holds}")
    assert checked > 40  # the walk found the project's forms and serializers
    assert not too_long, "\n".join(too_long)


def test_the_reason_in_every_history_holds_a_whole_comment():
    """A change's reason quotes a comment (up to 5000 characters): a text column in every history."""
    histories = [m for m in apps.get_models() if any(f.name == "history_change_reason" for f in m._meta.fields)]
    assert len(histories) > 10
    for model in histories:
        assert _limit(model._meta.get_field("history_change_reason")) is None, model.__name__


MAX_DB_INTEGER = 2**63 - 1


def _number_fields():
    _load_everything()
    for cls in set(_subclasses(forms.BaseForm)):
        if cls.__module__.startswith("styring.") and ".tests" not in cls.__module__:
            for name, field in cls.base_fields.items():
                if isinstance(field, forms.IntegerField) and not isinstance(field, forms.DecimalField | forms.FloatField):
                    yield f"{cls.__module__}.{cls.__qualname__}.{name}", field.max_value
    for cls in set(_subclasses(serializers.Serializer)):
        qualified = f"{cls.__module__}.{cls.__qualname__}"
        if cls.__module__.startswith("styring.") and ".tests" not in cls.__module__ and not _among(qualified, ANSWERS):
            for name, field in cls().fields.items():
                if isinstance(field, serializers.IntegerField) and not field.read_only:
                    yield f"{qualified}.{name}", field.max_value


def test_every_number_a_form_or_serializer_takes_is_bounded_before_the_database():
    """A number larger than the database's integer overflowed in SQL (a 500): every whole number
    read from a request has a largest value the databases can take."""
    unbounded = [f"{name}: max_value {limit}" for name, limit in _number_fields()
                 if limit is None or limit > MAX_DB_INTEGER]
    assert not unbounded, "\n".join(unbounded)
