from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from styring.indicators.models import Indicator, IndicatorValue, Target


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    raw_id_fields = ("organisation",)


@admin.register(Indicator)
class IndicatorAdmin(SimpleHistoryAdmin):
    list_display = ("code", "__str__", "unit", "aggregation")
    list_filter = ("aggregation", "item__document__year")
    search_fields = ("name", "item__text")
    raw_id_fields = ("item",)
    inlines = [TargetInline]


@admin.register(IndicatorValue)
class IndicatorValueAdmin(SimpleHistoryAdmin):
    list_display = ("indicator", "organisation", "period", "value", "status", "source", "updated_at")
    list_filter = ("status", "year")
    search_fields = ("organisation__code", "source")
    raw_id_fields = ("indicator", "organisation", "updated_by")
