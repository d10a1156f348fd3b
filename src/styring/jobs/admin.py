from django.contrib import admin

from styring.jobs.models import Job, ScheduledRun


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ("title", "user", "state", "progress", "created_at", "finished_at")
    list_filter = ("state", "kind")
    search_fields = ("title", "user__username")
    readonly_fields = [f.name for f in Job._meta.fields]


@admin.register(ScheduledRun)
class ScheduledRunAdmin(admin.ModelAdmin):
    list_display = ("task", "slot", "node", "started_at", "finished_at", "error")
    list_filter = ("task",)
    readonly_fields = [f.name for f in ScheduledRun._meta.fields]
