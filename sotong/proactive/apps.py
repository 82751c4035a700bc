from django.apps import AppConfig


class ProactiveConfig(AppConfig):
    name = "sotong.proactive"
    label = "proactive"
    verbose_name = "사전정보공표"
