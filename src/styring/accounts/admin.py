from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from styring.accounts.models import Membership, OIDCIdentity


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False
    verbose_name_plural = "medlemskap"


class OIDCIdentityInline(admin.TabularInline):
    """The sign-ins through OpenID Connect linked to this account (deleting one unlinks it)."""

    model = OIDCIdentity
    extra = 0
    fields = readonly_fields = ("issuer", "subject", "linked_at")

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


class StyringUserAdmin(UserAdmin):
    inlines = [MembershipInline, OIDCIdentityInline]
    list_display = ("username", "first_name", "last_name", "email", "membership")


admin.site.unregister(User)
admin.site.register(User, StyringUserAdmin)


@admin.register(Membership)
class MembershipAdmin(SimpleHistoryAdmin):
    list_display = ("user", "organisation", "role")
    list_filter = ("role", "organisation__kind")
    search_fields = ("user__username", "organisation__code")
