from django.urls import path

from sotong.proactive import views

app_name = "proactive"
urlpatterns = [
    path("", views.catalogue, name="catalogue"),
    path("<int:item_id>/", views.item_detail, name="item"),
]
