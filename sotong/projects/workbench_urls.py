"""The officers' project pages, included by ``sotong/workbench/urls.py`` under ``/workbench/projects/``.
No ``app_name``: the names join the workbench's namespace (``workbench:projects``)."""

from django.urls import path

from sotong.projects import workbench_views as views

urlpatterns = [
    path("", views.project_list, name="projects"),
    path("<slug:slug>/", views.project_edit, name="project"),
    path("<slug:slug>/task-cards/", views.task_card_add, name="project-task-card-add"),
    path(
        "<slug:slug>/task-cards/<int:card_id>/remove/",
        views.task_card_remove,
        name="project-task-card-remove",
    ),
    path("<slug:slug>/records/", views.record_add, name="project-record-add"),
    path("<slug:slug>/records/<int:chosen_id>/remove/", views.record_remove, name="project-record-remove"),
    path("<slug:slug>/publish/", views.publish_set, name="project-publish"),
]
