from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "sotong.search"
    label = "search"
    verbose_name = "검색"
