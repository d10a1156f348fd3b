from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from styring.documents.models import Allocation, ReportingDeadline, SteeringDocument


class ReportingDeadlineInline(admin.TabularInline):
    model = ReportingDeadline
    extra = 0


class AllocationInline(admin.TabularInline):
    model = Allocation
    extra = 0


@admin.register(SteeringDocument)
class SteeringDocumentAdmin(SimpleHistoryAdmin):
    list_display = ("title", "year", "kind", "status")
    list_filter = ("year", "kind", "status")
    search_fields = ("title",)
    filter_horizontal = ("issuers", "addressees")
    inlines = [ReportingDeadlineInline, AllocationInline]
