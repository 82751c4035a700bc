from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "sotong.search"
    label = "search"
    verbose_name = "검색"

    def ready(self) -> None:
        from django.conf import settings
        from django.core import checks

        from sotong.search import thesaurus
        from sotong.search.checks import search_backend_check
        from sotong.search.korean import configure

        checks.register(search_backend_check)
        thesaurus.configure(settings.SOTONG_THESAURUS)

        # Bulk indexing (list imports, rebuilds) spreads Kiwi's batches over every core.
        configure(num_workers=settings.SOTONG_ANALYSIS_WORKERS)
