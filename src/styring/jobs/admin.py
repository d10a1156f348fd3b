from django.contrib import admin

from styring.jobs.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "state", "progress", "created_at", "finished_at")
    list_filter = ("state", "kind")
    search_fields = ("title", "user__username")
    readonly_fields = [f.name for f in Job._meta.fields]
