from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "sotong.records"
    label = "records"
    verbose_name = "기록물"
