"""``sotong rebuild-index``: recreate the search index from the publication layer."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from sotong.search.indexer import search_rebuild


class Command(BaseCommand):
    help = "검색 색인을 공개 정보로부터 다시 만듭니다 / rebuild the search index from published records"

    def handle(self, *args: Any, **options: Any) -> None:
        total = search_rebuild()
        self.stdout.write(f"{total}건을 색인했습니다 / indexed {total} records")
