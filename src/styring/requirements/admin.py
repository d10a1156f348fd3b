from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from styring.requirements.models import Item, ItemLink


@admin.register(Item)
class ItemAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "kind", "main_goal", "document", "confirmed")
    list_filter = ("kind", "main_goal", "confirmed", "document__year")
    search_fields = ("ref", "text")
    filter_horizontal = ("recipients", "informed")
    raw_id_fields = ("previous_year_item", "document")


@admin.register(ItemLink)
class ItemLinkAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "status", "confidence", "decided_by", "decided_at")
    list_filter = ("status",)
    raw_id_fields = ("parent", "child")
