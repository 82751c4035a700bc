from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "sotong.core"
    label = "core"
