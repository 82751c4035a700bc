from django.contrib import admin

from sotong.organizations.models import Department, Organization


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")
    list_filter = ("kind",)
    search_fields = ("name",)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "organization", "parent", "level", "from_source")
    list_filter = ("organization", "level", "from_source")
    search_fields = ("name",)
