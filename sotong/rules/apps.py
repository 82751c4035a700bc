from django.apps import AppConfig


class RulesConfig(AppConfig):
    name = "sotong.rules"
    label = "rules"
    verbose_name = "공개 기준"
