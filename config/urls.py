from django.contrib import admin
from django.urls import include, path

from config.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("workbench/", include("sotong.workbench.urls")),
    path("expenses/", include("sotong.expenses.urls")),
    path("proactive/", include("sotong.proactive.urls")),
    path("", include("sotong.portal.urls")),
]
