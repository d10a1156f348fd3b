from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from styring.requirements.models import Item


@admin.register(Item)
class ItemAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "kind", "main_goal", "document", "confirmed")
    list_filter = ("kind", "main_goal", "confirmed", "document__year")
    search_fields = ("ref", "text")
    filter_horizontal = ("recipients", "informed")
    raw_id_fields = ("parent", "previous_year_item", "document")
