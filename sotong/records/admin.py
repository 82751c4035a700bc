"""Officers configure the kinds of information here; records are read-only in the admin."""

from django.contrib import admin

from sotong.records.models import InfoType


@admin.register(InfoType)
class InfoTypeAdmin(admin.ModelAdmin):
    list_display = ("name", "order", "is_active", "description")
    list_editable = ("order", "is_active")
    search_fields = ("name",)
