"""``/api/``: the REST API, its OpenAPI schema (``/api/schema/``) and its documentation (``/api/docs/``)."""
from django.urls import include, path
from rest_framework.routers import DefaultRouter

from styring.api import docs, tokens, views
from styring.indicators import api as indicators

app_name = "api"

views.install_step_actions()  # the workflow's actions, read from reporting.transitions.TRANSITIONS
router = DefaultRouter()
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("documents", views.DocumentViewSet, basename="document")
router.register("items", views.ItemViewSet, basename="item")
router.register("reports", views.ReportViewSet, basename="report")
router.register("entries", views.EntryViewSet, basename="entry")
router.register("measures", views.MeasureViewSet, basename="measure")
router.register("risks", views.RiskViewSet, basename="risk")
router.register("periods", views.PeriodViewSet, basename="period")
router.register("indicator-values", indicators.IndicatorValueViewSet, basename="indicator-value")
router.register("evaluations", indicators.EvaluationViewSet, basename="evaluation")
router.register("indicators", indicators.IndicatorViewSet, basename="indicator")

urlpatterns = [
    path("token/", tokens.TokenView.as_view(), name="token"),
    path("token/logout/", tokens.LogoutView.as_view(), name="token-logout"),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.docs, name="docs"),
    path("search/", views.search, name="search"),
    path("calendar-feed/", views.calendar_feed, name="calendar-feed"),
    path("allocations/", views.allocations, name="allocations"),
    path("", include(router.urls)),
]
