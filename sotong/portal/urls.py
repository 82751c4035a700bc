from django.urls import path

from sotong.portal import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("list/", views.record_list, name="list"),
    path("records/<str:public_id>/", views.record_detail, name="record"),
    path("records/<str:public_id>/files/<int:order>/", views.file_download, name="download"),
    path(
        "records/<str:public_id>/files/<int:order>/pages/<int:number>.png",
        views.page_image,
        name="page_image",
    ),
    path("verify/", views.verify, name="verify"),
    path("verify/certificate.pem", views.signing_certificate, name="certificate"),
]
