from django.contrib import admin

from sotong.accounts.models import Official


@admin.register(Official)
class OfficialAdmin(admin.ModelAdmin):
    list_display = ("user", "organization", "department")
    list_filter = ("organization",)
    search_fields = ("user__username", "department__name")
    raw_id_fields = ("user", "department")  # thousands of units: a select would be unusable
    list_select_related = ("user", "organization", "department")
