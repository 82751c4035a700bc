from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),  # set_language: the header's language switch
    path("workbench/", include("sotong.workbench.urls")),
    path("expenses/", include("sotong.expenses.urls")),
    path("proactive/", include("sotong.proactive.urls")),
    path("projects/", include("sotong.projects.urls")),
    path("", include("sotong.portal.urls")),
]
