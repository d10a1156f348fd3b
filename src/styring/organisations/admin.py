from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from styring.organisations.models import Organisation, OrganisationGroup


@admin.register(Organisation)
class OrganisationAdmin(SimpleHistoryAdmin):
    list_display = ("code", "name", "kind", "active")
    list_filter = ("kind", "active")
    search_fields = ("code", "name", "aliases")
    filter_horizontal = ("owners",)


@admin.register(OrganisationGroup)
class OrganisationGroupAdmin(SimpleHistoryAdmin):
    list_display = ("name", "region")
    filter_horizontal = ("members",)
