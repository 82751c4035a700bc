"""``/sitemap.xml``: the portal's fixed pages and every record page (Django's sitemaps framework).

The index splits the records into files of 50,000 (the sitemap protocol's limit), ordered by id so
that a file's contents stay put as records are added.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, QuerySet
from django.urls import reverse

from sotong.projects.sitemaps import ProjectsSitemap
from sotong.publication.models import PublishedRecord

FIXED_PAGES = (
    "portal:home", "portal:list", "portal:browse", "portal:search", "portal:verify", "expenses:list",
    "proactive:catalogue", "projects:list",
)  # fmt: skip


class FixedPagesSitemap(Sitemap):
    changefreq = "daily"

    def items(self) -> tuple[str, ...]:
        return FIXED_PAGES

    def location(self, item: str) -> str:
        return reverse(item)


class RecordsSitemap(Sitemap):
    limit = 50_000

    def items(self) -> QuerySet[PublishedRecord]:
        return PublishedRecord.objects.order_by("id").only("public_id", "updated_at")

    def location(self, item: PublishedRecord) -> str:
        return reverse("portal:record", args=[item.public_id])

    def lastmod(self, item: PublishedRecord) -> dt.datetime:
        return item.updated_at

    def get_latest_lastmod(self) -> dt.datetime | None:
        """For the index: one aggregate on the indexed ``updated_at``, where Django's default calls
        ``lastmod`` on every record (2 s at 100,000 records, ``bench/page_times.py``)."""
        return PublishedRecord.objects.aggregate(latest=Max("updated_at"))["latest"]


SITEMAPS = {"pages": FixedPagesSitemap, "records": RecordsSitemap, "projects": ProjectsSitemap}
