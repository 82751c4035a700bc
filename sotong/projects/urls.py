from django.urls import path

from sotong.projects import views

app_name = "projects"
urlpatterns = [
    path("", views.project_index, name="list"),
    path("<slug:slug>/", views.project_detail, name="project"),
]
