from django.urls import include, path

from sotong.proactive import workbench_views as proactive
from sotong.workbench import views

app_name = "workbench"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("login/", views.login, name="login"),
    path("logout/", views.logout, name="logout"),
    path("withheld/", views.withheld, name="withheld"),
    path("dead-letters/", views.dead_letters, name="dead-letters"),
    path("dead-letters/<int:letter_id>/retry/", views.dead_letter_retry, name="dead-letter-retry"),
    path("records/<str:public_id>/", views.record_detail, name="record"),
    path("records/<str:public_id>/masks/", views.mask_add, name="mask-add"),
    path("records/<str:public_id>/masks/<int:mask_id>/clear/", views.mask_clear, name="mask-clear"),
    path("records/<str:public_id>/masks/<int:mask_id>/restore/", views.mask_restore, name="mask-restore"),
    path("records/<str:public_id>/decision/", views.decision_change, name="decision"),
    path("records/<str:public_id>/approve/", views.record_approve, name="approve"),
    path("proactive/", proactive.item_list, name="proactive"),
    path("proactive/<int:item_id>/cycle/", proactive.cycle_set, name="proactive-cycle"),
    path("projects/", include("sotong.projects.workbench_urls")),
]
