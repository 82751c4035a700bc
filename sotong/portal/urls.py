from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from sotong.portal import browse_page, views
from sotong.portal.sitemaps import SITEMAPS

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("search/feed/", views.search_feed, name="search_feed"),
    path("feed/", views.records_feed, name="feed"),
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "portal:sitemap_section"},
        name="sitemap",
    ),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap_section"),
    path("list/", views.record_list, name="list"),
    path("browse/", browse_page.browse, name="browse"),
    path("records/<str:public_id>/", views.record_detail, name="record"),
    path("records/<str:public_id>/preview/", views.record_preview, name="preview"),
    path("records/<str:public_id>/files/<int:order>/", views.file_download, name="download"),
    path(
        "records/<str:public_id>/files/<int:order>/pages/<int:number>.png",
        views.page_image,
        name="page_image",
    ),
    path("verify/", views.verify, name="verify"),
    path("verify/certificate.pem", views.signing_certificate, name="certificate"),
]
