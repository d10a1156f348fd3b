from django.contrib import admin

from styring.files.models import StoredFile


@admin.register(StoredFile)
class StoredFileAdmin(admin.ModelAdmin):
    list_display = ("name", "size", "created_at")
    search_fields = ("name",)
    exclude = ("content",)
    readonly_fields = ("name", "size", "created_at")
