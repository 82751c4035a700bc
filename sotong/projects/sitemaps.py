"""The published projects' pages for ``/sitemap.xml``: ``"projects": ProjectsSitemap`` in the portal's
``SITEMAPS``. An unpublished project is never listed."""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import QuerySet

from sotong.projects.models import Project


class ProjectsSitemap(Sitemap):
    changefreq = "weekly"

    def items(self) -> QuerySet[Project]:
        return Project.objects.filter(published=True).order_by("id").only("slug", "updated_at")

    def lastmod(self, item: Project) -> dt.datetime:
        return item.updated_at
