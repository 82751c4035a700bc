"""``sotong rebuild-index [--if-stale]``: recreate the search index from the publication layer."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sotong.search.errors import SearchError
from sotong.search.indexer import search_index_is_stale, search_rebuild


class Command(BaseCommand):
    help = "검색 색인을 공개 정보로부터 다시 만듭니다 / rebuild the search index from published records"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-stale", action="store_true", help="only when the index does not hold every published record"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_stale"] and not search_index_is_stale():
            return
        self.stdout.write("검색 색인을 만듭니다 / building the search index…")
        try:
            total = search_rebuild()
        except SearchError as error:  # a backend that cannot run here: say why, not a traceback
            raise CommandError(str(error)) from error
        self.stdout.write(f"{total}건을 색인했습니다 / indexed {total} records")
